// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QMutex>
#include <QString>

#include <array>
#include <functional>

namespace natter::server {

//! The server's Prometheus metrics. Thread-safe: database workers and the socket thread both
//! record into it. Subsystems add their own counters and gauges by name.
class Metrics final
{
public:
    //! Starts with the process gauges every Prometheus exporter has
    //! (`process_resident_memory_bytes`, `process_open_fds`, ...), read from /proc.
    Metrics();

    //! One finished HTTP request: its route pattern (not the raw path, to bound cardinality).
    void recordRequest(const QString &method, const QString &route, int status, double seconds);
    //! Adds to a counter such as `natter_messages_sent_total`, or one series of a labelled
    //! family such as `natter_rate_limited_total{limit="send"}`.
    void increment(const QString &name, const QString &help, double by = 1);
    //! Makes a histogram exist (empty) before its first observation, so it is scraped from the
    //! start.
    void declareHistogram(const QString &name, const QString &help);
    //! Adds one observation (in seconds) to a histogram such as `natter_send_seconds`.
    void observe(const QString &name, const QString &help, double seconds);
    //! A gauge whose value is read when /metrics is scraped.
    void registerGauge(const QString &name, const QString &help, std::function<double()> read);

    //! The Prometheus text exposition format.
    [[nodiscard]] QByteArray render() const;

private:
    static constexpr std::array kBuckets{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0};

    struct Histogram
    {
        std::array<quint64, kBuckets.size()> buckets{};
        quint64 count = 0;
        double sum = 0;
    };
    struct Counter
    {
        QString help;
        double value = 0;
    };
    struct Gauge
    {
        QString help;
        std::function<double()> read;
    };

    mutable QMutex m_mutex;
    QHash<QString, quint64> m_requests;  // key: method|route|status
    QHash<QString, Histogram> m_latency; // key: method|route
    QHash<QString, Counter> m_counters;
    QHash<QString, std::pair<QString, Histogram>> m_histograms; // name -> help, values
    QHash<QString, Gauge> m_gauges;
};

} // namespace natter::server
