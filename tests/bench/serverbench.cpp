// SPDX-License-Identifier: Apache-2.0
// natter-bench-server: message throughput and realtime delivery latency of a running server.
// scripts/bench-server.sh starts a server on a throwaway database and runs this against it.
#include "loadrun.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace Qt::Literals::StringLiterals;
using namespace natter::bench;

namespace {

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size())));
    return values[index];
}

void printReport(const LoadOptions &options, const LoadReport &report)
{
    std::printf("users %d, senders %d, messages %d\n", options.users, options.senders,
                options.messages);
    std::printf("sent %d (failed %d) in %.2f s: %.0f messages/s\n", report.sent, report.failed,
                report.seconds, report.sent / report.seconds);
    std::printf("send round trip ms: p50 %.1f  p95 %.1f  p99 %.1f\n",
                percentile(report.sendMs, 0.50), percentile(report.sendMs, 0.95),
                percentile(report.sendMs, 0.99));
    std::printf("deliveries %lld of %lld: %.0f frames/s\n",
                static_cast<long long>(report.deliveries),
                static_cast<long long>(report.expectedDeliveries),
                double(report.deliveries) / report.seconds);
    std::printf("send-to-socket ms: p50 %.1f  p95 %.1f  p99 %.1f\n",
                percentile(report.deliveryMs, 0.50), percentile(report.deliveryMs, 0.95),
                percentile(report.deliveryMs, 0.99));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Natter server load benchmark (needs NATTER_DEV_LOGIN=1)"_s);
    parser.addHelpOption();
    parser.addOptions({{u"url"_s, u"server base URL"_s, u"url"_s, u"http://127.0.0.1:8080"_s},
                       {u"users"_s, u"members of the group, each with a socket"_s, u"n"_s, u"20"_s},
                       {u"senders"_s, u"members sending concurrently"_s, u"n"_s, u"8"_s},
                       {u"messages"_s, u"messages in all"_s, u"n"_s, u"2000"_s},
                       {u"timeout"_s, u"give up after this many seconds"_s, u"s"_s, u"300"_s}});
    parser.process(app);
    LoadOptions options{QUrl(parser.value(u"url"_s)), parser.value(u"users"_s).toInt(),
                        parser.value(u"senders"_s).toInt(), parser.value(u"messages"_s).toInt()};
    LoadRun run(options);
    int exitCode = 0;
    QObject::connect(&run, &LoadRun::finished, &app, [&](const LoadReport &report) {
        printReport(options, report);
        exitCode = report.failed == 0 && report.deliveries == report.expectedDeliveries ? 0 : 1;
        app.quit();
    });
    QObject::connect(&run, &LoadRun::failed, &app, [&](const QString &why) {
        std::fprintf(stderr, "natter-bench-server: %s\n", qPrintable(why));
        exitCode = 1;
        app.quit();
    });
    QTimer::singleShot(parser.value(u"timeout"_s).toInt() * 1000, &app, [&] {
        std::fprintf(stderr, "natter-bench-server: timed out\n");
        exitCode = 1;
        app.quit();
    });
    QTimer::singleShot(0, &run, &LoadRun::start);
    return app.exec();
}
