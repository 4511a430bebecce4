// SPDX-License-Identifier: Apache-2.0
// ApiClient's typed methods, one per endpoint of the contract: the request each one makes, in
// one file, as the web app's api/endpoints.ts. The paths themselves are in api/paths.h.
#include "api/apiclient.h"
#include "api/pagequery.h"
#include "api/paths.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

void ApiClient::providers(QObject *context, ApiCallback callback)
{
    get(paths::providers(), {}, context, std::move(callback));
}

QUrl ApiClient::providerStartUrl(const QString &providerId, const QUrlQuery &query) const
{
    return endpoint(paths::providerStart(providerId), query);
}

QUrl ApiClient::socketUrl() const
{
    QUrl url = endpoint(paths::socket());
    url.setScheme(url.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    return url;
}

void ApiClient::me(QObject *context, ApiCallback callback)
{
    get(paths::me(), {}, context, std::move(callback));
}

void ApiClient::claimUsername(const QString &username, QObject *context, ApiCallback callback)
{
    put(paths::myUsername(), {{u"username"_s, username}}, context, std::move(callback));
}

void ApiClient::updateProfile(const QString &displayName, QObject *context, ApiCallback callback)
{
    post(paths::myProfile(), {{u"display_name"_s, displayName}}, context, std::move(callback));
}

void ApiClient::searchUsers(const QString &query, int limit, QObject *context, ApiCallback callback)
{
    QUrlQuery params;
    params.addQueryItem(u"q"_s, query);
    params.addQueryItem(u"limit"_s, QString::number(limit));
    get(paths::userSearch(), params, context, std::move(callback));
}

void ApiClient::userByUsername(const QString &username, QObject *context, ApiCallback callback)
{
    get(paths::user(username), {}, context, std::move(callback));
}

void ApiClient::conversations(QObject *context, ApiCallback callback)
{
    get(paths::conversations(), {}, context, std::move(callback));
}

void ApiClient::conversation(const QUuid &conversationId, QObject *context, ApiCallback callback)
{
    get(paths::conversation(conversationId), {}, context, std::move(callback));
}

void ApiClient::createDirectMessage(const QString &username, QObject *context, ApiCallback callback)
{
    post(paths::conversations(), {{u"type"_s, u"dm"_s}, {u"username"_s, username}}, context,
         std::move(callback));
}

void ApiClient::createGroup(const QString &title, const QStringList &usernames, QObject *context,
                            ApiCallback callback)
{
    post(paths::conversations(),
         {{u"type"_s, u"group"_s},
          {u"title"_s, title},
          {u"usernames"_s, QJsonArray::fromStringList(usernames)}},
         context, std::move(callback));
}

void ApiClient::addMember(const QUuid &conversationId, const QString &username, QObject *context,
                          ApiCallback callback)
{
    post(paths::members(conversationId), {{u"username"_s, username}}, context, std::move(callback));
}

void ApiClient::removeMember(const QUuid &conversationId, const QUuid &userId, QObject *context,
                             ApiCallback callback)
{
    del(paths::member(conversationId, userId), context, std::move(callback));
}

void ApiClient::receipts(const QUuid &conversationId, QObject *context, ApiCallback callback)
{
    get(paths::receipts(conversationId), {}, context, std::move(callback));
}

void ApiClient::messagesBefore(const QUuid &conversationId, qint64 before, int limit,
                               QObject *context, ApiCallback callback)
{
    QUrlQuery query;
    if (before > 0)
        query.addQueryItem(u"before"_s, QString::number(before));
    query.addQueryItem(u"limit"_s, QString::number(limit));
    get(paths::messages(conversationId), query, context, std::move(callback));
}

void ApiClient::messagesAfter(const QUuid &conversationId, qint64 after, int limit,
                              QObject *context, ApiCallback callback)
{
    get(paths::messages(conversationId), pageQuery(u"after"_s, after, limit), context,
        std::move(callback));
}

void ApiClient::sendMessage(const QUuid &conversationId, const QString &bodyText,
                            const QString &clientMsgId, QObject *context, ApiCallback callback)
{
    post(paths::messages(conversationId),
         {{u"body_text"_s, bodyText}, {u"client_msg_id"_s, clientMsgId}}, context,
         std::move(callback));
}

void ApiClient::markRead(const QUuid &messageId, QObject *context, ApiCallback callback)
{
    post(paths::messageRead(messageId), {}, context, std::move(callback));
}

void ApiClient::blocks(QObject *context, ApiCallback callback)
{
    get(paths::blocks(), {}, context, std::move(callback));
}

void ApiClient::block(const QString &username, QObject *context, ApiCallback callback)
{
    post(paths::block(username), {}, context, std::move(callback));
}

void ApiClient::unblock(const QString &username, QObject *context, ApiCallback callback)
{
    del(paths::block(username), context, std::move(callback));
}

void ApiClient::report(const QString &username, const QString &reason, const QString &messageId,
                       QObject *context, ApiCallback callback)
{
    QJsonObject body{{u"username"_s, username}, {u"reason"_s, reason}};
    if (!messageId.isEmpty())
        body.insert(u"message_id"_s, messageId);
    post(paths::reports(), body, context, std::move(callback));
}

} // namespace natter::desktop

namespace natter::desktop {

void ApiClient::sendMessageWithAttachments(const QUuid &conversationId, const QString &bodyText,
                                           const QString &clientMsgId,
                                           const QList<QUuid> &attachmentIds, QObject *context,
                                           ApiCallback callback)
{
    QJsonArray ids;
    for (const QUuid &id : attachmentIds)
        ids.append(id.toString(QUuid::WithoutBraces));
    post(
        paths::messages(conversationId),
        {{u"body_text"_s, bodyText}, {u"client_msg_id"_s, clientMsgId}, {u"attachment_ids"_s, ids}},
        context, std::move(callback));
}

void ApiClient::invitePreview(const QString &code, QObject *context, ApiCallback callback)
{
    send({"GET", paths::invite(code), {}, {}, false, false, context, std::move(callback)});
}

void ApiClient::joinInvite(const QString &code, QObject *context, ApiCallback callback)
{
    post(paths::inviteJoin(code), {}, context, std::move(callback));
}

void ApiClient::removeAvatar(QObject *context, ApiCallback callback)
{
    post(paths::myProfile(), {{u"avatar_url"_s, QJsonValue::Null}}, context, std::move(callback));
}

void ApiClient::deleteAccount(const QString &confirmUsername, QObject *context,
                              ApiCallback callback)
{
    send({"DELETE",
          paths::myProfile(),
          {},
          QJsonDocument(QJsonObject{{u"confirm_username"_s, confirmUsername}})
              .toJson(QJsonDocument::Compact),
          true,
          false,
          context,
          std::move(callback)});
}

} // namespace natter::desktop
