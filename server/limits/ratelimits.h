// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QProcessEnvironment>
#include <QString>

#include <array>

namespace natter::server {

//! The actions a client may only do so often. Each has one token bucket per user (or per
//! client address where nobody is signed in), shared by REST and the socket.
enum class Limit
{
    SignIn,      //!< dev login, OAuth start and callback, desktop token exchange; per address
    Refresh,     //!< token refresh; per address
    Send,        //!< message sends, REST and socket together; per user
    Edit,        //!< message edits and deletions; per user
    Reaction,    //!< reactions; per user
    Report,      //!< abuse reports; per user
    Search,      //!< user and message searches; per user
    Upload,      //!< uploads; per user
    InviteJoin,  //!< joins through an invite link; per user
    GroupCreate, //!< new conversations (groups and DMs); per user
};
inline constexpr int kLimitCount = int(Limit::GroupCreate) + 1;

//! A bucket that holds `burst` tokens and gains `perSecond` of them every second.
struct Rate
{
    double perSecond = 1;
    double burst = 1;
};

//! Every limit's rate, from `NATTER_RATE_<NAME>=<per second>/<burst>`; `NATTER_RATE_LIMITS=off`
//! turns them all off (benchmarks only; the server logs a warning).
struct RateLimits
{
    bool enabled = true;
    std::array<Rate, kLimitCount> rates = defaults();

    [[nodiscard]] Rate rate(Limit limit) const { return rates[std::size_t(limit)]; }

    [[nodiscard]] static std::array<Rate, kLimitCount> defaults();
    //! `SIGNIN`, `SEND`, ... as in the variable names.
    [[nodiscard]] static QString name(Limit limit);
    [[nodiscard]] static Result<RateLimits> fromEnvironment(const QProcessEnvironment &env);
};

} // namespace natter::server
