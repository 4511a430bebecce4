// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/databasesettings.h"
#include "natter/result.h"

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace natter::server::ops {

//! One database connection of a command-line tool, opened on construction and removed from
//! Qt's registry on destruction (Qt warns when a connection is removed while still in use).
class ScopedConnection final
{
public:
    ScopedConnection(const DatabaseSettings &settings, const QString &name);
    ~ScopedConnection();
    ScopedConnection(const ScopedConnection &) = delete;
    ScopedConnection &operator=(const ScopedConnection &) = delete;

    [[nodiscard]] bool isOpen() const { return m_db.isOpen(); }
    //! The driver's own words when the connection failed (wrong password, no such host, ...).
    [[nodiscard]] QString errorText() const;
    [[nodiscard]] QSqlDatabase &db() { return m_db; }

private:
    QString m_name;
    QSqlDatabase m_db;
};

//! What the `schema_migrations` bookkeeping says, read without creating anything.
struct SchemaState
{
    qint64 version = 0;
    bool dirty = false;
};

//! The schema's state, or nothing when the database has no `schema_migrations` table.
[[nodiscard]] Result<std::optional<SchemaState>> readSchemaState(QSqlDatabase &db);
//! The number of tables in the `public` schema (0: a fresh, empty database).
[[nodiscard]] Result<int> countTables(QSqlDatabase &db);
//! Sessions of natter-server processes on this database other than our own.
[[nodiscard]] Result<int> countServerSessions(QSqlDatabase &db);
//! The newest migration compiled into this binary.
[[nodiscard]] qint64 latestMigrationVersion();
//! Runs `statement` with `values` bound and returns its first column of its first row.
[[nodiscard]] Result<QVariant> queryValue(QSqlDatabase &db, const QString &statement,
                                          const QVariantList &values = {});

} // namespace natter::server::ops
