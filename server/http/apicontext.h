// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/accountstate.h"
#include "http/httpreply.h"
#include "http/httprequest.h"
#include "limits/ratelimits.h"
#include "natter/user.h"

#include <QJsonObject>
#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace natter::server {

struct Config;
class DbPool;
class Metrics;
class RateLimiter;
class TokenService;

//! Who may call an endpoint: any signed-in user, or only one who has claimed a username
//! (every chat endpoint; the others answer 403 `username_required` until then).
enum class Caller
{
    SignedIn,
    WithUsername
};

//! What every controller needs, and the one path by which an authenticated request reaches
//! the database: the bearer token is checked on the socket thread (cheap, no I/O), then the
//! work runs on a database worker with the caller's current user row loaded, so a deleted
//! user's still-valid token stops working at once.
class ApiContext final
{
public:
    using UserWork = std::function<Result<HttpReply>(QSqlDatabase &db, const User &caller)>;
    using Work = std::function<Result<HttpReply>(QSqlDatabase &db)>;
    using BearerWork = std::function<Result<HttpReply>(QSqlDatabase &db, const QUuid &callerId)>;

    ApiContext(const Config &config, DbPool &pool, const TokenService &tokens, Metrics &metrics,
               RateLimiter &limiter)
        : m_config(config), m_pool(pool), m_tokens(tokens), m_metrics(metrics), m_limiter(limiter)
    {}

    //! Authenticates `request`, then runs `work` for the caller on a database worker.
    [[nodiscard]] QFuture<HttpReply> asUser(const HttpRequest &request, Caller caller,
                                            UserWork work) const;
    //! Authenticates `request`, takes one token of the caller's `limit` (429 when none is
    //! left), then runs `work`: nothing about the request is looked at before the caller is
    //! known, so a stranger gets 401, not a validation error.
    [[nodiscard]] QFuture<HttpReply> asUser(const HttpRequest &request, Caller caller, Limit limit,
                                            UserWork work) const;
    //! Like asUser() but without loading the caller: for a hot read that loads the caller in
    //! its own statement (history) and must then answer as asUser() would, via admitCaller().
    [[nodiscard]] QFuture<HttpReply> asBearer(const HttpRequest &request, BearerWork work) const;
    //! Runs unauthenticated `work` on a database worker.
    [[nodiscard]] QFuture<HttpReply> run(Work work) const;
    //! `unavailable` (503) while the database queue is past NATTER_DB_MAX_QUEUE: shedding
    //! load at the door keeps answering quickly instead of growing a backlog nobody waits for.
    [[nodiscard]] std::optional<ApiError> overloaded() const;
    //! Takes one token of `limit` for the client's address, then runs `work`.
    [[nodiscard]] QFuture<HttpReply> run(const HttpRequest &request, Limit limit, Work work) const;

    //! `rate_limited` when the client's address has used up `limit`, else nothing.
    [[nodiscard]] std::optional<ApiError> limitByAddress(const HttpRequest &request,
                                                         Limit limit) const;
    //! `rate_limited` when `userId` has used up `limit`, else nothing.
    [[nodiscard]] std::optional<ApiError> limitByUser(const QUuid &userId, Limit limit) const;

    //! The caller's user id from `Authorization: Bearer <access token>`.
    [[nodiscard]] Result<QUuid> bearerUser(const HttpRequest &request) const;
    //! Loads the caller inside a job: 401 when the user is gone, 403 `username_required`.
    [[nodiscard]] static Result<User> loadCaller(QSqlDatabase &db, const QUuid &userId,
                                                 Caller caller);
    //! The caller check of loadCaller() on a row read elsewhere (nullopt: the user is gone).
    [[nodiscard]] static Result<User> admitCaller(const std::optional<User> &user, Caller caller);
    //! The same on an account row (nullopt: no such row): a deleted account is gone, a
    //! suspended one refused with 403 `suspended`.
    [[nodiscard]] static Result<User> admitAccount(const std::optional<AccountRow> &account,
                                                   Caller caller);

    [[nodiscard]] const Config &config() const { return m_config; }
    [[nodiscard]] DbPool &pool() const { return m_pool; }
    [[nodiscard]] const TokenService &tokens() const { return m_tokens; }
    [[nodiscard]] Metrics &metrics() const { return m_metrics; }
    [[nodiscard]] RateLimiter &limiter() const { return m_limiter; }

private:
    const Config &m_config;
    DbPool &m_pool;
    const TokenService &m_tokens;
    Metrics &m_metrics;
    RateLimiter &m_limiter;
};

//! Parses the request body as a JSON object (`bad_request` when it is not one).
[[nodiscard]] Result<QJsonObject> jsonBody(const HttpRequest &request);

} // namespace natter::server
