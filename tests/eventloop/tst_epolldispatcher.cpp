// SPDX-License-Identifier: Apache-2.0
// The contract of a Qt event dispatcher, checked on EpollDispatcher installed as this
// process's main-thread dispatcher (as natter-server installs it): timers, socket notifiers,
// posted events, wake-ups from other threads, nested loops, and objects deleted mid-dispatch.
#include "eventloop/epolldispatcher.h"

#include <QEventLoop>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <memory>
#include <thread>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using natter::server::eventloop::EpollDispatcher;

namespace {

// Fails a test that would otherwise hang: the loop is left after this long however it goes.
constexpr int kSafetyMs = 10'000;

//! A connected AF_UNIX stream pair, closed when it goes.
struct SocketPair
{
    int fds[2] = {-1, -1};
    SocketPair() { ::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds); }
    ~SocketPair()
    {
        ::close(fds[0]);
        ::close(fds[1]);
    }
    void writeTo(int index) const { QCOMPARE(::write(fds[index], "x", 1), ssize_t(1)); }
    SocketPair(const SocketPair &) = delete;
    SocketPair &operator=(const SocketPair &) = delete;
};

//! Counts its timer events and can kill a timer from inside its own event.
class TimerCounter final : public QObject
{
public:
    int events = 0;
    bool killInsideEvent = false;

protected:
    void timerEvent(QTimerEvent *event) override
    {
        ++events;
        if (killInsideEvent)
            killTimer(event->timerId());
    }
};

class CustomEvent final : public QEvent
{
public:
    static QEvent::Type kind() { return static_cast<QEvent::Type>(QEvent::User + 7); }
    CustomEvent() : QEvent(kind()) {}
};

class EventReceiver final : public QObject
{
public:
    int received = 0;
    bool event(QEvent *event) override
    {
        if (event->type() == CustomEvent::kind()) {
            ++received;
            return true;
        }
        return QObject::event(event);
    }
};

void runFor(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

} // namespace

class TestEpollDispatcher : public QObject
{
    Q_OBJECT

    EpollDispatcher *dispatcher() const
    {
        return qobject_cast<EpollDispatcher *>(QAbstractEventDispatcher::instance());
    }

private Q_SLOTS:
    void isTheMainThreadsDispatcher()
    {
        QVERIFY(dispatcher());
        QVERIFY(dispatcher()->isValid());
    }

