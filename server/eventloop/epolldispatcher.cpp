// SPDX-License-Identifier: Apache-2.0
#include "eventloop/epolldispatcher.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <climits>

#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace natter::server::eventloop {
namespace {

// Bits of Watch::pending, one per notifier type.
constexpr quint8 kReadPending = 1;
constexpr quint8 kWritePending = 2;
constexpr quint8 kExceptionPending = 4;

// What poll() readiness Qt's own dispatcher treats as each type's activation.
constexpr quint32 kReadEvents = EPOLLIN | EPOLLHUP | EPOLLERR;
constexpr quint32 kWriteEvents = EPOLLOUT | EPOLLERR;
constexpr quint32 kExceptionEvents = EPOLLPRI;

// Descriptors taken from the kernel per pass. Level-triggered epoll hands the rest out on
// the next pass, round robin, so a burst of sockets cannot keep timers and posted events
// (the database's answers) waiting for long.
constexpr int kMaxEventsPerPass = 256;

quint8 pendingBit(QSocketNotifier::Type type)
{
    switch (type) {
    case QSocketNotifier::Read:
        return kReadPending;
    case QSocketNotifier::Write:
        return kWritePending;
    case QSocketNotifier::Exception:
        return kExceptionPending;
    }
    return 0;
}

} // namespace

quint32 EpollDispatcher::Watch::interest() const
{
    return (read ? quint32(EPOLLIN) : 0) | (write ? quint32(EPOLLOUT) : 0) |
           (exception ? quint32(EPOLLPRI) : 0);
}

EpollDispatcher::EpollDispatcher(QObject *parent)
    : QAbstractEventDispatcher(parent), m_epoll(::epoll_create1(EPOLL_CLOEXEC)),
      m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
{
    if (m_epoll < 0 || m_wakeFd < 0) {
        qErrnoWarning("EpollDispatcher: cannot create the epoll or eventfd descriptor");
        return;
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.fd = m_wakeFd;
    if (::epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wakeFd, &event) != 0)
        qErrnoWarning("EpollDispatcher: cannot watch the wake-up descriptor");
}

EpollDispatcher::~EpollDispatcher()
{
    if (m_wakeFd >= 0)
        ::close(m_wakeFd);
    if (m_epoll >= 0)
        ::close(m_epoll);
}

bool EpollDispatcher::processEvents(QEventLoop::ProcessEventsFlags flags)
{
    m_interrupted.storeRelaxed(0);
    Q_EMIT awake();
    // Anything posted from now on calls wakeUp(), which makes the wait below return at once:
    // no posted event waits for a socket or a timer.
    QCoreApplication::sendPostedEvents();

    const bool includeTimers = !flags.testFlag(QEventLoop::X11ExcludeTimers);
    const bool includeNotifiers = !flags.testFlag(QEventLoop::ExcludeSocketNotifiers);
    const bool mayBlock =
        flags.testFlag(QEventLoop::WaitForMoreEvents) && !m_interrupted.loadRelaxed();
    if (mayBlock)
        Q_EMIT aboutToBlock();
    if (m_interrupted.loadRelaxed())
        return false;

    const bool wokenUp =
        wait(waitTimeoutMs(mayBlock, includeTimers, includeNotifiers), includeNotifiers);
    int handled = wokenUp ? 1 : 0;
    if (includeNotifiers)
        handled += activateReady();
    if (includeTimers)
        handled += m_timers.fireDue();
    return handled > 0;
}

int EpollDispatcher::waitTimeoutMs(bool mayBlock, bool includeTimers, bool includeNotifiers) const
{
    if (!mayBlock || (includeNotifiers && !m_alwaysReady.empty()))
        return 0;
    if (!includeTimers)
        return -1;
    const auto untilTimer = m_timers.timeUntilNext();
    if (!untilTimer)
        return -1;
    // Rounded up: waking before the deadline would only spin until it.
    const auto ms = std::chrono::ceil<std::chrono::milliseconds>(*untilTimer).count();
    return int(std::min<qint64>(ms, INT_MAX));
}

bool EpollDispatcher::wait(int timeoutMs, bool includeNotifiers)
{
    bool wokenUp = false;
    if (!includeNotifiers) {
        // The sockets are excluded, and epoll would keep reporting the ready ones: wait for
        // a wake-up (or the next timer) alone.
        pollfd wake{m_wakeFd, POLLIN, 0};
        if (::poll(&wake, 1, timeoutMs) > 0) {
            drainWakeUps();
            wokenUp = true;
        }
        return wokenUp;
    }
    std::array<epoll_event, kMaxEventsPerPass> events;
    const int count = ::epoll_wait(m_epoll, events.data(), int(events.size()), timeoutMs);
    if (count < 0 && errno != EINTR)
        qErrnoWarning("EpollDispatcher: epoll_wait failed");
    for (int i = 0; i < count; ++i) {
        const int fd = events[i].data.fd;
        if (fd == m_wakeFd) {
            drainWakeUps();
            wokenUp = true;
        } else if (Watch *watch = watchOf(fd)) {
            queueReady(fd, *watch, events[i].events);
        }
    }
    for (const int fd : m_alwaysReady)
        queueReady(fd, m_watches[std::size_t(fd)], EPOLLIN | EPOLLOUT);
    return wokenUp;
}

void EpollDispatcher::queueReady(int fd, Watch &watch, quint32 events)
{
    const auto queue = [&](QSocketNotifier *notifier, quint32 activatingEvents, quint8 type) {
        // Already queued and not yet activated: once is enough.
        if (!notifier || !(events & activatingEvents) || (watch.pending & type))
            return;
        watch.pending |= type;
        m_ready.push_back({fd, type});
    };
    queue(watch.read, kReadEvents, kReadPending);
    queue(watch.write, kWriteEvents, kWritePending);
    queue(watch.exception, kExceptionEvents, kExceptionPending);
}

