// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "limits/ratelimits.h"

#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QString>

#include <array>

namespace natter::server {

class Metrics;

//! Token buckets, one per (limit, key), where the key names a user (`user:<id>`) or a client
//! address (`ip:<address>`). REST routes and the socket take from the same buckets, so a
//! client cannot double its budget by switching transport. Thread-safe.
//!
//! Memory stays bounded under a flood from many addresses: buckets that have refilled are
//! forgotten (a full bucket is the same as no bucket), and past kMaxBuckets the fullest go.
class RateLimiter final
{
public:
    struct Decision
    {
        bool allowed = true;
        //! When refused: whole seconds until one token is back (at least 1).
        int retryAfterSeconds = 0;
    };

    RateLimiter(RateLimits limits, Metrics &metrics);

    //! Takes one token from `key`'s bucket for `limit`.
    [[nodiscard]] Decision take(Limit limit, const QString &key);
    [[nodiscard]] bool enabled() const { return m_limits.enabled; }

    static QString userKey(const QString &userId) { return QStringLiteral("user:") + userId; }
    static QString addressKey(const QString &address) { return QStringLiteral("ip:") + address; }

private:
    struct Bucket
    {
        double tokens = 0;
        qint64 updatedMs = 0;
        //! This run of refusals was logged; cleared when a request passes again.
        bool refusalLogged = false;
    };
    static constexpr qsizetype kMaxBuckets = 200'000;

    void forgetFullBuckets(Limit limit, qint64 nowMs);

    const RateLimits m_limits;
    Metrics &m_metrics;
    QMutex m_mutex;
    QElapsedTimer m_clock;
    std::array<QHash<QString, Bucket>, kLimitCount> m_buckets;
};

} // namespace natter::server
