// SPDX-License-Identifier: Apache-2.0
#include "ops/setup.h"

#include "db/databasesettings.h"
#include "db/migrator.h"
#include "ops/envfile.h"
#include "ops/failure.h"
#include "ops/httpprobe.h"
#include "ops/opsdatabase.h"
#include "ops/pgtools.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QThread>
#include <QUrl>

#include <pwd.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

const QString kKey = u"NATTER_JWT_SIGNING_KEY"_s;
const QString kPublicUrl = u"NATTER_PUBLIC_URL"_s;
const QString kDatabaseUrl = u"DATABASE_URL"_s;

QString randomText(int length)
{
    static const QString alphabet =
        u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"_s;
    QString text;
    for (int i = 0; i < length; ++i)
        text.append(alphabet.at(int(QRandomGenerator::system()->bounded(alphabet.size()))));
    return text;
}

QString freshSigningKey()
{
    QByteArray key(48, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    return QString::fromLatin1(key.toBase64());
}

bool isPostgresUser()
{
    const passwd *user = ::getpwuid(::geteuid());
    return user && QLatin1StringView(user->pw_name) == "postgres"_L1;
}

//! Creates (or updates the password of) the role and creates the database, through psql as
//! the `postgres` OS user, which a stock PostgreSQL lets in over its socket (peer auth).
Result<QString> createLocalDatabase(const SetupRequest &request, QStringList &steps)
{
    static const QRegularExpression identifier(u"^[a-z_][a-z0-9_]{0,62}$"_s);
    if (!identifier.match(request.dbName).hasMatch() ||
        !identifier.match(request.dbUser).hasMatch())
        return failure(u"database and role names are lower-case letters, digits and _"_s);
    QString program = u"psql"_s;
    QStringList arguments;
    if (::geteuid() == 0) {
        program = u"runuser"_s;
        arguments << u"-u"_s << u"postgres"_s << u"--"_s << u"psql"_s;
    } else if (!isPostgresUser()) {
        return failure(u"creating the database needs PostgreSQL's administrator: run setup as "
                       "root (sudo), or pass --database-url for a database that exists"_s);
    }
    arguments << u"--no-psqlrc"_s << u"--quiet"_s << u"--set=ON_ERROR_STOP=1"_s
              << u"--dbname=postgres"_s << u"--port=%1"_s.arg(request.adminPort);
    if (!request.adminHost.isEmpty())
        arguments << u"--host=%1"_s.arg(request.adminHost);
    const QString password = randomText(32);
    // Names and password are checked or generated above: safe inside psql's quotes. Sent on
    // stdin, so the password never shows on a command line.
    const QString script =
        u"\\set natter_user '%1'\n\\set natter_db '%2'\n\\set natter_password '%3'\n"
        "SELECT format('CREATE ROLE %I LOGIN', :'natter_user') WHERE NOT EXISTS "
        "(SELECT FROM pg_roles WHERE rolname = :'natter_user') \\gexec\n"
        "SELECT format('ALTER ROLE %I WITH LOGIN PASSWORD %L', :'natter_user', "
        ":'natter_password') \\gexec\n"
        "SELECT format('CREATE DATABASE %I OWNER %I ENCODING %L TEMPLATE template0', "
        ":'natter_db', :'natter_user', 'UTF8') WHERE NOT EXISTS "
        "(SELECT FROM pg_database WHERE datname = :'natter_db') \\gexec\n"_s.arg(
            request.dbUser, request.dbName, password);
    auto ran =
        runTool(program, arguments, QProcessEnvironment::systemEnvironment(), script.toUtf8());
    if (!ran)
        return failure(u"cannot create the database: %1. Is PostgreSQL installed and running "
                       "(apt install postgresql)?"_s.arg(ran.error().message));
    steps.append(u"role %1 and database %2 are ready on the local PostgreSQL"_s.arg(
        request.dbUser, request.dbName));
    if (request.dbHost.startsWith(u'/'))
        return u"host=%1 port=%2 dbname=%3 user=%4 password=%5"_s.arg(
            request.dbHost, QString::number(request.adminPort), request.dbName, request.dbUser,
            password);
    return u"postgres://%1:%2@%3:%4/%5"_s.arg(request.dbUser, password, request.dbHost,
                                              QString::number(request.adminPort), request.dbName);
}

Result<qint64> migrate(const QString &databaseUrl)
{
    auto settings = DatabaseSettings::parse(databaseUrl);
    if (!settings)
        return failure(describe(settings.error()));
    ScopedConnection connection(settings.value(), u"setup"_s);
    if (!connection.isOpen())
        return failure(u"cannot connect with DATABASE_URL: %1"_s.arg(connection.errorText()));
    const Migrator migrator;
    auto version = migrator.up(connection.db());
    if (!version)
        return failure(u"migrations failed: %1"_s.arg(version.error().message));
    return version;
}

Status systemctl(const QStringList &arguments)
{
    QProcess process;
    process.start(u"systemctl"_s, arguments);
    if (!process.waitForFinished(60000) || process.exitCode() != 0)
        return failure(u"systemctl %1 failed: %2"_s.arg(
            arguments.join(u' '), QString::fromUtf8(process.readAllStandardError()).trimmed()));
    return Done{};
}

Status startServices(const SetupRequest &request, QStringList &steps)
{
    QStringList units;
    for (const QString &port : request.instances)
        units.append(u"natter@%1.service"_s.arg(port));
    for (const QStringList &command :
         {QStringList{u"daemon-reload"_s}, QStringList{u"enable"_s, u"--quiet"_s} + units,
          QStringList{u"restart"_s} + units,
          QStringList{u"enable"_s, u"--now"_s, u"--quiet"_s, u"natter-backup.timer"_s}}) {
        if (auto done = systemctl(command); !done)
            return done;
    }
    const HttpProbe probe({}, 2000);
    for (const QString &port : request.instances) {
        const QUrl health(u"http://127.0.0.1:%1/healthz"_s.arg(port));
        bool healthy = false;
        for (int attempt = 0; attempt < 30 && !healthy; ++attempt) {
            healthy = probe.get(health).status == 200;
            if (!healthy)
                QThread::sleep(1);
        }
        if (!healthy)
            return failure(
                u"natter@%1 does not answer as healthy; see journalctl -u natter@%1"_s.arg(port));
        steps.append(u"natter@%1 runs and is healthy"_s.arg(port));
    }
    steps.append(u"nightly backups are on (natter-backup.timer)"_s);
    return Done{};
}

} // namespace