int EpollDispatcher::activateReady()
{
    int activated = 0;
    // Members, not locals: a slot below may run a nested loop, which continues this queue.
    while (m_nextReady < m_ready.size()) {
        const ReadyNotifier ready = m_ready[m_nextReady++];
        // Looked up now, not when queued: an earlier slot may have deleted this notifier
        // (unregistering clears its pending bit) or grown m_watches.
        Watch *watch = watchOf(ready.fd);
        if (!watch || !(watch->pending & ready.type))
            continue;
        watch->pending &= quint8(~ready.type);
        QSocketNotifier *notifier = ready.type == kReadPending    ? watch->read
                                    : ready.type == kWritePending ? watch->write
                                                                  : watch->exception;
        QEvent event(QEvent::SockAct);
        QCoreApplication::sendEvent(notifier, &event);
        ++activated;
    }
    m_ready.clear();
    m_nextReady = 0;
    return activated;
}

void EpollDispatcher::registerSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    if (fd < 0)
        return;
    if (std::size_t(fd) >= m_watches.size())
        m_watches.resize(std::max<std::size_t>(std::size_t(fd) + 1, m_watches.size() * 2));
    Watch &watch = m_watches[std::size_t(fd)];
    QSocketNotifier **slot = notifier->type() == QSocketNotifier::Read    ? &watch.read
                             : notifier->type() == QSocketNotifier::Write ? &watch.write
                                                                          : &watch.exception;
    if (*slot && *slot != notifier)
        qWarning("EpollDispatcher: a second socket notifier of the same type for descriptor %d "
                 "replaces the first",
                 fd);
    *slot = notifier;
    updateInterest(fd);
}

void EpollDispatcher::unregisterSocketNotifier(QSocketNotifier *notifier)
{
    const int fd = int(notifier->socket());
    Watch *watch = watchOf(fd);
    if (!watch)
        return;
    QSocketNotifier **slot = notifier->type() == QSocketNotifier::Read    ? &watch->read
                             : notifier->type() == QSocketNotifier::Write ? &watch->write
                                                                          : &watch->exception;
    if (*slot != notifier)
        return;
    *slot = nullptr;
    watch->pending &= quint8(~pendingBit(notifier->type()));
    updateInterest(fd);
}

void EpollDispatcher::updateInterest(int fd)
{
    Watch &watch = m_watches[std::size_t(fd)];
    if (watch.alwaysReady) {
        if (watch.isEmpty()) {
            watch.alwaysReady = false;
            m_alwaysReady.erase(std::find(m_alwaysReady.begin(), m_alwaysReady.end(), fd));
        }
        return;
    }
    if (watch.isEmpty()) {
        // EBADF or ENOENT: the descriptor was closed first, which took it out of epoll.
        if (watch.inEpoll)
            ::epoll_ctl(m_epoll, EPOLL_CTL_DEL, fd, nullptr);
        watch.inEpoll = false;
        watch.pending = 0;
        return;
    }
    epoll_event event{};
    event.events = watch.interest();
    event.data.fd = fd;
    int result = ::epoll_ctl(m_epoll, watch.inEpoll ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, fd, &event);
    // A descriptor closed and reopened under the same number between two notifiers, or one
    // added behind our back: retry with the other operation.
    if (result != 0 && errno == ENOENT)
        result = ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fd, &event);
    else if (result != 0 && errno == EEXIST)
        result = ::epoll_ctl(m_epoll, EPOLL_CTL_MOD, fd, &event);
    if (result == 0) {
        watch.inEpoll = true;
    } else if (errno == EPERM) {
        // A regular file: poll() would say "ready" at once, every time. Do the same.
        watch.inEpoll = false;
        watch.alwaysReady = true;
        m_alwaysReady.push_back(fd);
    } else {
        qErrnoWarning("EpollDispatcher: cannot watch descriptor %d", fd);
    }
}

EpollDispatcher::Watch *EpollDispatcher::watchOf(int fd)
{
    if (fd < 0 || std::size_t(fd) >= m_watches.size())
        return nullptr;
    Watch &watch = m_watches[std::size_t(fd)];
    return watch.isEmpty() ? nullptr : &watch;
}

void EpollDispatcher::registerTimer(int timerId, qint64 interval, Qt::TimerType timerType,
                                    QObject *object)
{
    m_timers.add(timerId, interval, timerType, object);
}

bool EpollDispatcher::unregisterTimer(int timerId)
{
    return m_timers.remove(timerId);
}

bool EpollDispatcher::unregisterTimers(QObject *object)
{
    return m_timers.removeAll(object);
}

QList<QAbstractEventDispatcher::TimerInfo> EpollDispatcher::registeredTimers(QObject *object) const
{
    return m_timers.timersOf(object);
}

int EpollDispatcher::remainingTime(int timerId)
{
    return m_timers.remainingMs(timerId);
}

void EpollDispatcher::wakeUp()
{
    // One write per sleep is enough; posting a thousand events costs one system call.
    if (!m_wakeUpPending.testAndSetAcquire(0, 1))
        return;
    const quint64 one = 1;
    while (::write(m_wakeFd, &one, sizeof one) < 0 && errno == EINTR) {
    }
}

void EpollDispatcher::interrupt()
{
    m_interrupted.storeRelaxed(1);
    wakeUp();
}

void EpollDispatcher::drainWakeUps()
{
    quint64 count = 0;
    while (::read(m_wakeFd, &count, sizeof count) < 0 && errno == EINTR) {
    }
    m_wakeUpPending.storeRelease(0);
}

} // namespace natter::server::eventloop
