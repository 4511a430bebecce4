// SPDX-License-Identifier: Apache-2.0
#include "realtime/heartbeats.h"

#include "realtime/connection.h"

#include <algorithm>
#include <chrono>
#include <limits>

namespace natter::server::realtime {

Heartbeats::Heartbeats(const GatewayOptions &options, QObject *parent) : QObject(parent)
{
    // Each socket is visited twice per ping interval, so a silent one is pinged between one and
    // one and a half intervals after it was last heard, and a dead one is dropped at most half
    // an interval after the idle timeout.
    const int interval = std::min(options.pingIntervalMs, options.idleTimeoutMs / 2);
    m_timer.setInterval(std::max(1, interval / 2 / int(kSlots)));
    connect(&m_timer, &QTimer::timeout, this, &Heartbeats::tick);
    m_timer.start();
    m_deadlineTimer.setSingleShot(true);
    m_deadlineTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_deadlineTimer, &QTimer::timeout, this, &Heartbeats::fireDeadlines);
}

void Heartbeats::add(Connection *connection)
{
    m_slots[connection->serial() % kSlots].insert(connection);
}

void Heartbeats::remove(Connection *connection)
{
    m_slots[connection->serial() % kSlots].remove(connection);
    clearDeadline(connection);
}

qint64 Heartbeats::nowMs()
{
    using namespace std::chrono;
    return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

void Heartbeats::setDeadline(Connection *connection, qint64 atMs)
{
    const bool wasFirst =
        connection->queuedDeadlineMs >= 0 && m_deadlines.begin()->second == connection;
    if (connection->queuedDeadlineMs >= 0)
        m_deadlines.erase({connection->queuedDeadlineMs, connection->serial()});
    connection->queuedDeadlineMs = atMs;
    const auto placed = m_deadlines.emplace(std::pair{atMs, connection->serial()}, connection);
    if (wasFirst || placed.first == m_deadlines.begin())
        armDeadlineTimer();
}

void Heartbeats::clearDeadline(Connection *connection)
{
    if (connection->queuedDeadlineMs < 0)
        return;
    const bool wasFirst = m_deadlines.begin()->second == connection;
    m_deadlines.erase({connection->queuedDeadlineMs, connection->serial()});
    connection->queuedDeadlineMs = -1;
    if (wasFirst)
        armDeadlineTimer();
}

void Heartbeats::armDeadlineTimer()
{
    if (m_deadlines.empty()) {
        m_deadlineTimer.stop();
        return;
    }
    const qint64 wait = std::max<qint64>(0, m_deadlines.begin()->first.first - nowMs());
    // QTimer takes an int; a later deadline is re-armed when this one fires early.
    m_deadlineTimer.start(int(std::min<qint64>(wait, std::numeric_limits<int>::max())));
}

void Heartbeats::fireDeadlines()
{
    // Taken out first: a deadline may set a new one (even one already due) or close sockets.
    const qint64 now = nowMs();
    std::vector<Connection *> due;
    while (!m_deadlines.empty() && m_deadlines.begin()->first.first <= now) {
        due.push_back(m_deadlines.begin()->second);
        due.back()->queuedDeadlineMs = -1;
        m_deadlines.erase(m_deadlines.begin());
    }
    // Closing only schedules a connection's deletion, so every pointer here stays valid.
    for (Connection *connection : due)
        connection->onDeadline();
    armDeadlineTimer();
}

void Heartbeats::tick()
{
    // A copy: a heartbeat may drop its socket, which leaves the slot.
    const QSet<Connection *> due = m_slots[m_next];
    m_next = (m_next + 1) % kSlots;
    for (Connection *connection : due)
        connection->heartbeat();
}

} // namespace natter::server::realtime
