// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariantList>

#include <functional>

namespace natter::server::sql {

//! Prepares `statement`, binds `values` in order to its `?` placeholders and runs it. Every
//! query of the repositories goes through here: bound values only, errors as values.
//!
//! On a connection with a statement cache (enableStatementCache()) each statement text is
//! prepared once and then only executed: one round trip instead of QPSQL's three (PREPARE,
//! EXECUTE, DEALLOCATE), and PostgreSQL plans it once. The returned query then shares its
//! result with the cache, so it is valid until the same statement runs again on this
//! connection. That is no new limit: with a forward-only (single-row mode) result, running
//! any other statement on the connection already ends the one being read.
[[nodiscard]] Result<QSqlQuery> exec(QSqlDatabase &db, const QString &statement,
                                     const QVariantList &values = {});

//! Gives `db` (an open connection, used by this thread only) a cache of prepared statements.
void enableStatementCache(const QSqlDatabase &db);
//! Deallocates the cached statements of `db` and forgets them. Call it before closing or
//! reopening the connection: a statement prepared on one PostgreSQL session does not exist on
//! the next, and deallocating it there would fail (and abort a transaction).
void dropStatementCache(const QSqlDatabase &db);
//! Statements prepared in `db`'s cache (0 without a cache), for tests and metrics.
[[nodiscard]] int cachedStatementCount(const QSqlDatabase &db);

//! Runs a statement with no parameters and no prepare step (DDL, SET, migration scripts).
[[nodiscard]] Status execRaw(QSqlDatabase &db, const QString &statement);

//! Maps a failed query to `conflict` (unique_violation), `unavailable` (the connection is
//! gone) or `internal`; logs the
//! database's text (which may name tables) without ever sending it to the client.
[[nodiscard]] ApiError errorFrom(const QSqlQuery &query);

//! Runs `action` once the transaction open on `db` commits, right after COMMIT and still in
//! commit order among this process's connections; never if it rolls back (or the savepoint
//! it was queued in does). Without an open transaction it runs at once. This is how events
//! leave for a bus that is not the database (realtime/natsbus.h): PostgreSQL's NOTIFY waits
//! for COMMIT by itself, a message to NATS must be held back until then.
void afterCommit(QSqlDatabase &db, std::function<void()> action);

//! Begins a transaction that rolls back unless commit() is called. Inside another Transaction
//! on the same connection it becomes a savepoint, so a repository method that needs atomicity
//! of its own can also run as one step of a larger unit of work (a domain service that writes
//! and publishes its events in one transaction).
class Transaction final
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    [[nodiscard]] bool began() const { return m_began; }
    [[nodiscard]] Status commit();

private:
    QSqlDatabase &m_db;
    int m_depth = 0; //!< 0: the outermost transaction; n > 0: savepoint n
    //! afterCommit() actions queued before this savepoint: a rollback to it drops the rest.
    qsizetype m_actionsBefore = 0;
    bool m_began = false;
    bool m_done = false;
};

} // namespace natter::server::sql
