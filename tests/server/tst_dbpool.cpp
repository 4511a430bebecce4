// SPDX-License-Identifier: Apache-2.0
// The pool's futures are safe to continue from the thread that asked (issue 19): Qt 6.4.2 runs
// a continuation twice when `.then()` attaches it while another thread is between finishing
// the promise and running its continuations, and the second run crashes the process. The pool
// therefore finishes a future on the calling thread, and settle() delivers every finish still
// on its way before a server's objects go.
#include "db/dbpool.h"
#include "testdatabase.h"

#include <QRandomGenerator>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;
using natter::testing::TestDatabase;

namespace {

//! Spins for up to `maxNanoseconds`: lands a `.then()` at a random point of a job's end.
void spinUpTo(qint64 maxNanoseconds)
{
    const qint64 spin = QRandomGenerator::global()->bounded(maxNanoseconds);
    QElapsedTimer timer;
    timer.start();
    while (timer.nsecsElapsed() < spin) {
    }
}

} // namespace

class TestDbPool : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
    }
    void cleanupTestCase() { m_database.reset(); }

    void aContinuationRunsOnceHoweverLateItIsAttached()
    {
        // Before the fix this crashed about one run in four at 20,000 jobs: the continuation
        // was attached here while a worker finished the promise.
        constexpr int kJobs = 50'000;
        DbPool pool(m_database->settings(), 2);
        QObject context;
        int continued = 0;
        int answered = 0;
        for (int i = 0; i < kJobs; ++i) {
            auto future = pool.run<int>([i](QSqlDatabase &) -> Result<int> { return i; });
            spinUpTo(20'000);
            static_cast<void>(future.then(&context, [&, i](const Result<int> &result) {
                ++continued;
                if (result && result.value() == i)
                    ++answered;
            }));
            if (i % 500 == 0)
                QCoreApplication::processEvents();
        }
        QVERIFY(DbPool::settle(QDeadlineTimer(60'000)));
        QCOMPARE(continued, kJobs);
        QCOMPARE(answered, kJobs);
    }

    void aFutureFinishesOnTheThreadThatAsked()
    {
        // A continuation without a context runs where the promise finishes: here, not on the
        // worker.
        DbPool pool(m_database->settings(), 1);
        std::atomic<QThread *> finishedOn{nullptr};
        static_cast<void>(
            pool.run<bool>([](QSqlDatabase &) -> Result<bool> { return true; })
                .then([&](const Result<bool> &) { finishedOn = QThread::currentThread(); }));
        QTRY_VERIFY(finishedOn.load() != nullptr);
        QCOMPARE(finishedOn.load(), QThread::currentThread());
    }

    void settleDeliversEveryFinishBeforeItReturns()
    {
        // No event loop runs here, as when a server stops after its loop ended: settle() alone
        // must deliver the finishes, and those of the jobs their continuations queue.
        DbPool pool(m_database->settings(), 2);
        QObject context;
        int continued = 0;
        for (int i = 0; i < 100; ++i) {
            static_cast<void>(
                pool.run<int>([](QSqlDatabase &db) -> Result<int> { return db.isOpen() ? 1 : 0; })
                    .then(&context, [&](const Result<int> &) {
                        static_cast<void>(
                            pool.run<int>([](QSqlDatabase &) -> Result<int> { return 2; })
                                .then(&context, [&](const Result<int> &) { ++continued; }));
                    }));
        }
        QVERIFY(DbPool::settle(QDeadlineTimer(60'000)));
        QCOMPARE(continued, 100);
    }

    void settleGivesUpAtItsDeadline()
    {
        DbPool pool(m_database->settings(), 1);
        QObject context;
        bool continued = false;
        static_cast<void>(pool.run<bool>([](QSqlDatabase &) -> Result<bool> {
                                  QThread::msleep(1500);
                                  return true;
                              })
                              .then(&context, [&](const Result<bool> &) { continued = true; }));
        QVERIFY(!DbPool::settle(QDeadlineTimer(50)));
        QVERIFY(!continued);
        QVERIFY(DbPool::settle(QDeadlineTimer(30'000)));
        QVERIFY(continued);
    }
};

QTEST_GUILESS_MAIN(TestDbPool)
#include "tst_dbpool.moc"