    void singleShotTimersFireInDeadlineOrder()
    {
        QList<int> order;
        QEventLoop loop;
        for (const int ms : {30, 10, 20, 0})
            QTimer::singleShot(ms, Qt::PreciseTimer, this, [&order, ms] { order.append(ms); });
        QTimer::singleShot(60, Qt::PreciseTimer, &loop, &QEventLoop::quit);
        QTimer::singleShot(kSafetyMs, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(order, QList<int>({0, 10, 20, 30}));
    }

    void coarseAndVeryCoarseTimersFire()
    {
        QList<Qt::TimerType> fired;
        QEventLoop loop;
        QTimer::singleShot(40, Qt::CoarseTimer, this, [&] { fired.append(Qt::CoarseTimer); });
        QTimer::singleShot(1000, Qt::VeryCoarseTimer, this, [&] {
            fired.append(Qt::VeryCoarseTimer);
            loop.quit();
        });
        QTimer::singleShot(kSafetyMs, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(fired, QList<Qt::TimerType>({Qt::CoarseTimer, Qt::VeryCoarseTimer}));
    }

    void repeatingTimerRepeatsUntilStopped()
    {
        QTimer timer;
        timer.setTimerType(Qt::PreciseTimer);
        timer.setInterval(5);
        int ticks = 0;
        QEventLoop loop;
        connect(&timer, &QTimer::timeout, this, [&] {
            if (++ticks == 5) {
                timer.stop();
                QTimer::singleShot(30, &loop, &QEventLoop::quit);
            }
        });
        timer.start();
        QTimer::singleShot(kSafetyMs, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(ticks, 5);
        QVERIFY(!timer.isActive());
    }

    void zeroTimersFireOncePerPass()
    {
        QTimer first;
        QTimer second;
        QList<int> fired;
        for (auto [timer, name] : {std::pair{&first, 1}, std::pair{&second, 2}}) {
            timer->setInterval(0);
            connect(timer, &QTimer::timeout, this, [&fired, name = name] { fired.append(name); });
            timer->start();
        }
        for (int pass = 0; pass < 4; ++pass)
            dispatcher()->processEvents(QEventLoop::AllEvents);
        // Each pass fires each zero timer exactly once, in the order they were started.
        QCOMPARE(fired, QList<int>({1, 2, 1, 2, 1, 2, 1, 2}));
    }

    void killTimerInsideItsOwnEvent()
    {
        TimerCounter counter;
        counter.killInsideEvent = true;
        const int id = counter.startTimer(1, Qt::PreciseTimer);
        QVERIFY(id > 0);
        runFor(50);
        QCOMPARE(counter.events, 1);
        QVERIFY(dispatcher()->registeredTimers(&counter).isEmpty());
        QCOMPARE(dispatcher()->remainingTime(id), -1);
    }

    void registeredTimersAndRemainingTime()
    {
        TimerCounter counter;
        const int precise = counter.startTimer(1000, Qt::PreciseTimer);
        const int coarse = counter.startTimer(60'000, Qt::VeryCoarseTimer);
        const auto timers = dispatcher()->registeredTimers(&counter);
        QCOMPARE(timers.size(), 2);
        for (const auto &info : timers) {
            QVERIFY(info.timerId == precise || info.timerId == coarse);
            QCOMPARE(info.interval, info.timerId == precise ? 1000 : 60'000);
            QCOMPARE(info.timerType,
                     info.timerId == precise ? Qt::PreciseTimer : Qt::VeryCoarseTimer);
        }
        const int left = dispatcher()->remainingTime(precise);
        QVERIFY2(left >= 0 && left <= 1000, qPrintable(QString::number(left)));
        QVERIFY(dispatcher()->remainingTime(coarse) > 1000);
        counter.killTimer(precise);
        QCOMPARE(dispatcher()->remainingTime(precise), -1);
        QCOMPARE(dispatcher()->registeredTimers(&counter).size(), 1);
    }

    void movingAnObjectToAnotherThreadTakesItsTimers()
    {
        // QObject::moveToThread calls unregisterTimers(object) here and registers the timers
        // with the other thread's dispatcher.
        QThread thread;
        thread.start();
        auto *counter = new TimerCounter;
        counter->startTimer(5, Qt::PreciseTimer);
        counter->startTimer(7, Qt::PreciseTimer);
        QCOMPARE(dispatcher()->registeredTimers(counter).size(), 2);
        counter->moveToThread(&thread);
        QVERIFY(dispatcher()->registeredTimers(counter).isEmpty());
        const auto timersThere = [&] {
            // The thread creates its dispatcher once it runs.
            const auto *there = QAbstractEventDispatcher::instance(&thread);
            return there ? there->registeredTimers(counter).size() : 0;
        };
        QTRY_COMPARE_WITH_TIMEOUT(timersThere(), 2, kSafetyMs);
        QMetaObject::invokeMethod(counter, &QObject::deleteLater);
        thread.quit();
        thread.wait();
    }

    void notifiersSeeReadAndWriteReadiness()
    {
        SocketPair pair;
        QSocketNotifier read(pair.fds[0], QSocketNotifier::Read);
        QSocketNotifier write(pair.fds[0], QSocketNotifier::Write);
        int reads = 0;
        int writes = 0;
        connect(&read, &QSocketNotifier::activated, this, [&] {
            char byte = 0;
            QCOMPARE(::read(pair.fds[0], &byte, 1), ssize_t(1));
            ++reads;
        });
        // An empty socket is writable at once; switching the write notifier off after its
        // first activation is what QAbstractSocket does after each flush.
        connect(&write, &QSocketNotifier::activated, this, [&] {
            ++writes;
            write.setEnabled(false);
        });
        QTRY_COMPARE_WITH_TIMEOUT(writes, 1, kSafetyMs);
        QCOMPARE(reads, 0);
        pair.writeTo(1);
        QTRY_COMPARE_WITH_TIMEOUT(reads, 1, kSafetyMs);
        pair.writeTo(1);
        QTRY_COMPARE_WITH_TIMEOUT(reads, 2, kSafetyMs);
        QCOMPARE(writes, 1);
        // Switched off, a notifier is not activated although its descriptor stays ready.
        read.setEnabled(false);
        pair.writeTo(1);
        runFor(30);
        QCOMPARE(reads, 2);
        read.setEnabled(true);
        QTRY_COMPARE_WITH_TIMEOUT(reads, 3, kSafetyMs);
    }

    void tcpSocketsExchangeData()
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QTcpSocket client;
        client.connectToHost(QHostAddress::LocalHost, server.serverPort());
        QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), kSafetyMs);
        std::unique_ptr<QTcpSocket> peer(server.nextPendingConnection());
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::ConnectedState, kSafetyMs);

        // More than the socket buffers take at once, so writing waits on write readiness.
        const QByteArray payload(4 * 1024 * 1024, 'n');
        client.write(payload);
        QByteArray received;
        connect(peer.get(), &QTcpSocket::readyRead, this, [&] { received += peer->readAll(); });
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), payload.size(), kSafetyMs);
        QCOMPARE(received, payload);

