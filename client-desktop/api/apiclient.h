// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <functional>
#include <QDateTime>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QObject>
#include <QPointer>
#include <QUrl>
#include <QUrlQuery>
#include <QUuid>

namespace natter::desktop {

//! What a successful sign-in (dev login, PKCE code exchange) hands back.
struct SignInResult
{
    QString accessToken;
    QString refreshToken;
    qint64 expiresIn = 0;
    User user;

    [[nodiscard]] static Result<SignInResult> fromJson(const QJsonObject &object);
};

using ApiCallback = std::function<void(Result<QJsonObject>)>;
using StatusCallback = std::function<void(Status)>;

//! REST client of the contract's `/api/v1`. Every answer arrives as a `Result`: HTTP errors are
//! read from the contract's error body, network failures become `unavailable`. An access token
//! that expired is renewed once with the refresh token and the call is retried; calls made
//! while a renewal runs wait for it.
class ApiClient final : public QObject
{
    Q_OBJECT

public:
    explicit ApiClient(QObject *parent = nullptr);

    void setBaseUrl(const QUrl &url);
    [[nodiscard]] QUrl baseUrl() const { return m_baseUrl; }

    void setTokens(const QString &accessToken, const QString &refreshToken, qint64 expiresIn);
    void clearTokens();
    [[nodiscard]] QString accessToken() const { return m_accessToken; }
    [[nodiscard]] QString refreshToken() const { return m_refreshToken; }
    [[nodiscard]] bool hasSession() const { return !m_refreshToken.isEmpty(); }

    // The contract's endpoints, one method each (api/endpoints.cpp, the one place a path is
    // spelled, as the web app's api/endpoints.ts). Every callback runs on `context`'s life
    // only: when `context` is gone the answer is dropped.

    //! `GET /auth/providers` (no token needed).
    void providers(QObject *context, ApiCallback callback);
    //! Where the browser starts an RFC 8252 sign-in: `/auth/{provider}/start?…`.
    [[nodiscard]] QUrl providerStartUrl(const QString &providerId, const QUrlQuery &query) const;
    //! The WebSocket endpoint, `ws://` or `wss://` as the server's scheme.
    [[nodiscard]] QUrl socketUrl() const;
    void me(QObject *context, ApiCallback callback);
    void claimUsername(const QString &username, QObject *context, ApiCallback callback);
    //! The display name; the picture is left as it is (it changes through `PUT
    //! /users/me/avatar` and `removeAvatar` only).
    void updateProfile(const QString &displayName, QObject *context, ApiCallback callback);
    void searchUsers(const QString &query, int limit, QObject *context, ApiCallback callback);
    void userByUsername(const QString &username, QObject *context, ApiCallback callback);

    void conversations(QObject *context, ApiCallback callback);
    void conversation(const QUuid &conversationId, QObject *context, ApiCallback callback);
    void createDirectMessage(const QString &username, QObject *context, ApiCallback callback);
    void createGroup(const QString &title, const QStringList &usernames, QObject *context,
                     ApiCallback callback);
    void addMember(const QUuid &conversationId, const QString &username, QObject *context,
                   ApiCallback callback);
    void removeMember(const QUuid &conversationId, const QUuid &userId, QObject *context,
                      ApiCallback callback);
    void receipts(const QUuid &conversationId, QObject *context, ApiCallback callback);

    //! The newest page (`before` <= 0) or the page before `before`.
    void messagesBefore(const QUuid &conversationId, qint64 before, int limit, QObject *context,
                        ApiCallback callback);
    void messagesAfter(const QUuid &conversationId, qint64 after, int limit, QObject *context,
                       ApiCallback callback);
    void sendMessage(const QUuid &conversationId, const QString &bodyText,
                     const QString &clientMsgId, QObject *context, ApiCallback callback);
    void markRead(const QUuid &messageId, QObject *context, ApiCallback callback);

    // Changes to messages and search (#12, api/messageendpoints.cpp).
    //! `fields` go into the send's body next to the text (`reply_to_id`, `attachment_ids`).
    void sendMessageWith(const QUuid &conversationId, const QString &bodyText,
                         const QString &clientMsgId, const QJsonObject &fields, QObject *context,
                         ApiCallback callback);
    void editMessage(const QUuid &messageId, const QString &bodyText, QObject *context,
                     ApiCallback callback);
    void deleteMessage(const QUuid &messageId, QObject *context, ApiCallback callback);
    void addReaction(const QUuid &messageId, const QString &emoji, QObject *context,
                     ApiCallback callback);
    void removeReaction(const QUuid &messageId, const QString &emoji, QObject *context,
                        ApiCallback callback);
    //! The conversation's messages changed after change `afterRev` (`{"messages","last_rev"}`).
    void messageChanges(const QUuid &conversationId, qint64 afterRev, int limit, QObject *context,
                        ApiCallback callback);
    //! `conversationId` null: every conversation of the caller.
    void searchMessages(const QString &query, const QUuid &conversationId, int limit,
                        QObject *context, ApiCallback callback);

    void blocks(QObject *context, ApiCallback callback);
    void block(const QString &username, QObject *context, ApiCallback callback);
    void unblock(const QString &username, QObject *context, ApiCallback callback);
    //! `messageId` may be empty (a report about the person, not one message).
    void report(const QString &username, const QString &reason, const QString &messageId,
                QObject *context, ApiCallback callback);

