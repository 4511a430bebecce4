// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/databasesettings.h"
#include "natter/result.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFuture>
#include <QMutex>
#include <QObject>
#include <QPromise>
#include <QWaitCondition>

#include <atomic>
#include <deque>
#include <functional>
#include <memory>
#include <thread>
#include <vector>

namespace natter::server {

class Metrics;

//! Worker threads that each own one PostgreSQL connection. Database work never runs on the
//! thread that serves sockets, and Qt 6.4 cannot move a QSqlDatabase between threads, so a
//! job is handed to whichever worker is free and runs on that worker's own connection. A
//! worker whose connection broke opens a new one before its next job. Each connection
//! prepares a statement once and reuses it (sql::enableStatementCache).
class DbPool final
{
public:
    DbPool(DatabaseSettings settings, int threadCount);
    ~DbPool();
    DbPool(const DbPool &) = delete;
    DbPool &operator=(const DbPool &) = delete;

    //! Runs `job` on a worker with its connection; the future holds its result, or
    //! `unavailable` when no connection could be opened.
    //!
    //! The future finishes on the calling thread (through its event loop) when that thread has
    //! one: Qt 6.4.2 runs a continuation twice when `.then()` attaches it while another thread
    //! is between finishing the promise and running its continuations (setContinuation runs it,
    //! the future being finished, and keeps it; runContinuation then runs it again, with its
    //! promise moved away, and the process dies in QFutureInterfaceBase::reportStarted). The
    //! caller attaches its continuations on its own thread, so finishing there closes that
    //! window. Later Qt versions mark a continuation as run. Our worker threads have no event
    //! loop; a job they start finishes on the worker, as before.
    template <typename T>
    [[nodiscard]] QFuture<Result<T>> run(std::function<Result<T>(QSqlDatabase &)> job)
    {
        auto promise = std::make_shared<QPromise<Result<T>>>();
        QFuture<Result<T>> future = promise->future();
        promise->start();
        ++s_unfinishedFutures;
        QElapsedTimer queued;
        queued.start();
        enqueue([this, promise, queued, job = std::move(job),
                 caller = callerContext()](QSqlDatabase *db) {
            recordWait(queued.nsecsElapsed());
            auto result =
                std::make_shared<Result<T>>(db ? job(*db) : Result<T>(ApiError::unavailable()));
            const bool connectionLost =
                !result->ok() && result->error().code == ErrorCode::Unavailable;
            finishOn(caller, [promise, result] {
                promise->addResult(std::move(*result));
                promise->finish();
                --s_unfinishedFutures;
            });
            return !connectionLost;
        });
        return future;
    }

    //! Tells the workers that every connection opened before now may be dead (the database
    //! restarted), so each reconnects before its next job instead of failing it.
    void invalidateConnections() { ++m_generation; }

    [[nodiscard]] const DatabaseSettings &settings() const { return m_settings; }
    //! Where the time jobs wait for a worker is recorded (`natter_db_wait_seconds`).
    void setMetrics(Metrics *metrics) { m_metrics.store(metrics); }
    [[nodiscard]] int queuedJobs() const;

    //! Waits until every future of every pool has finished and run its continuations,
    //! delivering those that finish on this thread as it goes, so they run while the objects
    //! they belong to are still alive. A server calls it on shutdown before those objects go: a
    //! finish posted and never delivered would run its continuation when the event is deleted at
    //! exit, with its object gone. Returns false when `deadline` passed first (a database that
    //! hangs).
    static bool settle(QDeadlineTimer deadline);

private:
    //! Returns false when the connection looked lost, so the worker reconnects.
    using Job = std::function<bool(QSqlDatabase *)>;

    void enqueue(Job job);
    //! An object of the calling thread to finish its futures on, or nullptr when the thread
    //! has no event loop.
    static QObject *callerContext();
    //! Runs `finish` on `caller`'s thread (queued), or here when there is none.
    static void finishOn(QObject *caller, std::function<void()> finish);
    void recordWait(qint64 nanoseconds);
    void workerLoop(int index);
    static void closeConnection(QSqlDatabase &db);

    DatabaseSettings m_settings;
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::atomic<int> m_generation{0};
    std::atomic<Metrics *> m_metrics{nullptr};
    std::vector<std::thread> m_threads;
    //! Futures of every pool in the process whose continuations have not run yet.
    static std::atomic<int> s_unfinishedFutures;
};

} // namespace natter::server
