// SPDX-License-Identifier: Apache-2.0
#include "db/sql.h"

#include "db/pgrows.h"

#include "logging.h"

#include <QHash>
#include <QMutex>
#include <QSqlError>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::sql {
namespace {

ApiError errorFromSql(const QSqlError &error)
{
    if (error.nativeErrorCode() == "23505"_L1)
        return ApiError::conflict(u"That already exists."_s);
    logging::event(
        lcDb(), QtWarningMsg, u"query failed"_s,
        {{u"sqlstate"_s, error.nativeErrorCode()}, {u"error"_s, error.databaseText().left(300)}});
    if (error.type() == QSqlError::ConnectionError || error.nativeErrorCode().startsWith(u"08"_s) ||
        error.nativeErrorCode() == "57P01"_L1 || error.databaseText().contains(u"connection"_s))
        return ApiError::unavailable();
    return ApiError::internal();
}

//! Prepared statements by text, per cached connection of this thread (a connection is used by
//! one thread only). A connection without an entry is not cached.
thread_local QHash<QString, QHash<QString, QSqlQuery>> t_statementCaches;

//! A PostgreSQL error after which a prepared statement must be prepared again: it vanished
//! (26000, e.g. a pooler reset the session) or its plan no longer fits the schema (0A000).
bool statementIsStale(const QSqlError &error)
{
    const QString code = error.nativeErrorCode();
    return code == "26000"_L1 || code == "0A000"_L1;
}

//! How a statement's rows come back: one at a time (QPSQL's single-row mode, for results read
//! once from the front) or all in one PGresult (for PgRows).
enum class Fetch
{
    RowByRow,
    Whole
};

Result<QSqlQuery> execUncached(QSqlDatabase &db, const QString &statement,
                               const QVariantList &values, Fetch fetch)
{
    QSqlQuery query(db);
    query.setForwardOnly(fetch == Fetch::RowByRow);
    if (!query.prepare(statement))
        return errorFromSql(query.lastError());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return errorFrom(query);
    return query;
}

Result<QSqlQuery> execWith(QSqlDatabase &db, const QString &statement, const QVariantList &values,
                           Fetch fetch)
{
    auto cache = t_statementCaches.find(db.connectionName());
    if (cache == t_statementCaches.end())
        return execUncached(db, statement, values, fetch);
    // A statement is always run the same way (its text says what reads it), so the text
    // alone keys the cache.
    auto cached = cache->find(statement);
    if (cached == cache->end()) {
        QSqlQuery query(db);
        query.setForwardOnly(fetch == Fetch::RowByRow);
        if (!query.prepare(statement))
            return errorFromSql(query.lastError());
        cached = cache->insert(statement, query);
    }
    QSqlQuery &query = cached.value();
    for (qsizetype i = 0; i < values.size(); ++i)
        query.bindValue(int(i), values.at(i));
    if (!query.exec()) {
        ApiError error = errorFrom(query);
        if (statementIsStale(query.lastError()))
            cache->erase(cached);
        return error;
    }
    return query;
}

} // namespace

Result<QSqlQuery> exec(QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    return execWith(db, statement, values, Fetch::RowByRow);
}

Result<QSqlQuery> execBuffered(QSqlDatabase &db, const QString &statement,
                               const QVariantList &values)
{
    return execWith(db, statement, values, Fetch::Whole);
}

void enableStatementCache(const QSqlDatabase &db)
{
    t_statementCaches.insert(db.connectionName(), {});
}

void dropStatementCache(const QSqlDatabase &db)
{
    t_statementCaches.remove(db.connectionName());
}

int cachedStatementCount(const QSqlDatabase &db)
{
    return int(t_statementCaches.value(db.connectionName()).size());
}

Status execRaw(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return errorFrom(query);
    return Done{};
}

ApiError errorFrom(const QSqlQuery &query)
{
    return errorFromSql(query.lastError());
}

namespace {

// Open Transaction objects per connection of this thread. A connection is used by one thread
// only, so a thread-local count is exact.
thread_local QHash<QString, int> t_openTransactions;

// afterCommit() actions per connection of this thread, run when the outermost commit succeeds.
thread_local QHash<QString, QList<std::function<void()>>> t_afterCommit;

// Held from COMMIT until its actions ran, by transactions that have actions: so actions of two
// connections of this process run in the order their transactions committed. Only the NATS
// bus queues actions (PostgreSQL's own NOTIFY is ordered by the commit itself), so with the
// default bus nothing ever waits on it.
QMutex s_commitOrder;

QString savepointName(int depth)
{
    return u"natter_sp_%1"_s.arg(depth);
}

} // namespace

void afterCommit(QSqlDatabase &db, std::function<void()> action)
{
    if (t_openTransactions.value(db.connectionName()) == 0) {
        action();
        return;
    }
    t_afterCommit[db.connectionName()].append(std::move(action));
}

Transaction::Transaction(QSqlDatabase &db) : m_db(db)
{
    int &open = t_openTransactions[db.connectionName()];
    m_depth = open;
    m_actionsBefore = t_afterCommit.value(db.connectionName()).size();
    m_began = m_depth == 0 ? db.transaction()
                           : execRaw(db, u"SAVEPOINT "_s + savepointName(m_depth)).ok();
    if (m_began)
        ++open;
}

Transaction::~Transaction()
{
    if (!m_began)
        return;
    if (!m_done) {
        if (m_depth == 0)
            m_db.rollback();
        else
            (void)execRaw(m_db, u"ROLLBACK TO SAVEPOINT "_s + savepointName(m_depth));
        // What the rolled-back part queued never happened.
        auto actions = t_afterCommit.find(m_db.connectionName());
        if (actions != t_afterCommit.end())
            actions->resize(std::min(actions->size(), m_actionsBefore));
    }
    int &open = t_openTransactions[m_db.connectionName()];
    open = m_depth;
}

Status Transaction::commit()
{
    m_done = true;
    if (m_depth > 0)
        return execRaw(m_db, u"RELEASE SAVEPOINT "_s + savepointName(m_depth));
    const QList<std::function<void()>> actions = t_afterCommit.take(m_db.connectionName());
    if (actions.isEmpty()) {
        if (!m_db.commit())
            return errorFromSql(m_db.lastError());
        return Done{};
    }
    QMutexLocker order(&s_commitOrder);
    if (!m_db.commit())
        return errorFromSql(m_db.lastError());
    for (const auto &action : actions)
        action();
    return Done{};
}

} // namespace natter::server::sql
