// SPDX-License-Identifier: Apache-2.0
// natter-load: the load client of `make bench` (scripts/bench.sh). One scenario per run, one
// JSON line per result on stdout; docs/benchmarks.md explains each.
#include "benchseed.h"
#include "historyload.h"
#include "loadworker.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QUrl>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <sys/resource.h>
#include <thread>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace natter::bench;

namespace {

struct Settings
{
    std::string host;
    std::uint16_t port = 0;
    int threads = 2;
    //! The server processes (several when they share the port): CPU and memory are summed.
    std::vector<int> serverPids;
    QString databaseUrl;
    QByteArray signingKey;
};

double percentileMs(std::vector<std::uint32_t> &values, double p)
{
    if (values.empty())
        return 0;
    const auto index = std::min(values.size() - 1, std::size_t(p * double(values.size())));
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
    return values[index] / 1000.0;
}

//! CPU seconds a process used so far (user + system), from /proc.
double cpuSecondsOf(int pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), {});
    const auto close = text.rfind(')');
    if (close == std::string::npos)
        return 0;
    std::istringstream fields(text.substr(close + 2));
    std::string skip;
    for (int i = 0; i < 11; ++i) // state .. cmajflt: fields 3..13
        fields >> skip;
    double user = 0, system = 0;
    fields >> user >> system;
    return (user + system) / double(sysconf(_SC_CLK_TCK));
}

double ownCpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

long residentKbOf(int pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.rfind("VmRSS:", 0) == 0)
            return std::stol(line.substr(6));
    }
    return 0;
}

double processCpuSeconds(const std::vector<int> &pids)
{
    double seconds = 0;
    for (int pid : pids)
        seconds += cpuSecondsOf(pid);
    return seconds;
}

long residentKb(const std::vector<int> &pids)
{
    long kb = 0;
    for (int pid : pids)
        kb += residentKbOf(pid);
    return kb;
}

std::vector<int> parsePids(const QString &list)
{
    std::vector<int> pids;
    for (const QString &pid : list.split(u',', Qt::SkipEmptyParts))
        pids.push_back(pid.toInt());
    return pids;
}

void sleepSeconds(double seconds)
{
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
}

//! Measures server and client CPU between construction and read().
struct CpuWindow
{
    std::vector<int> pids;
    double server = processCpuSeconds(pids);
    double client = ownCpuSeconds();
    std::uint64_t started = nowNs();
    //! {server cores, client cores} used on average over the window.
    std::pair<double, double> read() const
    {
        const double wall = double(nowNs() - started) / 1e9;
        return {(processCpuSeconds(pids) - server) / wall, (ownCpuSeconds() - client) / wall};
    }
};

class Load
{
public:
    explicit Load(const Settings &settings) : m_settings(settings)
    {
        for (int i = 0; i < settings.threads; ++i) {
            m_workers.push_back(std::make_unique<LoadWorker>(settings.host, settings.port));
            m_workers.back()->start();
        }
    }

    //! Opens `specs` (spread over the threads) and waits for every auth.ok; the seconds it
    //! took, or a negative number when not all authenticated within `timeout`.
    double connect(const std::vector<ClientSpec> &specs, double timeout = 120)
    {
        std::vector<std::vector<ClientSpec>> shares(m_workers.size());
        for (std::size_t i = 0; i < specs.size(); ++i)
            shares[i % m_workers.size()].push_back(specs[i]);
        return connectShares(std::move(shares), int(specs.size()), timeout);
    }

    //! Reopens every socket given before, all at once.
    double reconnect(int expected, double timeout = 120)
    {
        return connectShares(std::vector<std::vector<ClientSpec>>(m_workers.size()), expected,
                             timeout);
    }

    void dropAll()
    {
        for (auto &worker : m_workers)
            worker->dropAll();
        sleepSeconds(1);
    }

    int authenticated() const
    {
        int sum = 0;
        for (const auto &worker : m_workers)
            sum += worker->authenticated;
        return sum;
    }

