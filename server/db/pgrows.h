// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QByteArrayView>
#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QUuid>
#include <QVariantList>

#include <optional>

struct pg_result; // libpq's PGresult

namespace natter::server {

//! The cells of a QPSQL result read as the text PostgreSQL sent, straight from libpq. QSqlQuery
//! turns every cell into a QVariant (a QString, then a QUuid or a QDateTime parsed from it) and,
//! forward-only, copies each row into a PGresult of its own: on a history page of 50 messages
//! that was half of the database worker's CPU (docs/architecture.md). Each reader here gives
//! the value QSqlQuery::value() would have given (tests/server/tst_pgrows.cpp compares them).
class PgRows final
{
public:
    //! The rows of `query`, which sql::execBuffered() ran; nullopt for another driver.
    [[nodiscard]] static std::optional<PgRows> of(const QSqlQuery &query);

    [[nodiscard]] int count() const;
    [[nodiscard]] bool isNull(int row, int column) const;
    //! The cell's bytes (UTF-8 text in PostgreSQL's output format), valid while the query is.
    [[nodiscard]] QByteArrayView bytes(int row, int column) const;
    //! A text column; a null QString for NULL.
    [[nodiscard]] QString text(int row, int column) const;
    //! A uuid column; the null uuid for NULL.
    [[nodiscard]] QUuid uuid(int row, int column) const;
    //! A bigint or integer column; 0 for NULL.
    [[nodiscard]] qint64 integer(int row, int column) const;
    [[nodiscard]] bool boolean(int row, int column) const;
    //! A timestamptz column in UTC, rounded to milliseconds as QPSQL rounds; invalid for NULL.
    [[nodiscard]] QDateTime timestamp(int row, int column) const;

private:
    explicit PgRows(const pg_result *result) : m_result(result) {}
    const pg_result *m_result;
};

//! A timestamptz in PostgreSQL's ISO output (`2026-12-01 10:00:00.123456+00`), in UTC and
//! rounded to the nearest millisecond exactly as QPSQL's QDateTime::fromString() rounds.
[[nodiscard]] QDateTime timestampFromPgText(QByteArrayView text);

namespace sql {

//! exec() with the whole result fetched in one PGresult (QPSQL's forward-only mode fetches a
//! row at a time), for reading with PgRows. Prepared once per connection like exec().
[[nodiscard]] Result<QSqlQuery> execBuffered(QSqlDatabase &db, const QString &statement,
                                             const QVariantList &values = {});

} // namespace sql
} // namespace natter::server
