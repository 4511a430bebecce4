// SPDX-License-Identifier: Apache-2.0
#include "eventloop/timerlist.h"

#include <QCoreApplication>
#include <QTimerEvent>

#include <algorithm>
#include <array>

namespace natter::server::eventloop {
namespace {

using namespace std::chrono;
using Clock = TimerList::Clock;

// Qt's bounds: below 20 ms, 5 % is under a millisecond, so a coarse timer is precise; from
// 20 s, 5 % is a second or more, so it is very coarse.
constexpr qint64 kCoarseFloorMs = 20;
constexpr qint64 kCoarseCeilingMs = 20'000;

Qt::TimerType effectiveType(Qt::TimerType type, qint64 intervalMs)
{
    if (type == Qt::CoarseTimer && intervalMs <= kCoarseFloorMs)
        return Qt::PreciseTimer;
    if (type == Qt::CoarseTimer && intervalMs >= kCoarseCeilingMs)
        return Qt::VeryCoarseTimer;
    return type;
}

Clock::time_point roundToNearest(Clock::time_point at, milliseconds step)
{
    const auto since = at.time_since_epoch();
    const auto below = since - since % step;
    return Clock::time_point(since - below >= step / 2 ? below + step : below);
}

// A coarse timer may fire up to 5 % early or late. Rounding its deadline to the coarsest
// boundary that stays within that lets timers due at about the same moment share a wake-up,
// which is what the tolerance is for.
Clock::time_point coarseDeadline(Clock::time_point expected, qint64 intervalMs)
{
    const qint64 slackMs = intervalMs / 20;
    static constexpr std::array<qint64, 8> kSteps{1000, 500, 250, 100, 50, 25, 10, 5};
    for (const qint64 step : kSteps) {
        if (step / 2 <= slackMs)
            return roundToNearest(expected, milliseconds(step));
    }
    return expected;
}

Clock::time_point nextWholeSecond(Clock::time_point at)
{
    const auto since = at.time_since_epoch();
    const auto rest = since % seconds(1);
    return rest == Clock::duration::zero() ? at : at + (seconds(1) - rest);
}

} // namespace

void TimerList::add(int timerId, qint64 intervalMs, Qt::TimerType type, QObject *object)
{
    Timer &timer = m_timers[timerId];
    timer = Timer{timerId,
                  std::max<qint64>(0, intervalMs),
                  effectiveType(type, intervalMs),
                  object,
                  {},
                  {},
                  m_byDeadline.end(),
                  false};
    schedule(timer, Clock::now(), true);
    enqueue(timer);
    m_byObject.emplace(object, timerId);
}

bool TimerList::remove(int timerId)
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return false;
    m_byDeadline.erase(it->second.queued);
    auto [first, last] = m_byObject.equal_range(it->second.object);
    for (auto owned = first; owned != last; ++owned) {
        if (owned->second == timerId) {
            m_byObject.erase(owned);
            break;
        }
    }
    m_timers.erase(it);
    return true;
}

bool TimerList::removeAll(QObject *object)
{
    auto [first, last] = m_byObject.equal_range(object);
    if (first == last)
        return false;
    for (auto owned = first; owned != last; ++owned) {
        const auto it = m_timers.find(owned->second);
        m_byDeadline.erase(it->second.queued);
        m_timers.erase(it);
    }
    m_byObject.erase(first, last);
    return true;
}

QList<QAbstractEventDispatcher::TimerInfo> TimerList::timersOf(QObject *object) const
{
    QList<QAbstractEventDispatcher::TimerInfo> infos;
    auto [first, last] = m_byObject.equal_range(object);
    for (auto owned = first; owned != last; ++owned) {
        const Timer &timer = m_timers.at(owned->second);
        // The type as registered matters to QObject (it re-registers timers on a thread
        // change), not the one it was treated as; only CoarseTimer is ever treated otherwise.
        infos.append({timer.id, int(timer.intervalMs), timer.type});
    }
    return infos;
}

int TimerList::remainingMs(int timerId) const
{
    const auto it = m_timers.find(timerId);
    if (it == m_timers.end())
        return -1;
    const auto left = duration_cast<milliseconds>(it->second.deadline - Clock::now()).count();
    return int(std::max<qint64>(0, left));
}

std::optional<Clock::duration> TimerList::timeUntilNext() const
{
    if (m_byDeadline.empty())
        return std::nullopt;
    return std::max(Clock::duration::zero(), m_byDeadline.begin()->first.first - Clock::now());
}

int TimerList::fireDue()
{
    const Clock::time_point now = Clock::now();
    // A timer re-queued during this pass (a zero timer, or one whose next deadline has
    // already passed) waits for the next pass, so one pass always ends.
    const std::uint64_t queuedBefore = m_insertions;
    int fired = 0;
    while (!m_byDeadline.empty()) {
        const auto front = m_byDeadline.begin();
        if (front->first.first > now || front->first.second >= queuedBefore)
            break;
        const int id = front->second;
        Timer &timer = m_timers.at(id);
        m_byDeadline.erase(front);
        schedule(timer, now, false);
        enqueue(timer);
        if (timer.firing)
            continue;
        timer.firing = true;
        QTimerEvent event(id);
        QCoreApplication::sendEvent(timer.object, &event);
        ++fired;
        // The handler may have killed the timer (and its object): look it up again.
        if (const auto still = m_timers.find(id); still != m_timers.end())
            still->second.firing = false;
    }
    return fired;
}

void TimerList::enqueue(Timer &timer)
{
    timer.queued = m_byDeadline.emplace(std::pair{timer.deadline, m_insertions++}, timer.id);
}

void TimerList::schedule(Timer &timer, Clock::time_point now, bool isNew)
{
    const milliseconds interval(timer.intervalMs);
    switch (timer.type) {
    case Qt::VeryCoarseTimer: {
        // Whole seconds, at whole seconds of the clock.
        const seconds wholeSeconds(std::max<qint64>(1, (timer.intervalMs + 500) / 1000));
        timer.expected =
            isNew ? nextWholeSecond(now) + wholeSeconds : timer.expected + wholeSeconds;
        if (timer.expected < now)
            timer.expected = nextWholeSecond(now) + wholeSeconds;
        timer.deadline = timer.expected;
        return;
    }
    case Qt::CoarseTimer:
        timer.expected = isNew ? now + interval : timer.expected + interval;
        if (timer.expected < now)
            timer.expected = now + interval;
        timer.deadline = coarseDeadline(timer.expected, timer.intervalMs);
        return;
    case Qt::PreciseTimer:
        break;
    }
    // A precise timer keeps its phase; one that fell behind (a long handler, a blocked loop)
    // skips what it missed instead of firing in a burst, as Qt's does.
    timer.expected = isNew ? now + interval : timer.expected + interval;
    if (timer.expected < now)
        timer.expected = now + interval;
    timer.deadline = timer.expected;
}

} // namespace natter::server::eventloop