        peer->write("pong");
        QTRY_COMPARE_WITH_TIMEOUT(client.bytesAvailable(), qint64(4), kSafetyMs);
        QCOMPARE(client.readAll(), "pong"_ba);
        peer->disconnectFromHost();
        QTRY_COMPARE_WITH_TIMEOUT(client.state(), QAbstractSocket::UnconnectedState, kSafetyMs);
    }

    void notifierDeletedBySiblingIsNotActivated()
    {
        // Both descriptors are ready in the same pass; whichever is activated first deletes
        // the other, which must then not be activated (it would be a use after free).
        SocketPair first;
        SocketPair second;
        auto *a = new QSocketNotifier(first.fds[0], QSocketNotifier::Read);
        auto *b = new QSocketNotifier(second.fds[0], QSocketNotifier::Read);
        QPointer<QSocketNotifier> left(a);
        QPointer<QSocketNotifier> right(b);
        int activations = 0;
        const auto readAndDeleteOther = [&](int fd, QPointer<QSocketNotifier> &other) {
            char byte = 0;
            QCOMPARE(::read(fd, &byte, 1), ssize_t(1));
            ++activations;
            delete other.data();
        };
        connect(a, &QSocketNotifier::activated, this,
                [&] { readAndDeleteOther(first.fds[0], right); });
        connect(b, &QSocketNotifier::activated, this,
                [&] { readAndDeleteOther(second.fds[0], left); });
        first.writeTo(1);
        second.writeTo(1);
        runFor(50);
        QCOMPARE(activations, 1);
        QCOMPARE(int(bool(left)) + int(bool(right)), 1);
        // The survivor still watches its own descriptor: deleting the other one did not
        // switch off the wrong descriptor.
        (left ? first : second).writeTo(1);
        QTRY_COMPARE_WITH_TIMEOUT(activations, 2, kSafetyMs);
        delete left.data();
        delete right.data();
    }

    void postedEventsAndDeleteLater()
    {
        EventReceiver receiver;
        QCoreApplication::postEvent(&receiver, new CustomEvent);
        QCoreApplication::postEvent(&receiver, new CustomEvent);
        QCOMPARE(receiver.received, 0);
        dispatcher()->processEvents(QEventLoop::AllEvents);
        QCOMPARE(receiver.received, 2);

        QPointer<QObject> doomed(new QObject);
        doomed->deleteLater();
        QVERIFY(doomed);
        QTRY_VERIFY_WITH_TIMEOUT(!doomed, kSafetyMs);
    }

    void wakeUpFromAnotherThread()
    {
        // No timer and no socket: only the event posted from the other thread (which calls
        // wakeUp()) can end this loop. A dispatcher that does not wake up hangs here until
        // CTest's timeout fails the test.
        QEventLoop loop;
        std::thread poster([&] {
            QThread::msleep(50);
            QMetaObject::invokeMethod(&loop, &QEventLoop::quit, Qt::QueuedConnection);
        });
        loop.exec();
        poster.join();

        // QEventLoop::exit from another thread interrupts a blocked wait. The thread starts
        // once the loop runs, so the exit cannot come before exec() and be forgotten.
        QEventLoop second;
        std::thread exiter;
        QTimer::singleShot(0, &second, [&] {
            exiter = std::thread([&] {
                QThread::msleep(50);
                second.exit(3);
            });
        });
        QCOMPARE(second.exec(), 3);
        exiter.join();
    }

    void nestedLoopDeliversWhileAnOuterSlotRuns()
    {
        // A repeating timer's slot runs a nested loop that waits for a socket; meanwhile the
        // timer is due again many times, and must not be fired inside itself.
        SocketPair pair;
        QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
        bool socketSeen = false;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            char byte = 0;
            QCOMPARE(::read(pair.fds[0], &byte, 1), ssize_t(1));
            socketSeen = true;
        });
        QTimer repeating;
        repeating.setTimerType(Qt::PreciseTimer);
        repeating.setInterval(2);
        int depth = 0;
        int deepest = 0;
        int ticks = 0;
        connect(&repeating, &QTimer::timeout, this, [&] {
            ++ticks;
            deepest = std::max(deepest, ++depth);
            if (ticks == 1) {
                QEventLoop nested;
                connect(&notifier, &QSocketNotifier::activated, &nested, &QEventLoop::quit);
                QTimer::singleShot(20, Qt::PreciseTimer, this, [&pair] { pair.writeTo(1); });
                QTimer::singleShot(kSafetyMs, &nested, &QEventLoop::quit);
                nested.exec();
            }
            --depth;
        });
        repeating.start();
        QTRY_VERIFY_WITH_TIMEOUT(socketSeen && ticks >= 3, kSafetyMs);
        repeating.stop();
        QCOMPARE(deepest, 1);
    }

    void excludeSocketNotifiersHoldsThemBack()
    {
        SocketPair pair;
        QSocketNotifier notifier(pair.fds[0], QSocketNotifier::Read);
        int reads = 0;
        connect(&notifier, &QSocketNotifier::activated, this, [&] {
            char byte = 0;
            QCOMPARE(::read(pair.fds[0], &byte, 1), ssize_t(1));
            ++reads;
        });
        pair.writeTo(1);
        bool timerFired = false;
        QTimer::singleShot(10, Qt::PreciseTimer, this, [&] { timerFired = true; });
        // Waiting with sockets excluded ends on the timer, not on the readable socket.
        while (!timerFired)
            dispatcher()->processEvents(QEventLoop::WaitForMoreEvents |
                                        QEventLoop::ExcludeSocketNotifiers);
        QCOMPARE(reads, 0);
        dispatcher()->processEvents(QEventLoop::AllEvents);
        QCOMPARE(reads, 1);
    }
};

int main(int argc, char *argv[])
{
    // As natter-server's main() does: the dispatcher goes in before the application.
    QCoreApplication::setEventDispatcher(new EpollDispatcher);
    QCoreApplication app(argc, argv);
    TestEpollDispatcher test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_epolldispatcher.moc"
