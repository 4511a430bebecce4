// SPDX-License-Identifier: Apache-2.0
#include "db/migrator.h"

#include "db/sql.h"
#include "db/sqlscript.h"
#include "logging.h"

#include <QDir>
#include <QFile>
#include <QMap>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

// Any constant works as long as every Natter process uses the same one.
constexpr qint64 kMigrationLockKey = 0x6e61747465720001; // "natter" 1

//! Holds the session-level advisory lock for the lifetime of one migration run.
class MigrationLock final
{
public:
    explicit MigrationLock(QSqlDatabase &db) : m_db(db)
    {
        m_locked = sql::exec(m_db, u"SELECT pg_advisory_lock(?)"_s, {kMigrationLockKey}).ok();
    }
    ~MigrationLock()
    {
        if (m_locked)
            (void)sql::exec(m_db, u"SELECT pg_advisory_unlock(?)"_s, {kMigrationLockKey});
    }
    [[nodiscard]] bool locked() const { return m_locked; }

private:
    QSqlDatabase &m_db;
    bool m_locked = false;
};

Status ensureVersionTable(QSqlDatabase &db)
{
    return sql::execRaw(db, u"CREATE TABLE IF NOT EXISTS schema_migrations ("
                            "version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)"_s);
}

} // namespace

Migrator::Migrator()
{
    load(u":/migrations"_s);
}

Migrator::Migrator(const QString &directory)
{
    load(directory);
}

void Migrator::load(const QString &directory)
{
    static const QRegularExpression fileName(u"^(\\d+)_(\\w+)\\.(up|down)\\.sql$"_s);
    QMap<qint64, Migration> byVersion;
    const QStringList files = QDir(directory).entryList({u"*.sql"_s}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto match = fileName.match(file);
        if (!match.hasMatch()) {
            m_loadError = u"unexpected file in migrations: %1"_s.arg(file);
            return;
        }
        QFile source(directory + u'/' + file);
        if (!source.open(QIODevice::ReadOnly)) {
            m_loadError = u"cannot read %1"_s.arg(file);
            return;
        }
        Migration &migration = byVersion[match.captured(1).toLongLong()];
        migration.version = match.captured(1).toLongLong();
        migration.name = match.captured(2);
        migration.fileStem = match.captured(1) + u'_' + match.captured(2);
        (match.captured(3) == "up"_L1 ? migration.up : migration.down) =
            QString::fromUtf8(source.readAll());
    }
    for (const Migration &migration : std::as_const(byVersion)) {
        if (migration.up.isEmpty() || migration.down.isEmpty()) {
            m_loadError = u"migration %1 needs both an up and a down file"_s.arg(migration.version);
            return;
        }
        m_migrations.append(migration);
    }
    if (m_migrations.isEmpty())
        m_loadError = u"no migrations found in %1"_s.arg(directory);
}

Result<qint64> Migrator::currentVersion(QSqlDatabase &db) const
{
    if (auto status = ensureVersionTable(db); !status)
        return status.error();
    auto query = sql::exec(db, u"SELECT version, dirty FROM schema_migrations LIMIT 1"_s);
    if (!query)
        return query.error();
    if (!query.value().next())
        return qint64(0);
    if (query.value().value(1).toBool())
        return ApiError{ErrorCode::Internal,
                        u"schema_migrations is dirty at version %1: a migration failed outside "
                        "Natter; fix the schema by hand, then clear the flag"_s.arg(
                            query.value().value(0).toLongLong()),
                        {}};
    return query.value().value(0).toLongLong();
}

Status Migrator::apply(QSqlDatabase &db, const Migration &migration, bool upwards,
                       qint64 newVersion) const
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    const QStringList statements = splitSqlStatements(upwards ? migration.up : migration.down);
    for (const QString &statement : statements) {
        if (auto status = sql::execRaw(db, statement); !status) {
            return ApiError{ErrorCode::Internal,
                            u"migration %1 (%2) failed; nothing of it was applied"_s.arg(
                                migration.fileStem, upwards ? u"up"_s : u"down"_s),
                            {}};
        }
    }
    if (auto status = sql::execRaw(db, u"DELETE FROM schema_migrations"_s); !status)
        return status;
    if (newVersion > 0) {
        auto insert =
            sql::exec(db, u"INSERT INTO schema_migrations (version, dirty) VALUES (?, false)"_s,
                      {newVersion});
        if (!insert)
            return insert.error();
    }
    return transaction.commit();
}

Result<qint64> Migrator::underLock(QSqlDatabase &db,
                                   const std::function<Result<qint64>(qint64)> &step) const
{
    if (!m_loadError.isEmpty())
        return ApiError{ErrorCode::Internal, m_loadError, {}};
    MigrationLock lock(db);
    if (!lock.locked())
        return ApiError::unavailable();
    auto current = currentVersion(db);
    if (!current)
        return current;
    return step(current.value());
}

Result<qint64> Migrator::up(QSqlDatabase &db) const
{
    return underLock(db, [&](qint64 version) { return applyPending(db, version); });
}

Result<qint64> Migrator::down(QSqlDatabase &db, int steps) const
{
    return underLock(db, [&](qint64 version) { return rollBack(db, version, steps); });
}

Result<qint64> Migrator::applyPending(QSqlDatabase &db, qint64 version) const
{
    for (const Migration &migration : m_migrations) {
        if (migration.version <= version)
            continue;
        if (auto status = apply(db, migration, true, migration.version); !status)
            return status.error();
        logging::event(lcMigrate(), QtInfoMsg, u"applied migration"_s,
                       {{u"version"_s, migration.version}, {u"name"_s, migration.name}});
        version = migration.version;
    }
    return version;
}

Result<qint64> Migrator::rollBack(QSqlDatabase &db, qint64 version, int steps) const
{
    for (int step = 0; step < steps && version > 0; ++step) {
        const auto it =
            std::find_if(m_migrations.cbegin(), m_migrations.cend(),
                         [version](const Migration &m) { return m.version == version; });
        if (it == m_migrations.cend())
            return ApiError{ErrorCode::Internal,
                            u"version %1 is applied but not known to this binary"_s.arg(version),
                            {}};
        const qint64 previous = it == m_migrations.cbegin() ? 0 : std::prev(it)->version;
        if (auto status = apply(db, *it, false, previous); !status)
            return status.error();
        logging::event(lcMigrate(), QtInfoMsg, u"rolled back migration"_s,
                       {{u"version"_s, it->version}, {u"name"_s, it->name}});
        version = previous;
    }
    return version;
}

} // namespace natter::server
