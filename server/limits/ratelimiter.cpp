// SPDX-License-Identifier: Apache-2.0
#include "limits/ratelimiter.h"

#include "logging.h"
#include "metrics.h"

#include <QMutexLocker>

#include <cmath>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

const QString kHelp = u"Requests and socket frames refused by a rate limit."_s;

QString seriesName(Limit limit)
{
    return u"natter_rate_limited_total{limit=\"%1\"}"_s.arg(RateLimits::name(limit).toLower());
}

} // namespace

RateLimiter::RateLimiter(RateLimits limits, Metrics &metrics) : m_limits(limits), m_metrics(metrics)
{
    m_clock.start();
    for (int index = 0; index < kLimitCount; ++index) {
        // Registered up front so a dashboard sees 0, not a missing series.
        m_metrics.increment(seriesName(Limit(index)), kHelp, 0);
    }
}

RateLimiter::Decision RateLimiter::take(Limit limit, const QString &key)
{
    if (!m_limits.enabled)
        return {};
    const Rate rate = m_limits.rate(limit);
    Decision decision;
    bool firstRefusal = false;
    {
        QMutexLocker lock(&m_mutex);
        const qint64 now = m_clock.elapsed();
        auto &buckets = m_buckets[std::size_t(limit)];
        if (buckets.size() >= kMaxBuckets)
            forgetFullBuckets(limit, now);
        auto found = buckets.find(key);
        if (found == buckets.end())
            found = buckets.insert(key, Bucket{rate.burst, now});
        Bucket &bucket = found.value();
        bucket.tokens = std::min(rate.burst, bucket.tokens + double(now - bucket.updatedMs) /
                                                                 1000.0 * rate.perSecond);
        bucket.updatedMs = now;
        if (bucket.tokens >= 1.0) {
            bucket.tokens -= 1.0;
            bucket.refusalLogged = false;
            return decision;
        }
        decision.allowed = false;
        decision.retryAfterSeconds =
            std::max(1, int(std::ceil((1.0 - bucket.tokens) / rate.perSecond)));
        firstRefusal = !std::exchange(bucket.refusalLogged, true);
    }
    if (firstRefusal) {
        // One line per run of refusals, not per refusal: a flood must not fill the disk. The
        // key names a user id or an address, never a token.
        logging::event(lcHttp(), QtWarningMsg, u"rate limit reached"_s,
                       {{u"limit"_s, RateLimits::name(limit).toLower()}, {u"client"_s, key}});
    }
    m_metrics.increment(seriesName(limit), kHelp);
    return decision;
}

void RateLimiter::forgetFullBuckets(Limit limit, qint64 nowMs)
{
    const Rate rate = m_limits.rate(limit);
    auto &buckets = m_buckets[std::size_t(limit)];
    buckets.removeIf([&](const auto &entry) {
        const Bucket &bucket = entry.value();
        return bucket.tokens + double(nowMs - bucket.updatedMs) / 1000.0 * rate.perSecond >=
               rate.burst;
    });
    // Still full of live buckets (a flood from very many addresses): start over rather than
    // grow without bound; those clients get a fresh burst, which is the lesser harm.
    if (buckets.size() >= kMaxBuckets)
        buckets.clear();
}

} // namespace natter::server
