// SPDX-License-Identifier: Apache-2.0
#include "realtime/eventpublisher.h"

#include "db/sql.h"
#include "natter/events.h"
#include "realtime/eventbus.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

// NOTIFY payloads must stay under 8000 bytes; leave room for the envelope.
constexpr qsizetype kMaxInlinePayload = 7000;

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

Status notify(QSqlDatabase &db, const QJsonObject &event)
{
    const QByteArray payload = QJsonDocument(event).toJson(QJsonDocument::Compact);
    if (EventBus *bus = eventBus())
        return bus->publish(db, payload);
    return notifyPostgres(db, payload);
}

} // namespace

Status notifyPostgres(QSqlDatabase &db, const QByteArray &payload)
{
    auto query = sql::exec(db, u"SELECT pg_notify(?, ?)"_s,
                           {QString::fromLatin1(kEventChannel), QString::fromUtf8(payload)});
    if (!query)
        return query.error();
    return Done{};
}

Status publishSessionRevoked(QSqlDatabase &db, const QUuid &familyId)
{
    return notify(db, {{u"type"_s, QString::fromLatin1(kSessionRevoked)},
                       {u"family_id"_s, idText(familyId)}});
}

Status publishUserSessionsEnded(QSqlDatabase &db, const QUuid &userId)
{
    return notify(
        db, {{u"type"_s, QString::fromLatin1(kUserSessionsEnded)}, {u"user_id"_s, idText(userId)}});
}

Status publishPreferences(QSqlDatabase &db, const QUuid &userId, const QUuid &conversationId,
                          const ConversationPreferences &preferences)
{
    QJsonObject event = preferences.toJson();
    event.insert(u"type"_s, QString(events::kConversationPreferences));
    event.insert(u"user_id"_s, idText(userId));
    event.insert(u"conversation_id"_s, idText(conversationId));
    return notify(db, event);
}

Status publishPresence(QSqlDatabase &db, const PresenceState &state)
{
    QJsonObject event = state.toJson();
    event.insert(u"type"_s, QString(events::kPresence));
    return notify(db, event);
}

Status publishPresenceHidden(QSqlDatabase &db, const QUuid &userId, bool hidden)
{
    return notify(db, {{u"type"_s, QString::fromLatin1(kPresenceHidden)},
                       {u"user_id"_s, idText(userId)},
                       {u"hidden"_s, hidden}});
}

Status publishMessageNew(QSqlDatabase &db, const Message &message)
{
    QJsonObject event{{u"type"_s, QString(events::kMessageNew)},
                      {u"conversation_id"_s, idText(message.conversationId)},
                      {u"message"_s, message.toJson()}};
    if (!message.withheldFrom.isNull())
        event.insert(u"withheld_from"_s, idText(message.withheldFrom));
    if (QJsonDocument(event).toJson(QJsonDocument::Compact).size() > kMaxInlinePayload) {
        // Too large to inline: listeners read the message back by id.
        event.remove(u"message"_s);
        event.insert(u"message_id"_s, idText(message.id));
        event.insert(u"seq"_s, message.seq);
    }
    return notify(db, event);
}

Status publishMessageBatch(QSqlDatabase &db, const QString &origin, const QList<Message> &messages)
{
    // Seq ranges per conversation, in the order the batch holds them (seq order within each).
    QList<QUuid> order;
    QHash<QUuid, std::pair<qint64, qint64>> ranges;
    for (const Message &message : messages) {
        auto range = ranges.find(message.conversationId);
        if (range == ranges.end()) {
            order.append(message.conversationId);
            ranges.insert(message.conversationId, {message.seq, message.seq});
        } else {
            range->first = std::min(range->first, message.seq);
            range->second = std::max(range->second, message.seq);
        }
    }
    // About 90 bytes a range: 60 ranges stay well under the payload limit.
    constexpr qsizetype kRangesPerNotification = 60;
    for (qsizetype start = 0; start < order.size(); start += kRangesPerNotification) {
        QJsonArray items;
        for (qsizetype i = start; i < std::min(order.size(), start + kRangesPerNotification); ++i) {
            const auto range = ranges.value(order.at(i));
            items.append(QJsonObject{{u"conversation_id"_s, idText(order.at(i))},
                                     {u"from"_s, range.first},
                                     {u"to"_s, range.second}});
        }
        if (auto sent = notify(db, {{u"type"_s, QString::fromLatin1(kMessageBatch)},
                                    {u"origin"_s, origin},
                                    {u"ranges"_s, items}});
            !sent)
            return sent;
    }
    return Done{};
}

Status publishMessageChanged(QSqlDatabase &db, const QUuid &conversationId, qint64 rev)
{
    return notify(db, {{u"type"_s, QString::fromLatin1(kMessageChanged)},
                       {u"conversation_id"_s, idText(conversationId)},
                       {u"rev"_s, rev}});
}

Status publishReceipt(QSqlDatabase &db, const Receipt &receipt)
{
    QJsonObject event = receipt.toEventJson();
    event.insert(u"type"_s, QString(events::kReceiptUpdated));
    return notify(db, event);
}

Status publishMemberJoined(QSqlDatabase &db, const QUuid &conversationId, const User &user)
{
    return notify(db, {{u"type"_s, QString(events::kRoomMemberJoined)},
                       {u"conversation_id"_s, idText(conversationId)},
                       {u"user"_s, user.toJson()}});
}

Status publishMemberLeft(QSqlDatabase &db, const QUuid &conversationId, const QUuid &userId)
{
    return notify(db, {{u"type"_s, QString(events::kRoomMemberLeft)},
                       {u"conversation_id"_s, idText(conversationId)},
                       {u"user_id"_s, idText(userId)}});
}

Status publishConversationNew(QSqlDatabase &db, const QUuid &conversationId, const QUuid &userId)
{
    auto lastSeq = sql::exec(db, u"SELECT last_seq FROM conversations WHERE id = ?::uuid"_s,
                             {idText(conversationId)});
    if (!lastSeq)
        return lastSeq.error();
    const qint64 seq = lastSeq.value().next() ? lastSeq.value().value(0).toLongLong() : 0;
    return notify(db, {{u"type"_s, QString(events::kConversationNew)},
                       {u"conversation_id"_s, idText(conversationId)},
                       {u"user_id"_s, idText(userId)},
                       {u"last_seq"_s, seq}});
}

Status publishBlockChanged(QSqlDatabase &db, const QUuid &blockerId, const QUuid &blockedId,
                           bool blocked)
{
    return notify(db, {{u"type"_s, QString::fromLatin1(kBlockChanged)},
                       {u"blocker_id"_s, idText(blockerId)},
                       {u"blocked_id"_s, idText(blockedId)},
                       {u"blocked"_s, blocked}});
}

Status publishTyping(QSqlDatabase &db, const QUuid &conversationId, const QUuid &userId,
                     bool typing)
{
    return notify(db, {{u"type"_s, QString(events::kTyping)},
                       {u"conversation_id"_s, idText(conversationId)},
                       {u"user_id"_s, idText(userId)},
                       {u"state"_s, typing ? u"start"_s : u"stop"_s}});
}

} // namespace natter::server::realtime
