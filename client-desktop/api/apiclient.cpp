// SPDX-License-Identifier: Apache-2.0
#include "api/apiclient.h"

#include "api/paths.h"

#include "core/logging.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr int kTimeoutMs = 20000;

ErrorCode codeForStatus(int status)
{
    switch (status) {
    case 400:
        return ErrorCode::BadRequest;
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Forbidden;
    case 404:
        return ErrorCode::NotFound;
    case 405:
        return ErrorCode::MethodNotAllowed;
    case 409:
        return ErrorCode::Conflict;
    case 413:
        return ErrorCode::PayloadTooLarge;
    case 429:
        return ErrorCode::RateLimited;
    case 502:
    case 503:
    case 504:
        return ErrorCode::Unavailable;
    default:
        return status >= 500 ? ErrorCode::Internal : ErrorCode::BadRequest;
    }
}

} // namespace

Result<SignInResult> SignInResult::fromJson(const QJsonObject &object)
{
    SignInResult result;
    result.accessToken = object.value(u"access_token"_s).toString();
    result.refreshToken = object.value(u"refresh_token"_s).toString();
    result.expiresIn = object.value(u"expires_in"_s).toInteger();
    if (result.accessToken.isEmpty())
        return ApiError::badRequest(u"The server's answer had no access token."_s);
    auto user = User::fromJson(object.value(u"user"_s).toObject());
    if (!user)
        return user.error();
    result.user = std::move(user).value();
    return result;
}

ApiClient::ApiClient(QObject *parent) : QObject(parent)
{
    m_network.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

void ApiClient::setBaseUrl(const QUrl &url)
{
    m_baseUrl = url.adjusted(QUrl::StripTrailingSlash);
}

QUrl ApiClient::endpoint(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    // The paths hold percent-encoded segments (paths::segment: an emoji, #12): taken as
    // encoded, or their '%' would be encoded a second time.
    url.setPath(url.path(QUrl::FullyEncoded) + u"/api/v1"_s + path, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

void ApiClient::setTokens(const QString &accessToken, const QString &refreshToken, qint64 expiresIn)
{
    m_accessToken = accessToken;
    m_accessExpiry = accessToken.isEmpty() || expiresIn <= 0
                         ? QDateTime()
                         : QDateTime::currentDateTimeUtc().addSecs(expiresIn);
    const bool rotated = refreshToken != m_refreshToken && !refreshToken.isEmpty();
    if (!refreshToken.isEmpty())
        m_refreshToken = refreshToken;
    Q_EMIT accessTokenChanged();
    if (rotated)
        Q_EMIT refreshTokenChanged(m_refreshToken);
}

void ApiClient::clearTokens()
{
    m_accessToken.clear();
    m_refreshToken.clear();
    m_accessExpiry = {};
    ++m_tokenGeneration;
    if (std::exchange(m_refreshing, false))
        finishRefresh(ApiError::unauthorized(u"Not signed in."_s));
    Q_EMIT accessTokenChanged();
}

void ApiClient::get(const QString &path, const QUrlQuery &query, QObject *context,
                    ApiCallback callback)
{
    send({"GET", path, query, {}, true, false, context, std::move(callback)});
}

void ApiClient::post(const QString &path, const QJsonObject &body, QObject *context,
                     ApiCallback callback)
{
    send({"POST",
          path,
          {},
          QJsonDocument(body).toJson(QJsonDocument::Compact),
          true,
          false,
          context,
          std::move(callback)});
}

void ApiClient::put(const QString &path, const QJsonObject &body, QObject *context,
                    ApiCallback callback)
{
    send({"PUT",
          path,
          {},
          QJsonDocument(body).toJson(QJsonDocument::Compact),
          true,
          false,
          context,
          std::move(callback)});
}

void ApiClient::del(const QString &path, QObject *context, ApiCallback callback)
{
    send({"DELETE", path, {}, {}, true, false, context, std::move(callback)});
}

void ApiClient::patch(const QString &path, const QJsonObject &body, QObject *context,
                      ApiCallback callback)
{
    send({"PATCH",
          path,
          {},
          QJsonDocument(body).toJson(QJsonDocument::Compact),
          true,
          false,
          context,
          std::move(callback)});
}

void ApiClient::send(Call call)
{
    if (call.authenticated && m_refreshing) {
        m_waitingForRefresh.append(std::move(call));
        return;
    }
    QNetworkRequest request(endpoint(call.path, call.query));
    request.setTransferTimeout(kTimeoutMs);
    request.setRawHeader("Accept", "application/json");
    if (!call.body.isEmpty() || call.method == "POST" || call.method == "PUT")
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    if (call.authenticated && !m_accessToken.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_accessToken.toUtf8());
    QNetworkReply *reply = m_network.sendCustomRequest(request, call.method, call.body);
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, call = std::move(call)]() mutable { finish(std::move(call), reply); });
}

std::optional<ApiError> ApiClient::errorOf(int httpStatus, QNetworkReply::NetworkError networkError,
                                           const QByteArray &body, const QString &networkErrorText)
{
    if (httpStatus == 0) {
        if (networkError == QNetworkReply::NoError)
            return std::nullopt;
        if (networkErrorText.isEmpty())
            return ApiError{ErrorCode::Unavailable, u"The server cannot be reached."_s, {}};
        return ApiError{ErrorCode::Unavailable,
                        u"The server cannot be reached (%1)."_s.arg(networkErrorText),
                        {}};
    }
    if (httpStatus >= 200 && httpStatus < 300)
        return std::nullopt;
    const QJsonObject error = QJsonDocument::fromJson(body).object().value(u"error"_s).toObject();
    if (error.contains(u"code"_s))
        return ApiError::fromJson(error);
    return ApiError{codeForStatus(httpStatus),
                    u"The server answered with HTTP status %1."_s.arg(httpStatus),
                    {}};
}

void ApiClient::finish(Call call, QNetworkReply *reply)
{
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray body = reply->readAll();
    if (auto error = errorOf(status, reply->error(), body, reply->errorString())) {
        qCDebug(lcApi) << call.method << call.path << "failed:" << errorCodeName(error->code);
        if (error->code == ErrorCode::Unauthorized && call.authenticated && !call.retried &&
            !m_refreshToken.isEmpty()) {
            call.retried = true;
            m_waitingForRefresh.append(std::move(call));
            startRefresh();
            return;
        }
        if (call.context)
            call.callback(*error);
        return;
    }
    QJsonObject object;
    if (!body.isEmpty()) {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            if (call.context)
                call.callback(ApiError::badRequest(u"The server's answer was not JSON."_s));
            return;
        }
        object = document.object();
    }
    if (call.context)
        call.callback(object);
}

