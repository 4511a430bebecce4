// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <functional>

namespace natter::server {

//! One `NNNN_name.up.sql` / `NNNN_name.down.sql` pair from migrations/.
struct Migration
{
    qint64 version = 0;
    QString name;
    QString fileStem; //!< `0002_add_x`, as the files are named
    QString up;
    QString down;
};

//! Applies the migrations compiled into the binary from migrations/, in golang-migrate's file
//! format and bookkeeping (`schema_migrations(version, dirty)`), so that tool can take over.
//! Each migration runs in one transaction and the whole run holds a PostgreSQL advisory lock,
//! so two processes starting together cannot race and a failure leaves no half-applied schema.
class Migrator final
{
public:
    //! Reads the migrations from the `:/migrations` resource.
    Migrator();
    //! For tests: migrations from a folder.
    explicit Migrator(const QString &directory);

    [[nodiscard]] const QList<Migration> &migrations() const { return m_migrations; }
    [[nodiscard]] QString loadError() const { return m_loadError; }

    //! Applies every pending migration; the result is the version now in place.
    [[nodiscard]] Result<qint64> up(QSqlDatabase &db) const;
    //! Rolls back the newest `steps` applied migrations.
    [[nodiscard]] Result<qint64> down(QSqlDatabase &db, int steps) const;
    //! The applied version (0 when none) or an error when the schema is dirty.
    [[nodiscard]] Result<qint64> currentVersion(QSqlDatabase &db) const;

private:
    void load(const QString &directory);
    [[nodiscard]] Status apply(QSqlDatabase &db, const Migration &migration, bool upwards,
                               qint64 newVersion) const;
    //! Takes the advisory lock, reads the applied version, and hands it to `step`.
    [[nodiscard]] Result<qint64> underLock(QSqlDatabase &db,
                                           const std::function<Result<qint64>(qint64)> &step) const;
    [[nodiscard]] Result<qint64> applyPending(QSqlDatabase &db, qint64 version) const;
    [[nodiscard]] Result<qint64> rollBack(QSqlDatabase &db, qint64 version, int steps) const;

    QList<Migration> m_migrations;
    QString m_loadError;
};

} // namespace natter::server
