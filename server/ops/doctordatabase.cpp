// SPDX-License-Identifier: Apache-2.0
// The doctor's database checks: reachable with the service's DATABASE_URL, and migrated.
#include "db/databasesettings.h"
#include "ops/doctor.h"
#include "ops/failure.h"
#include "ops/opsdatabase.h"

#include <QDateTime>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

const QString kReachable = u"database"_s;
const QString kMigrated = u"migrations"_s;

CheckResult migrations(QSqlDatabase &db)
{
    const qint64 latest = latestMigrationVersion();
    auto state = readSchemaState(db);
    if (!state)
        return {kMigrated,
                Outcome::Fail,
                u"cannot read schema_migrations: %1"_s.arg(state.error().message),
                {}};
    const QString migrate = u"run `natter-server migrate` (as the service does at start with "
                            "NATTER_MIGRATE_ON_START=1)"_s;
    if (!state.value())
        return {kMigrated, Outcome::Fail, u"the database has no Natter schema"_s, migrate};
    const SchemaState schema = *state.value();
    if (schema.dirty)
        return {kMigrated, Outcome::Fail,
                u"a migration to version %1 failed half-way (schema_migrations is dirty)"_s.arg(
                    schema.version),
                u"repair the schema by hand, then UPDATE schema_migrations SET dirty = false"_s};
    if (schema.version < latest)
        return {kMigrated, Outcome::Fail,
                u"schema at version %1, this natter-server needs %2"_s.arg(
                    QString::number(schema.version), QString::number(latest)),
                migrate};
    if (schema.version > latest)
        return {kMigrated, Outcome::Fail,
                u"schema at version %1 is newer than this natter-server knows (%2)"_s.arg(
                    QString::number(schema.version), QString::number(latest)),
                u"install the natter-server version that migrated it"_s};
    return {kMigrated, Outcome::Pass, u"schema at version %1, the newest"_s.arg(latest), {}};
}

} // namespace

QList<CheckResult> checkDatabase(const DoctorInput &input, DoctorFindings &found)
{
    const QString url = input.env.value(u"DATABASE_URL"_s).trimmed();
    const QString setupFix = u"`natter-server setup` creates the role and database on this "
                             "machine's PostgreSQL and writes DATABASE_URL"_s;
    if (url.isEmpty())
        return {{kReachable, Outcome::Fail, u"DATABASE_URL is not set"_s, setupFix},
                {kMigrated, Outcome::Skip, u"no database"_s, {}}};
    auto settings = DatabaseSettings::parse(url);
    if (!settings)
        return {{kReachable, Outcome::Fail, describe(settings.error()), setupFix},
                {kMigrated, Outcome::Skip, u"no database"_s, {}}};

    ScopedConnection connection(settings.value(), u"doctor"_s);
    if (!connection.isOpen())
        return {{kReachable, Outcome::Fail,
                 u"cannot connect to %1 on %2: %3"_s.arg(
                     settings->database,
                     settings->host.isEmpty() ? u"the local socket"_s : settings->host,
                     connection.errorText()),
                 u"is PostgreSQL running (systemctl status postgresql)? Are host, port, user and "
                 "password in DATABASE_URL right? "_s +
                     setupFix},
                {kMigrated, Outcome::Skip, u"no database"_s, {}}};
    found.databaseUp = true;

    const qint64 sentMs = QDateTime::currentMSecsSinceEpoch();
    auto now = queryValue(connection.db(), u"SELECT extract(epoch FROM clock_timestamp())"_s);
    const qint64 receivedMs = QDateTime::currentMSecsSinceEpoch();
    if (now)
        found.clock.append(
            {u"the database"_s, now->toDouble() - double(sentMs + receivedMs) / 2000.0});
    auto version = queryValue(connection.db(), u"SELECT current_setting('server_version')"_s);
    const CheckResult reachable{
        kReachable,
        Outcome::Pass,
        u"%1 reachable (PostgreSQL %2)"_s.arg(
            settings->database, version ? version->toString().section(u' ', 0, 0) : u"?"_s),
        {}};
    return {reachable, migrations(connection.db())};
}

} // namespace natter::server::ops