    PhaseStats run(Phase phase, double seconds, double drain)
    {
        phase.endNs = nowNs() + std::uint64_t(seconds * 1e9);
        phase.tag = ++m_tag;
        for (auto &worker : m_workers)
            worker->setPhase(phase);
        sleepSeconds(seconds + drain);
        Phase idle;
        idle.tag = phase.tag;
        for (auto &worker : m_workers)
            worker->setPhase(idle);
        PhaseStats total;
        for (auto &worker : m_workers)
            total.merge(worker->takeStats());
        return total;
    }

private:
    double connectShares(std::vector<std::vector<ClientSpec>> shares, int expected, double timeout)
    {
        const std::uint64_t started = nowNs();
        for (std::size_t i = 0; i < m_workers.size(); ++i) {
            m_workers[i]->lastAuthNs = 0;
            m_workers[i]->connectAll(std::move(shares[i]));
        }
        while (authenticated() < expected) {
            if (double(nowNs() - started) / 1e9 > timeout)
                return -1;
            sleepSeconds(0.01);
        }
        std::uint64_t last = 0;
        for (const auto &worker : m_workers)
            last = std::max(last, worker->lastAuthNs.load());
        return double(last - started) / 1e9;
    }

    const Settings &m_settings;
    std::vector<std::unique_ptr<LoadWorker>> m_workers;
    std::uint32_t m_tag = 0;
};