Result<SetupReport> runSetup(const SetupRequest &request)
{
    SetupReport report;
    auto env = EnvFile::read(request.envFile);
    if (!env)
        return failure(env.error().message +
                       u" (is natter-server installed from its package, and are you root?)"_s);

    const QString key = env->value(kKey);
    if (key.size() < 32 || key.contains("CHANGE_ME"_L1)) {
        if (auto set = EnvFile::set(request.envFile, kKey, freshSigningKey()); !set)
            return set.error();
        report.steps.append(u"wrote a fresh signing key"_s);
    }

    if (!request.publicUrl.isEmpty()) {
        const QUrl url(request.publicUrl, QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty() ||
            (url.scheme() != "https"_L1 && url.scheme() != "http"_L1))
            return failure(
                u"--public-url must be an http(s) URL, got '%1'"_s.arg(request.publicUrl));
        const QString value = url.adjusted(QUrl::StripTrailingSlash).toString();
        if (auto set = EnvFile::set(request.envFile, kPublicUrl, value); !set)
            return set.error();
        report.steps.append(u"NATTER_PUBLIC_URL=%1"_s.arg(value));
    } else if (env->value(kPublicUrl).contains("example."_L1)) {
        report.nextSteps.append(u"set your address: natter-server setup --public-url "
                                "https://chat.your-domain.org"_s);
    }

    QString databaseUrl = request.databaseUrl;
    if (databaseUrl.isEmpty() && !env->value(kDatabaseUrl).trimmed().isEmpty()) {
        databaseUrl = env->value(kDatabaseUrl).trimmed();
        report.steps.append(u"keeping the DATABASE_URL already set"_s);
    }
    if (databaseUrl.isEmpty()) {
        auto created = createLocalDatabase(request, report.steps);
        if (!created)
            return created.error();
        databaseUrl = created.value();
    }
    auto version = migrate(databaseUrl);
    if (!version)
        return version.error();
    report.steps.append(u"database schema at version %1"_s.arg(version.value()));
    if (databaseUrl != env->value(kDatabaseUrl).trimmed()) {
        if (auto set = EnvFile::set(request.envFile, kDatabaseUrl, databaseUrl); !set)
            return set.error();
        report.steps.append(u"wrote DATABASE_URL to %1"_s.arg(request.envFile));
    }

    const bool systemd = QFileInfo::exists(u"/run/systemd/system"_s);
    if (request.start && systemd) {
        if (auto started = startServices(request, report.steps); !started)
            return started.error();
    } else {
        report.nextSteps.append(u"start it: systemctl enable --now natter@%1 "
                                "natter-backup.timer"_s.arg(request.instances.join(u" natter@"_s)));
    }
    report.nextSteps.append(
        u"put Caddy in front: cp /usr/share/natter/Caddyfile "
        "/etc/caddy/Caddyfile, set your domain in it, systemctl reload caddy"_s);
    report.nextSteps.append(u"check everything: natter-server doctor"_s);
    return report;
}

} // namespace natter::server::ops
