// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractEventDispatcher>
#include <QList>

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

namespace natter::server::eventloop {

//! The timers of one thread's event loop, ordered by deadline, with Qt's meaning of a timer:
//! precise timers fire to the millisecond; coarse ones may move by up to 5 % of their interval
//! so that timers due at about the same time fire in one wake-up; very coarse ones fire on
//! whole seconds; a zero interval fires on every pass. Registering, killing and finding the
//! next deadline cost O(log n), where Qt's own list is a sorted QList (O(n) per insertion).
class TimerList final
{
public:
    using Clock = std::chrono::steady_clock;

    void add(int timerId, qint64 intervalMs, Qt::TimerType type, QObject *object);
    bool remove(int timerId);
    bool removeAll(QObject *object);
    [[nodiscard]] QList<QAbstractEventDispatcher::TimerInfo> timersOf(QObject *object) const;
    //! Milliseconds until the timer is due (0 if overdue), or -1 for an unknown id.
    [[nodiscard]] int remainingMs(int timerId) const;
    //! How long the loop may sleep before the next timer is due; nullopt with no timers.
    [[nodiscard]] std::optional<Clock::duration> timeUntilNext() const;
    //! Sends a QTimerEvent for each timer due now, each at most once; a timer whose own
    //! timeout is running (a nested event loop inside it) is not fired again meanwhile.
    //! Returns how many fired.
    int fireDue();

    [[nodiscard]] bool isEmpty() const { return m_timers.empty(); }

private:
    struct Timer
    {
        int id;
        qint64 intervalMs;
        Qt::TimerType type;
        QObject *object;
        //! When it would fire on an exact clock; `deadline` is this moved within the timer
        //! type's tolerance, so a coarse timer keeps its average interval.
        Clock::time_point expected;
        Clock::time_point deadline;
        //! Position in m_byDeadline, so killing a timer needs no search.
        std::multimap<std::pair<Clock::time_point, std::uint64_t>, int>::iterator queued;
        bool firing = false;
    };
    using Queue = std::multimap<std::pair<Clock::time_point, std::uint64_t>, int>;

    void enqueue(Timer &timer);
    //! Sets `expected` one interval on (from `now` for a new timer) and `deadline` from it.
    static void schedule(Timer &timer, Clock::time_point now, bool isNew);

    std::unordered_map<int, Timer> m_timers;
    //! (deadline, insertion order) -> timer id: equal deadlines fire in the order they were set.
    Queue m_byDeadline;
    std::uint64_t m_insertions = 0;
    std::unordered_multimap<QObject *, int> m_byObject;
};

} // namespace natter::server::eventloop
