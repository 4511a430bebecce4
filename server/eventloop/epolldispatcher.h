// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "eventloop/timerlist.h"

#include <QAbstractEventDispatcher>
#include <QAtomicInt>

#include <vector>

namespace natter::server::eventloop {

//! An event dispatcher on Linux epoll for the server's socket thread. Qt's own dispatchers
//! (GLib's and QEventDispatcherUNIX) hand the kernel every socket's descriptor on every pass
//! of the loop and search a list to switch a notifier off, so each ping cost more the more
//! sockets were open (200 µs at 18,000 sockets). Here the kernel keeps the interest list:
//! switching a notifier costs one epoll_ctl and an array lookup by descriptor, and a pass
//! costs what is ready, not what is open. Level-triggered, so it behaves as Qt's do: a
//! notifier fires on every pass while its descriptor stays ready.
//!
//! Timers are a TimerList; posted events are sent at the start of each pass; wakeUp() is an
//! eventfd, safe from any thread. Nested event loops and notifiers or timers deleted while
//! they are being dispatched are allowed, as with Qt's dispatchers. docs/architecture.md,
//! "The socket thread's event loop", has the measurements.
class EpollDispatcher final : public QAbstractEventDispatcher
{
    Q_OBJECT

public:
    explicit EpollDispatcher(QObject *parent = nullptr);
    ~EpollDispatcher() override;

    //! False when the kernel refused an epoll or eventfd descriptor (the loop cannot run).
    [[nodiscard]] bool isValid() const { return m_epoll >= 0 && m_wakeFd >= 0; }

    bool processEvents(QEventLoop::ProcessEventsFlags flags) override;

    void registerSocketNotifier(QSocketNotifier *notifier) override;
    void unregisterSocketNotifier(QSocketNotifier *notifier) override;

    void registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                       QObject *object) override;
    bool unregisterTimer(int timerId) override;
    bool unregisterTimers(QObject *object) override;
    [[nodiscard]] QList<TimerInfo> registeredTimers(QObject *object) const override;
    int remainingTime(int timerId) override;

    void wakeUp() override;
    void interrupt() override;

private:
    //! The notifiers watching one descriptor (Qt allows one of each type) and the readiness
    //! the current pass still has to deliver to them.
    struct Watch
    {
        QSocketNotifier *read = nullptr;
        QSocketNotifier *write = nullptr;
        QSocketNotifier *exception = nullptr;
        //! A descriptor epoll cannot watch (a regular file): poll() reports it always ready,
        //! so it is treated as ready on every pass.
        bool alwaysReady = false;
        //! Registered with epoll (the first notifier adds, the last one removes).
        bool inEpoll = false;
        //! Notifier types (Pending bits) the current pass found ready and has not yet
        //! activated; unregistering a notifier clears its bit, so it is never activated late.
        quint8 pending = 0;
        [[nodiscard]] bool isEmpty() const { return !read && !write && !exception; }
        [[nodiscard]] quint32 interest() const;
    };

    //! One notifier found ready: its descriptor and type (a Watch::pending bit).
    struct ReadyNotifier
    {
        int fd;
        quint8 type;
    };

    [[nodiscard]] int waitTimeoutMs(bool mayBlock, bool includeTimers, bool includeNotifiers) const;
    //! epoll_wait (or, with notifiers excluded, a poll of the wake-up descriptor alone);
    //! queues the notifiers found ready. Returns whether wakeUp() was called.
    bool wait(int timeoutMs, bool includeNotifiers);
    void queueReady(int fd, Watch &watch, quint32 events);
    //! Activates the queued notifiers; returns how many.
    int activateReady();
    void updateInterest(int fd);
    void drainWakeUps();
    [[nodiscard]] Watch *watchOf(int fd);

    int m_epoll = -1;
    int m_wakeFd = -1;
    //! Indexed by descriptor: descriptors are small dense integers, so this is a hash with
    //! no collisions and no search.
    std::vector<Watch> m_watches;
    std::vector<int> m_alwaysReady;
    //! Notifiers to activate, shared by nested loops: a loop run inside a notifier's slot
    //! goes on with the queue, as Qt's dispatchers do, so a notifier found ready by an outer
    //! pass is not held back until that slot returns.
    std::vector<ReadyNotifier> m_ready;
    std::size_t m_nextReady = 0;
    TimerList m_timers;
    QAtomicInt m_wakeUpPending;
    QAtomicInt m_interrupted;
};

} // namespace natter::server::eventloop