void ApiClient::ensureFreshAccessToken(QObject *context, StatusCallback callback)
{
    const bool fresh = !m_accessToken.isEmpty() && m_accessExpiry.isValid() &&
                       QDateTime::currentDateTimeUtc().secsTo(m_accessExpiry) > 60;
    if (fresh || m_refreshToken.isEmpty()) {
        callback(Done{});
        return;
    }
    refresh(context, std::move(callback));
}

void ApiClient::refresh(QObject *context, StatusCallback callback)
{
    m_refreshWaiters.append({QPointer<QObject>(context), std::move(callback)});
    startRefresh();
}

void ApiClient::startRefresh()
{
    if (m_refreshing)
        return;
    if (m_refreshToken.isEmpty()) {
        finishRefresh(ApiError::unauthorized(u"Not signed in."_s));
        return;
    }
    m_refreshing = true;
    qCInfo(lcApi) << "renewing the access token";
    Call call{"POST",
              paths::refresh(),
              {},
              QJsonDocument(QJsonObject{{u"refresh_token"_s, m_refreshToken}})
                  .toJson(QJsonDocument::Compact),
              false,
              true,
              this,
              {}};
    call.callback = [this, generation = m_tokenGeneration](Result<QJsonObject> answer) {
        // Signed out (or the session ended) while this renewal was on its way: clearTokens
        // already answered its waiters, and what it brings must not sign anyone back in.
        if (generation != m_tokenGeneration)
            return;
        m_refreshing = false;
        if (!answer) {
            if (answer.error().code == ErrorCode::Unauthorized) {
                qCInfo(lcApi) << "the refresh token was refused; signing out";
                clearTokens();
                Q_EMIT sessionExpired();
            }
            finishRefresh(answer.error());
            return;
        }
        setTokens(answer->value(u"access_token"_s).toString(),
                  answer->value(u"refresh_token"_s).toString(),
                  answer->value(u"expires_in"_s).toInteger());
        finishRefresh(Done{});
    };
    send(std::move(call));
}

void ApiClient::finishRefresh(const Status &status)
{
    const auto waiters = std::exchange(m_refreshWaiters, {});
    for (const auto &[context, callback] : waiters) {
        if (context)
            callback(status);
    }
    auto calls = std::exchange(m_waitingForRefresh, {});
    for (Call &call : calls) {
        if (status.ok()) {
            send(std::move(call));
        } else if (call.context) {
            call.callback(status.error());
        }
    }
}

void ApiClient::signIn(const QString &path, const QJsonObject &body, QObject *context,
                       std::function<void(Result<SignInResult>)> callback)
{
    Call call{"POST", path, {},      QJsonDocument(body).toJson(QJsonDocument::Compact),
              false,  true, context, {}};
    call.callback = [this, callback = std::move(callback)](Result<QJsonObject> answer) {
        if (!answer) {
            callback(answer.error());
            return;
        }
        auto result = SignInResult::fromJson(*answer);
        if (result)
            setTokens(result->accessToken, result->refreshToken, result->expiresIn);
        callback(std::move(result));
    };
    send(std::move(call));
}

void ApiClient::devLogin(const QString &name, QObject *context,
                         std::function<void(Result<SignInResult>)> callback)
{
    signIn(paths::devLogin(), {{u"name"_s, name}}, context, std::move(callback));
}

void ApiClient::exchangeCode(const QString &code, const QString &verifier, QObject *context,
                             std::function<void(Result<SignInResult>)> callback)
{
    signIn(paths::tokenExchange(), {{u"code"_s, code}, {u"code_verifier"_s, verifier}}, context,
           std::move(callback));
}

void ApiClient::logout(QObject *context, StatusCallback callback)
{
    const QString refreshToken = m_refreshToken;
    clearTokens();
    if (refreshToken.isEmpty()) {
        callback(Done{});
        return;
    }
    Call call{"POST",
              paths::logout(),
              {},
              QJsonDocument(QJsonObject{{u"refresh_token"_s, refreshToken}})
                  .toJson(QJsonDocument::Compact),
              false,
              true,
              context,
              {}};
    call.callback = [callback = std::move(callback)](Result<QJsonObject> answer) {
        callback(answer ? Status(Done{}) : Status(answer.error()));
    };
    send(std::move(call));
}

} // namespace natter::desktop
