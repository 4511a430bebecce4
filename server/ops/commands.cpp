// SPDX-License-Identifier: Apache-2.0
#include "ops/commands.h"

#include "config.h"
#include "ops/admingrant.h"
#include "ops/backup.h"
#include "ops/doctor.h"
#include "ops/envfile.h"
#include "ops/failure.h"
#include "ops/restore.h"
#include "ops/setup.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QProcessEnvironment>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

const QString kDefaultEnvFile = u"/etc/natter/natter.env"_s;

int fail(const QString &message)
{
    std::fprintf(stderr, "natter-server: %s\n", qPrintable(message));
    return 1;
}

int usage(const QString &message)
{
    std::fprintf(stderr, "natter-server: %s\n\n%s", qPrintable(message),
                 qPrintable(operatorCommandsHelp()));
    return 2;
}

const QCommandLineOption kEnvFileOption{
    u"env-file"_s, u"the service's environment file (default /etc/natter/natter.env)"_s, u"file"_s};

//! Parses `arguments` of `command` with `options`; the error is a usage message.
std::optional<QString> parse(QCommandLineParser &parser, const QString &command,
                             const QStringList &arguments, const QList<QCommandLineOption> &options)
{
    parser.addOptions(options);
    parser.addOption(kEnvFileOption);
    if (!parser.parse(QStringList{u"natter-server "_s + command} + arguments))
        return parser.errorText();
    return std::nullopt;
}

//! The process environment with the env file's variables added (the process wins), so that a
//! command sees what the service sees. The default file is used when it exists.
Result<QProcessEnvironment> loadEnvironment(const QCommandLineParser &parser, QString &envFile)
{
    envFile = parser.value(kEnvFileOption);
    if (envFile.isEmpty() && QFileInfo::exists(kDefaultEnvFile))
        envFile = kDefaultEnvFile;
    const QProcessEnvironment process = QProcessEnvironment::systemEnvironment();
    if (envFile.isEmpty())
        return process;
    auto merged = EnvFile::merged(process, envFile);
    if (!merged)
        return failure(merged.error().message + u" (run as root, or as the natter user)"_s);
    return merged;
}

QString dataDirOf(const QProcessEnvironment &env)
{
    return env.value(u"NATTER_DATA_DIR"_s, u".data"_s);
}

QString bytesText(qint64 bytes)
{
    if (bytes < 1000000)
        return QString::number(double(bytes) / 1e3, 'f', 1) + u" kB"_s;
    return QString::number(double(bytes) / 1e6, 'f', 1) + u" MB"_s;
}

int backupCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption keep(u"keep"_s, u"keep only the newest N backups in DIR"_s, u"N"_s);
    if (auto error = parse(parser, u"backup"_s, arguments, {keep}))
        return usage(*error);
    if (parser.positionalArguments().size() != 1)
        return usage(u"backup takes one folder"_s);
    bool keepOk = true;
    const int keepCount = parser.isSet(keep) ? parser.value(keep).toInt(&keepOk) : 0;
    if (!keepOk || keepCount < 0)
        return usage(u"--keep takes a number"_s);
    QString envFile;
    auto env = loadEnvironment(parser, envFile);
    if (!env)
        return fail(env.error().message);
    auto report = createBackup({env->value(u"DATABASE_URL"_s), dataDirOf(env.value()),
                                parser.positionalArguments().constFirst(), keepCount});
    if (!report)
        return fail(u"backup failed: "_s + report.error().message);
    std::printf("backup written to %s: database %s at schema version %lld, %d files (%d of "
                "them unchanged since the previous backup: hard links)\n",
                qPrintable(report->folder), qPrintable(bytesText(report->databaseBytes)),
                static_cast<long long>(report->schemaVersion), report->files, report->linkedFiles);
    for (const QString &removed : report->removed)
        std::printf("removed the old backup %s\n", qPrintable(removed));
    return 0;
}

int restoreCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption force(u"force"_s,
                                   u"replace everything in a database that is not empty"_s);
    if (auto error = parse(parser, u"restore"_s, arguments, {force}))
        return usage(*error);
    if (parser.positionalArguments().size() != 1)
        return usage(u"restore takes one backup folder"_s);
    QString envFile;
    auto env = loadEnvironment(parser, envFile);
    if (!env)
        return fail(env.error().message);
    auto report = restoreBackup({env->value(u"DATABASE_URL"_s), dataDirOf(env.value()),
                                 parser.positionalArguments().constFirst(), parser.isSet(force)});
    if (!report)
        return fail(u"restore failed: "_s + report.error().message);
    std::printf("restored: database at schema version %lld, %d files; start the server (it "
                "applies newer migrations itself)\n",
                static_cast<long long>(report->schemaVersion), report->files);
    return 0;
}

int doctorCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption caFile(u"ca-file"_s, u"also trust this CA (PEM)"_s, u"file"_s);
    const QCommandLineOption local(u"local"_s, u"a natter-server process on this machine"_s,
                                   u"host:port"_s);
    if (auto error = parse(parser, u"doctor"_s, arguments, {caFile, local}))
        return usage(*error);
    DoctorInput input;
    auto env = loadEnvironment(parser, input.envFile);
    if (!env)
        return fail(env.error().message);
    input.env = env.value();
    auto config = Config::fromEnvironment(input.env);
    if (config)
        input.config = config.value();
    else
        input.configError = config.error();
    input.caFile = parser.value(caFile);
    input.localAddress = parser.isSet(local)
                             ? parser.value(local)
                             : input.env.value(u"NATTER_LISTEN"_s, u"127.0.0.1:8081"_s);
    return runDoctor(input);
}

int setupCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    const QCommandLineOption publicUrl(u"public-url"_s, u"the https:// address people open"_s,
                                       u"url"_s);
    const QCommandLineOption databaseUrl(u"database-url"_s, u"use this existing database"_s,
                                         u"url"_s);
    const QCommandLineOption pgHost(u"pg-host"_s, u"local PostgreSQL's socket folder"_s, u"dir"_s);
    const QCommandLineOption pgPort(u"pg-port"_s, u"local PostgreSQL's port"_s, u"port"_s);
    const QCommandLineOption dbHost(u"db-host"_s, u"how the service reaches it (127.0.0.1)"_s,
                                    u"host"_s);
    const QCommandLineOption dbName(u"db-name"_s, u"database name (natter)"_s, u"name"_s);
    const QCommandLineOption dbUser(u"db-user"_s, u"role name (natter)"_s, u"name"_s);
    const QCommandLineOption instances(u"instances"_s, u"ports of natter@ units (8081,8082)"_s,
                                       u"ports"_s);
    const QCommandLineOption noStart(u"no-start"_s, u"do not enable or start the service"_s);
    if (auto error = parse(
            parser, u"setup"_s, arguments,
            {publicUrl, databaseUrl, pgHost, pgPort, dbHost, dbName, dbUser, instances, noStart}))
        return usage(*error);
    SetupRequest request;
    request.envFile = parser.isSet(kEnvFileOption) ? parser.value(kEnvFileOption) : kDefaultEnvFile;
    request.publicUrl = parser.value(publicUrl);
    request.databaseUrl = parser.value(databaseUrl);
    request.adminHost = parser.value(pgHost);
    if (parser.isSet(pgPort))
        request.adminPort = parser.value(pgPort).toInt();
    if (parser.isSet(dbHost))
        request.dbHost = parser.value(dbHost);
    if (parser.isSet(dbName))
        request.dbName = parser.value(dbName);
    if (parser.isSet(dbUser))
        request.dbUser = parser.value(dbUser);
    if (parser.isSet(instances))
        request.instances = parser.value(instances).split(u',', Qt::SkipEmptyParts);
    request.start = !parser.isSet(noStart);
    auto report = runSetup(request);
    if (!report)
        return fail(u"setup failed: "_s + report.error().message);
    for (const QString &step : report->steps)
        std::printf("done: %s\n", qPrintable(step));
    for (const QString &step : report->nextSteps)
        std::printf("next: %s\n", qPrintable(step));
    return 0;
}

int adminCommand(const QStringList &arguments)
{
    QCommandLineParser parser;
    if (auto error = parse(parser, u"admin"_s, arguments, {}))
        return usage(*error);
    const QStringList words = parser.positionalArguments();
    if (words.size() != 2 || (words[0] != "grant"_L1 && words[0] != "revoke"_L1))
        return usage(u"admin takes grant or revoke and a username"_s);
    QString envFile;
    auto env = loadEnvironment(parser, envFile);
    if (!env)
        return fail(env.error().message);
    auto done =
        changeInstanceAdmin(env->value(u"DATABASE_URL"_s), words[0] == "grant"_L1, words[1]);
    if (!done)
        return fail(u"admin %1 failed: %2"_s.arg(words[0], done.error().message));
    std::printf("%s\n", qPrintable(done.value()));
    return 0;
}

} // namespace

std::optional<int> runOperatorCommand(const QString &command, const QStringList &arguments)
{
    if (command == "backup"_L1)
        return backupCommand(arguments);
    if (command == "restore"_L1)
        return restoreCommand(arguments);
    if (command == "doctor"_L1)
        return doctorCommand(arguments);
    if (command == "setup"_L1)
        return setupCommand(arguments);
    if (command == "admin"_L1)
        return adminCommand(arguments);
    return std::nullopt;
}

QString operatorCommandsHelp()
{
    return u"Operator commands (they read /etc/natter/natter.env, or --env-file FILE):\n\n"
           "  setup [--public-url URL] [--database-url URL] [--no-start]\n"
           "                   create the database role and database on this machine's\n"
           "                   PostgreSQL (or take DATABASE_URL), migrate, start the service\n"
           "                   (more: --pg-host DIR --pg-port N --db-host HOST --db-name NAME\n"
           "                   --db-user NAME --instances 8081,8082)\n"
           "  doctor [--ca-file PEM] [--local HOST:PORT]\n"
           "                   check the installation; one PASS/WARN/FAIL line per check with\n"
           "                   the fix; exit code 1 when a check failed\n"
           "  backup DIR [--keep N]\n"
           "                   dump the database and copy NATTER_DATA_DIR into a new folder\n"
           "                   DIR/natter-<UTC time>; keep only the newest N\n"
           "  admin grant|revoke USERNAME\n"
           "                   make a user an instance admin (the /admin console), or no\n"
           "                   longer one\n"
           "  restore BACKUP [--force]\n"
           "                   load one backup folder into the (empty) database and data\n"
           "                   folder; --force replaces a database that has tables\n\n"_s;
}

} // namespace natter::server::ops