    // Images, invites and the account (#13, #14).
    //! A message with uploads attached (`attachment_ids`); `bodyText` may be empty.
    void sendMessageWithAttachments(const QUuid &conversationId, const QString &bodyText,
                                    const QString &clientMsgId, const QList<QUuid> &attachmentIds,
                                    QObject *context, ApiCallback callback);
    //! `GET /invites/{code}`, no token needed: the preview of the group an invite leads to.
    void invitePreview(const QString &code, QObject *context, ApiCallback callback);
    void joinInvite(const QString &code, QObject *context, ApiCallback callback);
    //! `POST /users/me` `{"avatar_url": null}`: back to initials.
    void removeAvatar(QObject *context, ApiCallback callback);
    //! `DELETE /users/me` with the username typed to confirm.
    void deleteAccount(const QString &confirmUsername, QObject *context, ApiCallback callback);

    // Group management, mute/pin/archive and presence privacy (#18, api/groupendpoints.cpp).
    //! `PATCH /conversations/{id}` with `{"title"?, "description"?}` (admins).
    void updateGroup(const QUuid &conversationId, const QJsonObject &changes, QObject *context,
                     ApiCallback callback);
    //! `PUT .../members/{user_id}/role`: admin or member (admins).
    void setMemberRole(const QUuid &conversationId, const QUuid &userId, bool admin,
                       QObject *context, ApiCallback callback);
    //! `DELETE /conversations/{id}/avatar`: the group back to initials (admins).
    void removeGroupPicture(const QUuid &conversationId, QObject *context, ApiCallback callback);
    //! `PATCH /conversations/{id}/preferences` with `{"muted_until"?, "pinned"?, "archived"?}`.
    void updatePreferences(const QUuid &conversationId, const QJsonObject &changes,
                           QObject *context, ApiCallback callback);
    //! `GET` / `PUT /users/me/privacy` (`{"hide_presence"}`).
    void presencePrivacy(QObject *context, ApiCallback callback);
    void setPresencePrivacy(bool hidden, QObject *context, ApiCallback callback);

    //! Renews the access token now when it expires within a minute (or is unknown), so a
    //! WebSocket upgrade does not start with a dying token.
    void ensureFreshAccessToken(QObject *context, StatusCallback callback);
    //! Renews the access token with the refresh token, whatever its age.
    void refresh(QObject *context, StatusCallback callback);

    //! `POST /auth/dev/login` and `POST /auth/token`; on success the tokens are taken over.
    void devLogin(const QString &name, QObject *context,
                  std::function<void(Result<SignInResult>)> callback);
    void exchangeCode(const QString &code, const QString &verifier, QObject *context,
                      std::function<void(Result<SignInResult>)> callback);
    //! Revokes the refresh token on the server (best effort) and forgets both tokens.
    void logout(QObject *context, StatusCallback callback);

    //! The error a reply carries, or nothing when it succeeded. Public for the tests.
    //! `networkErrorText` (Qt's words for a failed connection) goes into the message, so the
    //! user learns what failed ("Connection refused", "SSL handshake failed").
    [[nodiscard]] static std::optional<ApiError> errorOf(int httpStatus,
                                                         QNetworkReply::NetworkError networkError,
                                                         const QByteArray &body,
                                                         const QString &networkErrorText = {});

Q_SIGNALS:
    //! The refresh token was rotated (sign-in, renewal): the token store must keep the new one.
    void refreshTokenChanged(const QString &refreshToken);
    void accessTokenChanged();
    //! The refresh token was refused: the user must sign in again.
    void sessionExpired();

private:
    struct Call
    {
        QByteArray method;
        QString path;
        QUrlQuery query;
        QByteArray body;
        bool authenticated = true;
        bool retried = false;
        QPointer<QObject> context;
        ApiCallback callback;
    };

    //! `/api/v1` + `path`, with `query`.
    [[nodiscard]] QUrl endpoint(const QString &path, const QUrlQuery &query = {}) const;
    void get(const QString &path, const QUrlQuery &query, QObject *context, ApiCallback callback);
    void post(const QString &path, const QJsonObject &body, QObject *context, ApiCallback callback);
    void put(const QString &path, const QJsonObject &body, QObject *context, ApiCallback callback);
    void del(const QString &path, QObject *context, ApiCallback callback);
    void patch(const QString &path, const QJsonObject &body, QObject *context,
               ApiCallback callback);
    void send(Call call);
    void finish(Call call, QNetworkReply *reply);
    void startRefresh();
    void finishRefresh(const Status &status);
    void signIn(const QString &path, const QJsonObject &body, QObject *context,
                std::function<void(Result<SignInResult>)> callback);

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    QString m_accessToken;
    QString m_refreshToken;
    QDateTime m_accessExpiry;
    bool m_refreshing = false;
    //! Bumped by clearTokens: a renewal answered after a sign-out must not bring tokens back.
    quint64 m_tokenGeneration = 0;
    QList<Call> m_waitingForRefresh;
    QList<std::pair<QPointer<QObject>, StatusCallback>> m_refreshWaiters;
};

} // namespace natter::desktop
