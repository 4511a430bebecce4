// SPDX-License-Identifier: Apache-2.0
#include "http/apicontext.h"

#include "auth/accountstate.h"
#include "auth/tokenservice.h"
#include "config.h"
#include "db/dbpool.h"
#include "db/userrepository.h"
#include "limits/ratelimiter.h"
#include "metrics.h"
#include "natter/jsonfields.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

QFuture<HttpReply> toReply(QFuture<Result<HttpReply>> future)
{
    return future.then([](const Result<HttpReply> &result) {
        return result.ok() ? result.value() : HttpReply::error(result.error());
    });
}

} // namespace

Result<QUuid> ApiContext::bearerUser(const HttpRequest &request) const
{
    const QByteArray header = request.header("authorization"_ba);
    if (header.isEmpty())
        return ApiError::unauthorized(u"Sign in first: send Authorization: Bearer <token>."_s);
    if (!header.startsWith("Bearer "))
        return ApiError::unauthorized(u"Use the Bearer scheme."_s);
    auto claims = m_tokens.verify(QString::fromLatin1(header.mid(7).trimmed()), TokenKind::Access);
    if (!claims)
        return claims.error();
    return claims->userId;
}

Result<User> ApiContext::loadCaller(QSqlDatabase &db, const QUuid &userId, Caller caller)
{
    // One query as before; it also says whether an admin suspended or the owner deleted it.
    auto account = loadAccount(db, userId);
    if (!account)
        return account.error();
    return admitAccount(account.value(), caller);
}

Result<User> ApiContext::admitAccount(const std::optional<AccountRow> &account, Caller caller)
{
    if (!account || account->deleted)
        return admitCaller(std::nullopt, caller);
    if (account->suspended)
        return suspendedError();
    return admitCaller(account->user, caller);
}

Result<User> ApiContext::admitCaller(const std::optional<User> &user, Caller caller)
{
    if (!user)
        return ApiError::unauthorized(u"This account no longer exists."_s);
    if (caller == Caller::WithUsername && !user->hasUsername())
        return ApiError{ErrorCode::UsernameRequired, u"Choose a username first."_s, {}};
    return *user;
}

QFuture<HttpReply> ApiContext::asBearer(const HttpRequest &request, BearerWork work) const
{
    auto userId = bearerUser(request);
    if (!userId)
        return readyReply(HttpReply::error(userId.error()));
    if (auto busy = overloaded())
        return readyReply(HttpReply::error(*busy));
    return toReply(m_pool.run<HttpReply>(
        [id = userId.value(), work = std::move(work)](QSqlDatabase &db) { return work(db, id); }));
}

QFuture<HttpReply> ApiContext::asUser(const HttpRequest &request, Caller caller,
                                      UserWork work) const
{
    auto userId = bearerUser(request);
    if (!userId)
        return readyReply(HttpReply::error(userId.error()));
    if (auto busy = overloaded())
        return readyReply(HttpReply::error(*busy));
    return toReply(m_pool.run<HttpReply>([id = userId.value(), caller, work = std::move(work)](
                                             QSqlDatabase &db) -> Result<HttpReply> {
        auto user = loadCaller(db, id, caller);
        if (!user)
            return user.error();
        return work(db, user.value());
    }));
}

QFuture<HttpReply> ApiContext::asUser(const HttpRequest &request, Caller caller, Limit limit,
                                      UserWork work) const
{
    auto userId = bearerUser(request);
    if (!userId)
        return readyReply(HttpReply::error(userId.error()));
    if (auto refused = limitByUser(userId.value(), limit))
        return readyReply(HttpReply::error(*refused));
    return asUser(request, caller, std::move(work));
}

QFuture<HttpReply> ApiContext::run(Work work) const
{
    if (auto busy = overloaded())
        return readyReply(HttpReply::error(*busy));
    return toReply(m_pool.run<HttpReply>(std::move(work)));
}

std::optional<ApiError> ApiContext::overloaded() const
{
    if (m_pool.queuedJobs() < m_config.maxQueuedDbJobs)
        return std::nullopt;
    m_metrics.increment(u"natter_shed_requests_total"_s,
                        u"Requests and socket sends refused while the database queue was full."_s);
    return ApiError{ErrorCode::Unavailable, u"The server is busy; try again shortly."_s, {}};
}

QFuture<HttpReply> ApiContext::run(const HttpRequest &request, Limit limit, Work work) const
{
    if (auto refused = limitByAddress(request, limit))
        return readyReply(HttpReply::error(*refused));
    return run(std::move(work));
}

std::optional<ApiError> ApiContext::limitByAddress(const HttpRequest &request, Limit limit) const
{
    const QString address = m_config.trustedProxies.clientOf(request).toString();
    const auto decision = m_limiter.take(limit, RateLimiter::addressKey(address));
    if (decision.allowed)
        return std::nullopt;
    return ApiError::rateLimited(decision.retryAfterSeconds);
}

std::optional<ApiError> ApiContext::limitByUser(const QUuid &userId, Limit limit) const
{
    const auto decision =
        m_limiter.take(limit, RateLimiter::userKey(userId.toString(QUuid::WithoutBraces)));
    if (decision.allowed)
        return std::nullopt;
    return ApiError::rateLimited(decision.retryAfterSeconds);
}

Result<QJsonObject> jsonBody(const HttpRequest &request)
{
    return parseJsonObject(request.body);
}

} // namespace natter::server
