// SPDX-License-Identifier: Apache-2.0
#include "db/dbpool.h"

#include "db/sql.h"
#include "logging.h"
#include "metrics.h"

#include <QCoreApplication>
#include <QThread>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

std::atomic<int> DbPool::s_unfinishedFutures{0};

DbPool::DbPool(DatabaseSettings settings, int threadCount) : m_settings(std::move(settings))
{
    for (int i = 0; i < threadCount; ++i)
        m_threads.emplace_back([this, i] { workerLoop(i); });
}

DbPool::~DbPool()
{
    {
        QMutexLocker locker(&m_mutex);
        m_stopping = true;
    }
    m_wake.wakeAll();
    for (auto &thread : m_threads)
        thread.join();
}

int DbPool::queuedJobs() const
{
    QMutexLocker locker(&m_mutex);
    return int(m_jobs.size());
}

void DbPool::enqueue(Job job)
{
    {
        QMutexLocker locker(&m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.wakeOne();
}

bool DbPool::settle(QDeadlineTimer deadline)
{
    for (;;) {
        // A future counts as unfinished until its continuations have run, and a continuation
        // that queues another job counts that one first, so none unfinished means nothing
        // is left to deliver.
        QCoreApplication::sendPostedEvents(nullptr, QEvent::MetaCall);
        if (s_unfinishedFutures.load() == 0)
            return true;
        if (deadline.hasExpired())
            return false;
        QThread::msleep(1);
    }
}

QObject *DbPool::callerContext()
{
    if (!QThread::currentThread()->eventDispatcher())
        return nullptr;
    // One per thread, living as long as the thread (the main thread's until exit).
    thread_local QObject context;
    return &context;
}

void DbPool::finishOn(QObject *caller, std::function<void()> finish)
{
    if (caller)
        QMetaObject::invokeMethod(caller, std::move(finish), Qt::QueuedConnection);
    else
        finish();
}

void DbPool::recordWait(qint64 nanoseconds)
{
    if (Metrics *metrics = m_metrics.load())
        metrics->observe(u"natter_db_wait_seconds"_s,
                         u"Time a database job waited for a free connection."_s,
                         double(nanoseconds) / 1e9);
}

void DbPool::closeConnection(QSqlDatabase &db)
{
    // Prepared statements belong to this session: forget them before it ends.
    sql::dropStatementCache(db);
    db.close();
}

void DbPool::workerLoop(int index)
{
    const QString connectionName = u"natter-pool-%1-%2"_s.arg(
        QUuid::createUuid().toString(QUuid::Id128), QString::number(index));
    int generation = -1;
    {
        // The connection lives in this scope so it is gone before removeDatabase().
        QSqlDatabase db;
        for (;;) {
            Job job;
            {
                QMutexLocker locker(&m_mutex);
                while (m_jobs.empty() && !m_stopping)
                    m_wake.wait(&m_mutex);
                if (m_jobs.empty())
                    break; // stopping, and every queued job has run
                job = std::move(m_jobs.front());
                m_jobs.pop_front();
            }
            if (generation != m_generation.load() && db.isValid())
                closeConnection(db);
            if (!db.isOpen()) {
                db = m_settings.open(connectionName);
                generation = m_generation.load();
                if (db.isOpen())
                    sql::enableStatementCache(db);
                else
                    logging::event(lcDb(), QtWarningMsg, u"cannot connect"_s,
                                   {{u"worker"_s, index}});
            }
            if (!job(db.isOpen() ? &db : nullptr))
                closeConnection(db);
        }
        closeConnection(db);
    }
    QSqlDatabase::removeDatabase(connectionName);
}

} // namespace natter::server
