// SPDX-License-Identifier: Apache-2.0
#include "ops/opsdatabase.h"

#include "db/migrator.h"
#include "ops/failure.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {

ScopedConnection::ScopedConnection(const DatabaseSettings &settings, const QString &name)
    : m_name(name), m_db(settings.open(name))
{
    // Told apart from the server's own sessions (countServerSessions) in pg_stat_activity.
    if (m_db.isOpen())
        QSqlQuery(m_db).exec(u"SET application_name TO 'natter-ops'"_s);
}

ScopedConnection::~ScopedConnection()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

QString ScopedConnection::errorText() const
{
    return m_db.lastError().text().simplified();
}

Result<QVariant> queryValue(QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    if (!query.prepare(statement))
        return failure(query.lastError().text());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return failure(query.lastError().text());
    return query.next() ? query.value(0) : QVariant();
}

Result<std::optional<SchemaState>> readSchemaState(QSqlDatabase &db)
{
    auto table = queryValue(db, u"SELECT to_regclass('public.schema_migrations') IS NOT NULL"_s);
    if (!table)
        return table.error();
    if (!table->toBool())
        return std::optional<SchemaState>();
    QSqlQuery query(db);
    if (!query.exec(u"SELECT version, dirty FROM schema_migrations LIMIT 1"_s))
        return failure(query.lastError().text());
    if (!query.next())
        return std::optional<SchemaState>(SchemaState{});
    return std::optional<SchemaState>(
        SchemaState{query.value(0).toLongLong(), query.value(1).toBool()});
}

Result<int> countTables(QSqlDatabase &db)
{
    auto count = queryValue(db, u"SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"_s);
    if (!count)
        return count.error();
    return count->toInt();
}

Result<int> countServerSessions(QSqlDatabase &db)
{
    auto count = queryValue(db, u"SELECT count(*) FROM pg_stat_activity WHERE datname = "
                                "current_database() AND application_name = 'natter-server' "
                                "AND pid <> pg_backend_pid()"_s);
    if (!count)
        return count.error();
    return count->toInt();
}

qint64 latestMigrationVersion()
{
    const Migrator migrator;
    return migrator.migrations().isEmpty() ? 0 : migrator.migrations().constLast().version;
}

} // namespace natter::server::ops
