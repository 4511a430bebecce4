// SPDX-License-Identifier: Apache-2.0
#include "natter/conversation.h"

#include "natter/protocolfields.h"
#include "natter/timestamps.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter {

QString conversationTypeName(ConversationType type)
{
    return type == ConversationType::Dm ? u"dm"_s : u"group"_s;
}

QString memberRoleName(MemberRole role)
{
    return role == MemberRole::Admin ? u"admin"_s : u"member"_s;
}

QJsonObject Member::toJson() const
{
    return {
        {u"user"_s, user.toJson()},
        {u"role"_s, memberRoleName(role)},
        {u"joined_at"_s, formatTimestamp(joinedAt)},
        {u"joined_seq"_s, joinedSeq},
    };
}

Result<Member> Member::fromJson(const QJsonObject &object)
{
    ProtocolReader reader(object, u"member"_s);
    const QJsonObject userObject = reader.object(u"user"_s);
    const QString role = reader.string(u"role"_s);
    Member member;
    member.role = role == "admin"_L1 ? MemberRole::Admin : MemberRole::Member;
    member.joinedAt = reader.time(u"joined_at"_s);
    member.joinedSeq = object.value(u"joined_seq"_s).toInteger();
    if (auto error = reader.error())
        return *error;
    auto user = User::fromJson(userObject);
    if (!user)
        return user.error();
    member.user = std::move(user).value();
    return member;
}

QJsonObject Conversation::toJson() const
{
    QJsonObject object{
        {u"id"_s, idString()},
        {u"type"_s, conversationTypeName(type)},
        {u"title"_s, title.isEmpty() ? QJsonValue() : QJsonValue(title)},
        {u"description"_s, description},
        {u"avatar_url"_s, avatarUrl.isEmpty() ? QJsonValue() : QJsonValue(avatarUrl)},
        {u"created_by"_s,
         createdBy.isNull() ? QJsonValue() : QJsonValue(createdBy.toString(QUuid::WithoutBraces))},
        {u"created_at"_s, formatTimestamp(createdAt)},
        {u"last_message"_s, lastMessage ? QJsonValue(lastMessage->toJson()) : QJsonValue()},
        {u"unread_count"_s, unreadCount},
        {u"last_read_seq"_s, lastReadSeq},
        {u"mention_count"_s, mentionCount},
        {u"last_rev"_s, lastRev},
    };
    const QJsonObject mine = preferences.toJson();
    for (auto it = mine.begin(); it != mine.end(); ++it)
        object.insert(it.key(), it.value());
    if (membersIncluded) {
        QJsonArray array;
        for (const Member &member : members)
            array.append(member.toJson());
        object.insert(u"members"_s, array);
    }
    return object;
}

Result<Conversation> Conversation::fromJson(const QJsonObject &object)
{
    ProtocolReader reader(object, u"conversation"_s);
    Conversation conversation;
    conversation.id = reader.uuid(u"id"_s);
    conversation.type =
        reader.string(u"type"_s) == "dm"_L1 ? ConversationType::Dm : ConversationType::Group;
    conversation.title = reader.optionalString(u"title"_s);
    conversation.createdBy = reader.optionalUuid(u"created_by"_s);
    conversation.createdAt = reader.time(u"created_at"_s);
    conversation.unreadCount = object.value(u"unread_count"_s).toInteger();
    conversation.lastReadSeq = object.value(u"last_read_seq"_s).toInteger();
    conversation.mentionCount = object.value(u"mention_count"_s).toInteger();
    conversation.lastRev = object.value(u"last_rev"_s).toInteger();
    conversation.description = object.value(u"description"_s).toString();
    conversation.avatarUrl = object.value(u"avatar_url"_s).toString();
    conversation.preferences = ConversationPreferences::fromJson(object);
    if (auto error = reader.error())
        return *error;
    if (object.value(u"last_message"_s).isObject()) {
        auto message = Message::fromJson(object.value(u"last_message"_s).toObject());
        if (!message)
            return message.error();
        conversation.lastMessage = std::move(message).value();
    }
    if (object.value(u"members"_s).isArray()) {
        conversation.membersIncluded = true;
        const QJsonArray array = object.value(u"members"_s).toArray();
        for (const QJsonValue value : array) {
            auto member = Member::fromJson(value.toObject());
            if (!member)
                return member.error();
            conversation.members.append(std::move(member).value());
        }
    }
    return conversation;
}

} // namespace natter
