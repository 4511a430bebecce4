// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/apicontext.h"
#include "http/router.h"
#include "limits/ratelimits.h"

#include <optional>

namespace natter::server {

//! What a signed-in route does, once the route helper has authenticated the caller, taken the
//! rate-limit token and loaded the caller on a database worker.
using UserAction =
    std::function<Result<HttpReply>(QSqlDatabase &db, const User &caller, const HttpRequest &)>;

//! Registers routes so each reads as a sentence: who may call it, which limit applies, what it
//! does. The helper owns the rest, in the one order that leaks nothing: authenticate (401),
//! take a token of the limit (429), shed load (503), load the caller (401/403), and only then
//! let the action look at the request, mapping its error to the contract's reply.
class Routes final
{
public:
    Routes(Router &router, const ApiContext &api) : m_router(router), m_api(api) {}

    void add(const QString &method, const QString &pattern, Caller who, std::optional<Limit> limit,
             UserAction action);

private:
    Router &m_router;
    const ApiContext &m_api;
};

//! A reply for a result: the value through `toReply`, an error as the contract's body. For
//! actions that end in one call: `return reply(chat::blockUser(...), noContent);`.
template <typename T, typename ToReply>
[[nodiscard]] Result<HttpReply> reply(const Result<T> &result, ToReply toReply)
{
    if (!result)
        return result.error();
    return toReply(result.value());
}

[[nodiscard]] inline HttpReply noContent(const Done &)
{
    return HttpReply::noContent();
}

//! 200 with the value's JSON: `return reply(chat::updateGroup(...), okJson<Conversation>);`.
template <typename T> [[nodiscard]] HttpReply okJson(const T &value)
{
    return HttpReply::json(200, value.toJson());
}

} // namespace natter::server
