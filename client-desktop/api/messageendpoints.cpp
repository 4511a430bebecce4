// SPDX-License-Identifier: Apache-2.0
// ApiClient's endpoints for changing messages and searching them (#12): sends with a reply,
// edits, deletions, reactions, the changes route a reconnect catches up with, and search.
#include "api/apiclient.h"
#include "api/pagequery.h"
#include "api/paths.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

void ApiClient::sendMessageWith(const QUuid &conversationId, const QString &bodyText,
                                const QString &clientMsgId, const QJsonObject &fields,
                                QObject *context, ApiCallback callback)
{
    QJsonObject body = fields;
    body.insert(u"body_text"_s, bodyText);
    body.insert(u"client_msg_id"_s, clientMsgId);
    post(paths::messages(conversationId), body, context, std::move(callback));
}

void ApiClient::editMessage(const QUuid &messageId, const QString &bodyText, QObject *context,
                            ApiCallback callback)
{
    patch(paths::message(messageId), {{u"body_text"_s, bodyText}}, context, std::move(callback));
}

void ApiClient::deleteMessage(const QUuid &messageId, QObject *context, ApiCallback callback)
{
    del(paths::message(messageId), context, std::move(callback));
}

void ApiClient::addReaction(const QUuid &messageId, const QString &emoji, QObject *context,
                            ApiCallback callback)
{
    put(paths::reaction(messageId, emoji), {}, context, std::move(callback));
}

void ApiClient::removeReaction(const QUuid &messageId, const QString &emoji, QObject *context,
                               ApiCallback callback)
{
    del(paths::reaction(messageId, emoji), context, std::move(callback));
}

void ApiClient::messageChanges(const QUuid &conversationId, qint64 afterRev, int limit,
                               QObject *context, ApiCallback callback)
{
    get(paths::changes(conversationId), pageQuery(u"after"_s, afterRev, limit), context,
        std::move(callback));
}

void ApiClient::searchMessages(const QString &text, const QUuid &conversationId, int limit,
                               QObject *context, ApiCallback callback)
{
    QUrlQuery query;
    query.addQueryItem(u"q"_s, text);
    if (!conversationId.isNull())
        query.addQueryItem(u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces));
    query.addQueryItem(u"limit"_s, QString::number(limit));
    get(paths::messageSearch(), query, context, std::move(callback));
}

} // namespace natter::desktop