std::vector<ClientSpec> specsFor(const QStringList &tokens, int count)
{
    std::vector<ClientSpec> specs;
    for (int i = 0; i < count; ++i) {
        ClientSpec spec;
        spec.token = tokens.at(i).toStdString();
        // 10,000 sockets per source address keeps well inside one address's port range.
        spec.sourceAddress = 0x7f000001 + std::uint32_t(i / 10'000);
        specs.push_back(std::move(spec));
    }
    return specs;
}

//! The group sockets: 1,000 users in 100 groups; sender of group g is user 10g, or every
//! member of group 0 when `oneBusyGroup`.
std::vector<ClientSpec> groupSpecs(const QStringList &tokens, int groups, bool oneBusyGroup)
{
    std::vector<ClientSpec> specs = specsFor(tokens, groups * seed::kGroupSize);
    for (int i = 0; i < int(specs.size()); ++i) {
        const int group = i / seed::kGroupSize;
        const bool sends = oneBusyGroup ? group == 0 : i % seed::kGroupSize == 0;
        if (sends)
            specs[std::size_t(i)].conversationId = seed::groupId(group).toStdString();
    }
    return specs;
}

void printResult(const char *scenario, const std::string &fields)
{
    std::printf("{\"scenario\":\"%s\",%s}\n", scenario, fields.c_str());
    std::fflush(stdout);
}

std::string phaseFields(PhaseStats &stats, double seconds, std::pair<double, double> cpu)
{
    char text[512];
    std::snprintf(
        text, sizeof text,
        "\"sent\":%llu,\"acked\":%llu,\"errors\":%llu,\"deliveries\":%llu,"
        "\"sent_per_s\":%.0f,\"acked_per_s\":%.0f,\"deliveries_per_s\":%.0f,"
        "\"delivery_p50_ms\":%.1f,\"delivery_p99_ms\":%.1f,\"ack_p50_ms\":%.1f,"
        "\"ack_p99_ms\":%.1f,\"server_cores\":%.2f,\"client_cores\":%.2f",
        static_cast<unsigned long long>(stats.sent), static_cast<unsigned long long>(stats.acked),
        static_cast<unsigned long long>(stats.errors),
        static_cast<unsigned long long>(stats.deliveries), double(stats.sent) / seconds,
        double(stats.acked) / seconds, double(stats.deliveries) / seconds,
        percentileMs(stats.deliveryUs, 0.5), percentileMs(stats.deliveryUs, 0.99),
        percentileMs(stats.ackUs, 0.5), percentileMs(stats.ackUs, 0.99), cpu.first, cpu.second);
    return text;
}

//! Open-loop sends at rising rates from one sender per group of 10 until p99 passes 100 ms
//! or deliveries go missing.
int fanout(const Settings &settings, const QStringList &tokens, const QStringList &rates,
           double seconds)
{
    Load load(settings);
    if (load.connect(groupSpecs(tokens, 100, false)) < 0)
        return 1;
    sleepSeconds(2.5); // the gateway's join window after auth.ok (docs/protocol.md)
    for (const QString &rateText : rates) {
        const double rate = rateText.toDouble();
        Phase phase;
        phase.mode = Phase::OpenLoop;
        phase.perSenderRate = rate / 100;
        const CpuWindow cpu{settings.serverPids};
        PhaseStats stats = load.run(phase, seconds, 0);
        const auto cores = cpu.read();
        sleepSeconds(2); // late deliveries still count as deliveries, below
        const std::uint64_t expected = stats.sent * seed::kGroupSize;
        stats.merge(load.run(Phase{}, 0, 0));
        char extra[128];
        std::snprintf(extra, sizeof extra, ",\"rate\":%.0f,\"expected\":%llu", rate,
                      static_cast<unsigned long long>(expected));
        printResult("fanout", phaseFields(stats, seconds, cores) + extra);
        std::vector<std::uint32_t> copy = stats.deliveryUs;
        if (percentileMs(copy, 0.99) > 100 || stats.deliveries < expected * 99 / 100)
            break;
    }
    return 0;
}

//! Closed loop: as many sends as the server acknowledges, into one group (all ten members
//! sending) or into 100 groups (one sender each).
int throughput(const Settings &settings, const QStringList &tokens, int groups, int window,
               double seconds)
{
    Load load(settings);
    if (load.connect(groupSpecs(tokens, 100, groups == 1)) < 0)
        return 1;
    sleepSeconds(2.5);
    Phase phase;
    phase.mode = Phase::ClosedLoop;
    phase.window = window;
    const CpuWindow cpu{settings.serverPids};
    PhaseStats stats = load.run(phase, seconds, 0);
    const auto cores = cpu.read();
    sleepSeconds(1);
    char extra[64];
    std::snprintf(extra, sizeof extra, ",\"groups\":%d,\"window\":%d", groups, window);
    printResult("throughput", phaseFields(stats, seconds, cores) + extra);
    return 0;
}

int history(const Settings &settings, const QStringList &tokens, int clients, double seconds)
{
    std::vector<std::string> sessionTokens;
    for (int i = 0; i < seed::kGroupSize; ++i)
        sessionTokens.push_back(tokens.at(i).toStdString());
    const CpuWindow cpu{settings.serverPids};
    HistoryStats stats =
        loadHistory(settings.host, settings.port, sessionTokens,
                    seed::historyGroupId().toStdString(), seed::kHistoryMessages, clients, seconds);
    const auto cores = cpu.read();
    char text[256];
    std::snprintf(text, sizeof text,
                  "\"clients\":%d,\"pages\":%llu,\"failures\":%llu,\"pages_per_s\":%.0f,"
                  "\"p50_ms\":%.2f,\"p99_ms\":%.2f,\"server_cores\":%.2f,\"client_cores\":%.2f",
                  clients, static_cast<unsigned long long>(stats.pages),
                  static_cast<unsigned long long>(stats.failures), double(stats.pages) / seconds,
                  percentileMs(stats.pageUs, 0.5), percentileMs(stats.pageUs, 0.99), cores.first,
                  cores.second);
    printResult("history", text);
    return 0;
}

//! `sockets` connect and authenticate, are all dropped at once, and reconnect at once.
int storm(const Settings &settings, const QStringList &tokens, int sockets)
{
    Load load(settings);
    const double first = load.connect(specsFor(tokens, sockets));
    load.dropAll();
    sleepSeconds(2); // the server notices the resets
    const CpuWindow cpu{settings.serverPids};
    const double again = load.reconnect(sockets);
    const auto cores = cpu.read();
    char text[256];
    std::snprintf(text, sizeof text,
                  "\"sockets\":%d,\"first_connect_s\":%.2f,\"reconnect_s\":%.2f,"
                  "\"server_cores\":%.2f,\"client_cores\":%.2f",
                  sockets, first, again, cores.first, cores.second);
    printResult("storm", text);
    return again < 0 ? 1 : 0;
}

//! `sockets` authenticated sockets doing nothing: memory each, and the CPU their heartbeats
//! cost over `seconds` (cover at least two ping intervals).
int idle(const Settings &settings, const QStringList &tokens, int sockets, double seconds)
{
    const long before = residentKb(settings.serverPids);
    Load load(settings);
    if (load.connect(specsFor(tokens, sockets), 300) < 0) {
        std::fprintf(stderr, "natter-load: only %d of %d sockets authenticated\n",
                     load.authenticated(), sockets);
        return 1;
    }
    sleepSeconds(5);
    const long after = residentKb(settings.serverPids);
    const CpuWindow cpu{settings.serverPids};
    sleepSeconds(seconds);
    const auto cores = cpu.read();
    char text[256];
    std::snprintf(text, sizeof text,
                  "\"sockets\":%d,\"rss_before_kb\":%ld,\"rss_after_kb\":%ld,"
                  "\"kb_per_socket\":%.1f,\"server_cores\":%.4f,\"client_cores\":%.4f,"
                  "\"still_open\":%d",
                  sockets, before, after, double(after - before) / sockets, cores.first,
                  cores.second, load.authenticated());
    printResult("idle", text);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Natter load client (scripts/bench.sh runs it)"_s);
    parser.addHelpOption();
    parser.addOptions({
        {u"url"_s, u"server base URL (http://127.0.0.1:PORT)"_s, u"url"_s},
        {u"database"_s, u"the server's DATABASE_URL (the benchmark's users are seeded there)"_s,
         u"url"_s},
        {u"key"_s, u"the server's NATTER_JWT_SIGNING_KEY"_s, u"key"_s},
        {u"server-pid"_s,
         u"the server process, for its CPU and memory (comma-separated when several share "
         "the port: summed)"_s,
         u"pid"_s},
        {u"threads"_s, u"load threads"_s, u"n"_s, u"2"_s},
        {u"seconds"_s, u"length of each measurement"_s, u"s"_s, u"8"_s},
        {u"rates"_s, u"fanout: messages/s to try, rising"_s, u"list"_s,
         u"250,500,1000,2000,3000,4000,6000"_s},
        {u"groups"_s, u"throughput: 1 or 100"_s, u"n"_s, u"100"_s},
        {u"window"_s, u"throughput: unanswered sends per sender"_s, u"n"_s, u"4"_s},
        {u"clients"_s, u"history: concurrent clients"_s, u"n"_s, u"8"_s},
        {u"sockets"_s, u"storm, idle: sockets"_s, u"n"_s, u"5000"_s},
    });
    parser.addPositionalArgument(u"scenario"_s,
                                 u"seed | fanout | throughput | history | storm | idle"_s);
    parser.process(app);
    const QString scenario = parser.positionalArguments().value(0);
    const QUrl url(parser.value(u"url"_s));
    Settings settings{url.host().toStdString(),           quint16(url.port(80)),
                      parser.value(u"threads"_s).toInt(), parsePids(parser.value(u"server-pid"_s)),
                      parser.value(u"database"_s),        parser.value(u"key"_s).toUtf8()};
    const int sockets = parser.value(u"sockets"_s).toInt();
    const double seconds = parser.value(u"seconds"_s).toDouble();

    if (scenario == "seed"_L1) {
        if (auto failure = seed::populate(settings.databaseUrl, std::max(sockets, 1000))) {
            std::fprintf(stderr, "natter-load: seeding failed: %s\n", qPrintable(*failure));
            return 1;
        }
        return 0;
    }
    const QStringList tokens = seed::tokens(settings.signingKey, std::max(sockets, 1000));
    if (scenario == "fanout"_L1)
        return fanout(settings, tokens, parser.value(u"rates"_s).split(u','), seconds);
    if (scenario == "throughput"_L1)
        return throughput(settings, tokens, parser.value(u"groups"_s).toInt(),
                          parser.value(u"window"_s).toInt(), seconds);
    if (scenario == "history"_L1)
        return history(settings, tokens, parser.value(u"clients"_s).toInt(), seconds);
    if (scenario == "storm"_L1)
        return storm(settings, tokens, sockets);
    if (scenario == "idle"_L1)
        return idle(settings, tokens, sockets, seconds);
    parser.showHelp(1);
}
