// SPDX-License-Identifier: Apache-2.0
#include "metrics.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QStringList>

#include <algorithm>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

QString escapeLabel(QString value)
{
    return value.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s).replace(u'\n', u"\\n"_s);
}

//! The second field of /proc/self/statm: resident pages.
double residentMemoryBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * double(::sysconf(_SC_PAGESIZE)) : 0;
}

double openFileDescriptors()
{
    return double(QDir(u"/proc/self/fd"_s)
                      .entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot)
                      .size());
}

double maxFileDescriptors()
{
    rlimit limit{};
    return ::getrlimit(RLIMIT_NOFILE, &limit) == 0 ? double(limit.rlim_cur) : 0;
}

} // namespace

Metrics::Metrics()
{
    registerGauge(u"process_resident_memory_bytes"_s, u"Resident memory size in bytes."_s,
                  residentMemoryBytes);
    registerGauge(u"process_open_fds"_s, u"Number of open file descriptors."_s,
                  openFileDescriptors);
    registerGauge(u"process_max_fds"_s, u"Maximum number of open file descriptors."_s,
                  maxFileDescriptors);
    const double startedAt = double(QDateTime::currentMSecsSinceEpoch()) / 1000.0;
    registerGauge(u"process_start_time_seconds"_s,
                  u"Start time of the process since the epoch in seconds."_s,
                  [startedAt] { return startedAt; });
}

void Metrics::recordRequest(const QString &method, const QString &route, int status, double seconds)
{
    const QString routeKey = method + u'|' + route;
    QMutexLocker locker(&m_mutex);
    ++m_requests[routeKey + u'|' + QString::number(status)];
    Histogram &histogram = m_latency[routeKey];
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++histogram.buckets[i];
    }
    ++histogram.count;
    histogram.sum += seconds;
}

void Metrics::increment(const QString &name, const QString &help, double by)
{
    QMutexLocker locker(&m_mutex);
    Counter &counter = m_counters[name];
    counter.help = help;
    counter.value += by;
}

void Metrics::declareHistogram(const QString &name, const QString &help)
{
    QMutexLocker locker(&m_mutex);
    m_histograms[name].first = help;
}

void Metrics::observe(const QString &name, const QString &help, double seconds)
{
    QMutexLocker locker(&m_mutex);
    auto &[histogramHelp, histogram] = m_histograms[name];
    histogramHelp = help;
    for (size_t i = 0; i < kBuckets.size(); ++i) {
        if (seconds <= kBuckets[i])
            ++histogram.buckets[i];
    }
    ++histogram.count;
    histogram.sum += seconds;
}

void Metrics::registerGauge(const QString &name, const QString &help, std::function<double()> read)
{
    QMutexLocker locker(&m_mutex);
    m_gauges.insert(name, Gauge{help, std::move(read)});
}

QByteArray Metrics::render() const
{
    QStringList lines;
    QMutexLocker locker(&m_mutex);

    lines << u"# HELP natter_http_requests_total HTTP requests by route and status."_s
          << u"# TYPE natter_http_requests_total counter"_s;
    QStringList requestKeys = m_requests.keys();
    std::sort(requestKeys.begin(), requestKeys.end());
    for (const QString &key : requestKeys) {
        const QStringList parts = key.split(u'|');
        lines << u"natter_http_requests_total{method=\"%1\",route=\"%2\",status=\"%3\"} %4"_s.arg(
            parts[0], escapeLabel(parts[1]), parts[2], QString::number(m_requests.value(key)));
    }

    lines << u"# HELP natter_http_request_duration_seconds HTTP request latency."_s
          << u"# TYPE natter_http_request_duration_seconds histogram"_s;
    QStringList latencyKeys = m_latency.keys();
    std::sort(latencyKeys.begin(), latencyKeys.end());
    for (const QString &key : latencyKeys) {
        const QStringList parts = key.split(u'|');
        const QString labels = u"method=\"%1\",route=\"%2\""_s.arg(parts[0], escapeLabel(parts[1]));
        const Histogram &histogram = m_latency[key];
        for (size_t i = 0; i < kBuckets.size(); ++i) {
            lines << u"natter_http_request_duration_seconds_bucket{%1,le=\"%2\"} %3"_s.arg(
                labels, QString::number(kBuckets[i]), QString::number(histogram.buckets[i]));
        }
        lines << u"natter_http_request_duration_seconds_bucket{%1,le=\"+Inf\"} %2"_s.arg(
                     labels, QString::number(histogram.count))
              << u"natter_http_request_duration_seconds_sum{%1} %2"_s.arg(
                     labels, QString::number(histogram.sum, 'g', 9))
              << u"natter_http_request_duration_seconds_count{%1} %2"_s.arg(
                     labels, QString::number(histogram.count));
    }

    QStringList counterNames = m_counters.keys();
    std::sort(counterNames.begin(), counterNames.end());
    QString previousFamily;
    for (const QString &name : counterNames) {
        const Counter &counter = m_counters[name];
        // `name{label="..."}` series of one family share their HELP and TYPE lines.
        const QString family = name.left(name.indexOf(u'{'));
        if (family != previousFamily)
            lines << u"# HELP %1 %2"_s.arg(family, counter.help)
                  << u"# TYPE %1 counter"_s.arg(family);
        previousFamily = family;
        lines << u"%1 %2"_s.arg(name, QString::number(counter.value, 'g', 15));
    }
    QStringList histogramNames = m_histograms.keys();
    std::sort(histogramNames.begin(), histogramNames.end());
    for (const QString &name : histogramNames) {
        const auto &[help, histogram] = m_histograms[name];
        lines << u"# HELP %1 %2"_s.arg(name, help) << u"# TYPE %1 histogram"_s.arg(name);
        for (size_t i = 0; i < kBuckets.size(); ++i) {
            lines << u"%1_bucket{le=\"%2\"} %3"_s.arg(name, QString::number(kBuckets[i]),
                                                      QString::number(histogram.buckets[i]));
        }
        lines << u"%1_bucket{le=\"+Inf\"} %2"_s.arg(name, QString::number(histogram.count))
              << u"%1_sum %2"_s.arg(name, QString::number(histogram.sum, 'g', 9))
              << u"%1_count %2"_s.arg(name, QString::number(histogram.count));
    }
    QStringList gaugeNames = m_gauges.keys();
    std::sort(gaugeNames.begin(), gaugeNames.end());
    for (const QString &name : gaugeNames) {
        const Gauge &gauge = m_gauges[name];
        lines << u"# HELP %1 %2"_s.arg(name, gauge.help) << u"# TYPE %1 gauge"_s.arg(name)
              << u"%1 %2"_s.arg(name, QString::number(gauge.read(), 'g', 15));
    }
    return (lines.join(u'\n') + u'\n').toUtf8();
}

} // namespace natter::server
