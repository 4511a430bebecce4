// SPDX-License-Identifier: Apache-2.0
#include "realtime/heartbeats.h"

#include "realtime/connection.h"

#include <algorithm>

namespace natter::server::realtime {

Heartbeats::Heartbeats(const GatewayOptions &options, QObject *parent) : QObject(parent)
{
    const int interval = std::min(options.pingIntervalMs, options.idleTimeoutMs / 2);
    m_timer.setInterval(std::max(1, interval / int(kSlots)));
    connect(&m_timer, &QTimer::timeout, this, &Heartbeats::tick);
    m_timer.start();
}

void Heartbeats::add(Connection *connection)
{
    m_slots[connection->serial() % kSlots].insert(connection);
}

void Heartbeats::remove(Connection *connection)
{
    m_slots[connection->serial() % kSlots].remove(connection);
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
