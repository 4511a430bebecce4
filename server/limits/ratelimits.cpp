// SPDX-License-Identifier: Apache-2.0
#include "limits/ratelimits.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

std::array<Rate, kLimitCount> RateLimits::defaults()
{
    // Chosen so that people never meet them: a burst covers a busy minute, the refill a
    // sustained pace no human keeps up, while a script is slowed to a crawl.
    std::array<Rate, kLimitCount> rates{};
    rates[std::size_t(Limit::SignIn)] = {1, 30};  // a school behind one address
    rates[std::size_t(Limit::Refresh)] = {1, 60}; // every tab of a household waking up
    rates[std::size_t(Limit::Send)] = {5, 50};    // 300 messages a minute
    rates[std::size_t(Limit::Edit)] = {1, 30};
    rates[std::size_t(Limit::Reaction)] = {3, 60};
    rates[std::size_t(Limit::Report)] = {0.05, 10}; // 3 a minute after 10
    rates[std::size_t(Limit::Search)] = {2, 30};    // search-as-you-type
    rates[std::size_t(Limit::Upload)] = {0.5, 20};
    rates[std::size_t(Limit::InviteJoin)] = {0.2, 10};
    rates[std::size_t(Limit::GroupCreate)] = {0.1, 20}; // 6 a minute after 20
    return rates;
}

QString RateLimits::name(Limit limit)
{
    switch (limit) {
    case Limit::SignIn:
        return u"SIGNIN"_s;
    case Limit::Refresh:
        return u"REFRESH"_s;
    case Limit::Send:
        return u"SEND"_s;
    case Limit::Edit:
        return u"EDIT"_s;
    case Limit::Reaction:
        return u"REACTION"_s;
    case Limit::Report:
        return u"REPORT"_s;
    case Limit::Search:
        return u"SEARCH"_s;
    case Limit::Upload:
        return u"UPLOAD"_s;
    case Limit::InviteJoin:
        return u"INVITE_JOIN"_s;
    case Limit::GroupCreate:
        return u"GROUP_CREATE"_s;
    }
    return {};
}

Result<RateLimits> RateLimits::fromEnvironment(const QProcessEnvironment &env)
{
    RateLimits limits;
    const QString switchValue = env.value(u"NATTER_RATE_LIMITS"_s).trimmed();
    if (switchValue == "off"_L1 || switchValue == "0"_L1)
        limits.enabled = false;
    else if (!switchValue.isEmpty() && switchValue != "on"_L1 && switchValue != "1"_L1)
        return ApiError::validation(u"NATTER_RATE_LIMITS"_s,
                                    u"must be on or off, got '%1'"_s.arg(switchValue));

    static const QRegularExpression shape(u"^([0-9]+(?:\\.[0-9]+)?)/([0-9]+)$"_s);
    for (int index = 0; index < kLimitCount; ++index) {
        const QString variable = u"NATTER_RATE_"_s + name(Limit(index));
        const QString value = env.value(variable).trimmed();
        if (value.isEmpty())
            continue;
        const auto match = shape.match(value);
        const double perSecond = match.captured(1).toDouble();
        const double burst = match.captured(2).toDouble();
        if (!match.hasMatch() || perSecond <= 0 || burst < 1 || burst > 1e6)
            return ApiError::validation(
                variable,
                u"must be <per second>/<burst> like 0.5/20 (both above 0), got '%1'"_s.arg(value));
        limits.rates[std::size_t(index)] = {perSecond, burst};
    }
    return limits;
}

} // namespace natter::server
