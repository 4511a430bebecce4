// SPDX-License-Identifier: Apache-2.0
// natter-server: parses the command line and hands over to Server or Migrator.
#include "auth/devsigningkey.h"
#include "config.h"
#include "db/databasesettings.h"
#include "db/migrator.h"
#include "eventloop/eventloopchoice.h"
#include "logging.h"
#include "ops/commands.h"
#include "server.h"
#include "shutdownsignals.h"

#include <QCoreApplication>
#include <QProcessEnvironment>
#include <QSqlDatabase>

#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;

namespace {

void printError(const ApiError &error)
{
    QString text = u"natter-server: "_s + error.message;
    for (auto it = error.fields.cbegin(); it != error.fields.cend(); ++it)
        text = u"natter-server: %1 %2"_s.arg(it.key(), it.value());
    std::fprintf(stderr, "%s\n", qPrintable(text));
}

int runMigrate(const QStringList &args)
{
    auto settings = DatabaseSettings::parse(qEnvironmentVariable("DATABASE_URL"));
    if (!settings) {
        printError(settings.error());
        return 2;
    }
    int steps = 0;
    if (args.value(0) == "down"_L1) {
        bool ok = false;
        steps = args.value(1, u"1"_s).toInt(&ok);
        if (!ok || steps < 1) {
            std::fprintf(stderr, "natter-server: migrate down takes a positive number\n");
            return 2;
        }
    } else if (!args.isEmpty() && args.value(0) != "up"_L1) {
        std::fprintf(stderr, "natter-server: migrate takes 'up' or 'down N'\n");
        return 2;
    }
    Result<qint64> version = ApiError::internal();
    {
        QSqlDatabase db = settings.value().open(u"migrate"_s);
        if (!db.isOpen()) {
            std::fprintf(stderr, "natter-server: cannot connect to the database\n");
            return 1;
        }
        const Migrator migrator;
        version = steps > 0 ? migrator.down(db, steps) : migrator.up(db);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"migrate"_s);
    if (!version) {
        printError(version.error());
        return 1;
    }
    std::printf("schema at version %lld\n", static_cast<long long>(version.value()));
    return 0;
}

int runServe(QCoreApplication &app)
{
    auto config = Config::fromEnvironment(QProcessEnvironment::systemEnvironment());
    if (!config) {
        printError(config.error());
        std::fprintf(stderr, "Run natter-server --help for every variable.\n");
        return 2;
    }
    if (auto settings = DatabaseSettings::parse(config->databaseUrl); !settings) {
        printError(settings.error());
        return 2;
    }
    if (config->jwtSigningKey.isEmpty()) {
        auto key = loadOrCreateDevSigningKey(config->dataDir);
        if (!key) {
            printError(key.error());
            return 1;
        }
        config.value().jwtSigningKey = key.value();
    }
    if (config->devLogin)
        qCWarning(lcAuth,
                  "DEVELOPMENT LOGIN IS ON: anyone who reaches this server can sign in as anyone. "
                  "Never enable NATTER_DEV_LOGIN in production.");

    if (!config->rateLimits.enabled)
        qCWarning(lcServer, "RATE LIMITS ARE OFF (NATTER_RATE_LIMITS=off): for benchmarks only; "
                            "any client can flood sign-in and sending.");

    Server server(config.value());
    if (auto started = server.start(); !started) {
        printError(started.error());
        return 1;
    }
    int exitCode = 0;
    QObject::connect(&server, &Server::fatalError, &app, [&](const QString &) {
        exitCode = 1;
        app.quit();
    });
    ShutdownSignals signals;
    QObject::connect(&signals, &ShutdownSignals::shutdownRequested, &app, [&](int number) {
        qCInfo(lcServer, "signal %d: shutting down", number);
        server.stop();
        app.quit();
    });
    app.exec();
    return exitCode;
}

} // namespace

int main(int argc, char *argv[])
{
    // QPSQL turns every timestamptz into local time, and without TZ glibc stats
    // /etc/localtime on each conversion: 50 file lookups per history page. The same zone,
    // named once, is read once (issue 10).
    if (qEnvironmentVariableIsEmpty("TZ"))
        qputenv("TZ", ":/etc/localtime");
    if (const auto problem =
            eventloop::installEventDispatcher(qEnvironmentVariable("NATTER_EVENT_LOOP"))) {
        std::fprintf(stderr, "natter-server: %s\n", qPrintable(*problem));
        return 2;
    }
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"natter-server"_s);
    logging::installJsonMessageHandler();

    const QStringList args = app.arguments().mid(1);
    if (args.contains(u"--help"_s) || args.contains(u"-h"_s)) {
        std::printf("%s\n%s", qPrintable(Config::helpText()),
                    qPrintable(ops::operatorCommandsHelp()));
        return 0;
    }
    const QString command = args.value(0, u"serve"_s);
    if (command == "migrate"_L1)
        return runMigrate(args.mid(1));
    if (command == "serve"_L1)
        return runServe(app);
    if (const auto exitCode = ops::runOperatorCommand(command, args.mid(1)))
        return *exitCode;
    std::fprintf(stderr, "natter-server: unknown command '%s'\n\n%s", qPrintable(command),
                 qPrintable(Config::helpText()));
    return 2;
}
