// SPDX-License-Identifier: Apache-2.0
#include "chat/messagechanges.h"

#include "chat/access.h"
#include "chat/messageview.h"
#include "db/blockrepository.h"
#include "db/messagechangerepository.h"
#include "db/messagerepository.h"
#include "db/rows.h"
#include "db/sql.h"
#include "natter/reactionemoji.h"
#include "natter/validation.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

//! A message as the caller may act on it, with the caller's access to its conversation.
struct Target
{
    Message message;
    MemberAccess access;
};

//! The message, unless the caller may not know of it: not a member, sent by someone the
//! caller blocked, or withheld from the caller. All of these are the same `not_found`.
Result<Target> requireVisible(QSqlDatabase &db, const User &caller, const QUuid &messageId)
{
    auto message = requireMessage(db, messageId, caller.id);
    if (!message)
        return message.error();
    const ApiError notFound = ApiError::notFound(u"No such message."_s);
    if (message->withheldFrom == caller.id)
        return notFound;
    if (!message->senderId.isNull() && message->senderId != caller.id) {
        auto hidden = BlockRepository(db).hasBlocked(caller.id, message->senderId);
        if (!hidden)
            return hidden.error();
        if (hidden.value())
            return notFound;
    }
    auto access = requireMember(db, message->conversationId, caller.id);
    if (!access)
        return access.error();
    // A record of what happened to the group (issue 18), not anyone's words to change.
    if (message->isSystem())
        return ApiError::forbidden(u"A system line cannot be changed."_s);
    return Target{message.value(), access.value()};
}

ApiError deletedAlready()
{
    return ApiError::conflict(u"This message was deleted."_s);
}

//! Publishes the change and answers the message as it now is, as the caller sees it.
Result<Message> announce(QSqlDatabase &db, const User &caller, const Message &before, qint64 rev)
{
    if (auto published = realtime::publishMessageChanged(db, before.conversationId, rev);
        !published)
        return published.error();
    auto after = MessageRepository(db).findById(before.id);
    if (!after)
        return after.error();
    if (!after.value())
        return ApiError::internal();
    auto blocked = BlockRepository(db).blockedIds(caller.id);
    if (!blocked)
        return blocked.error();
    return asSeenBy(*after.value(), blocked.value());
}

} // namespace

Result<Message> editMessage(QSqlDatabase &db, const User &caller, const QUuid &messageId,
                            const QString &bodyText)
{
    auto body = validation::messageBody(u"body_text"_s, bodyText);
    if (!body)
        return body.error();
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto target = requireVisible(db, caller, messageId);
    if (!target)
        return target.error();
    const Message &message = target->message;
    if (message.senderId != caller.id)
        return ApiError::forbidden(u"Only its sender can edit a message."_s);
    if (message.deleted)
        return deletedAlready();
    if (message.bodyText == body.value())
        return message;
    MessageChangeRepository changes(db);
    auto rev = changes.nextRev(message.conversationId);
    if (!rev)
        return rev.error();
    auto edited = changes.setBody(messageId, body.value(), rev.value());
    if (!edited)
        return edited.error();
    if (!edited.value())
        return deletedAlready(); // deleted while we looked
    auto answer = announce(db, caller, message, rev.value());
    if (!answer)
        return answer.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return answer;
}

Status deleteMessage(QSqlDatabase &db, const User &caller, const QUuid &messageId)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto target = requireVisible(db, caller, messageId);
    if (!target)
        return target.error();
    const Message &message = target->message;
    const bool groupAdmin =
        target->access.type == ConversationType::Group && target->access.role == MemberRole::Admin;
    if (message.senderId != caller.id && !groupAdmin)
        return ApiError::forbidden(u"Only its sender or a group admin can delete a message."_s);
    if (message.deleted)
        return Done{};
    MessageChangeRepository changes(db);
    auto rev = changes.nextRev(message.conversationId);
    if (!rev)
        return rev.error();
    auto deleted = changes.markDeleted(messageId, rev.value());
    if (!deleted)
        return deleted.error();
    if (!deleted.value())
        return Done{}; // someone else deleted it meanwhile
    if (auto published = realtime::publishMessageChanged(db, message.conversationId, rev.value());
        !published)
        return published;
    return transaction.commit();
}

Status deleteMessageAsModerator(QSqlDatabase &db, const QUuid &messageId)
{
    auto row = sql::exec(db, u"SELECT conversation_id FROM messages WHERE id = ?::uuid"_s,
                         {rows::uuidText(messageId)});
    if (!row)
        return row.error();
    if (!row.value().next())
        return ApiError::notFound(u"No such message."_s);
    const QUuid conversationId = QUuid::fromString(row.value().value(0).toString());
    row.value().finish();
    MessageChangeRepository changes(db);
    auto rev = changes.nextRev(conversationId);
    if (!rev)
        return rev.error();
    auto deleted = changes.markDeleted(messageId, rev.value());
    if (!deleted)
        return deleted.error();
    if (!deleted.value())
        return Done{}; // its sender deleted it already
    return realtime::publishMessageChanged(db, conversationId, rev.value());
}

Status setReaction(QSqlDatabase &db, const User &caller, const QUuid &messageId,
                   const QString &emoji, bool add)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto target = requireVisible(db, caller, messageId);
    if (!target)
        return target.error();
    const Message &message = target->message;
    if (message.deleted)
        return add ? Status(deletedAlready()) : Status(Done{});
    MessageChangeRepository changes(db);
    // The change number first: it locks the conversation, so two people adding the 20th and
    // 21st emoji at once are counted one after the other.
    auto rev = changes.nextRev(message.conversationId);
    if (!rev)
        return rev.error();
    Result<bool> changed = false;
    if (add) {
        changed = changes.addReaction(messageId, caller.id, emoji);
        if (changed && changed.value()) {
            auto count = changes.emojiCount(messageId);
            if (!count)
                return count.error();
            if (count.value() > limits::kReactionEmojisPerMessage)
                return ApiError::conflict(u"A message takes at most %1 different reactions."_s.arg(
                    limits::kReactionEmojisPerMessage));
        }
    } else {
        changed = changes.removeReaction(messageId, caller.id, emoji);
    }
    if (!changed)
        return changed.error();
    if (!changed.value())
        return Done{}; // nothing changed: the transaction rolls back, no rev is used
    if (auto stamped = changes.setRev(messageId, rev.value()); !stamped)
        return stamped;
    if (auto published = realtime::publishMessageChanged(db, message.conversationId, rev.value());
        !published)
        return published;
    return transaction.commit();
}

Result<Changes> changesAfter(QSqlDatabase &db, const User &caller, const QUuid &conversationId,
                             qint64 afterRev, int limit)
{
    if (auto access = requireMember(db, conversationId, caller.id); !access)
        return access.error();
    MessageChangeRepository changes(db);
    // Read before the changes: every change up to it has committed (they commit in rev
    // order), so the second read sees all of them.
    auto lastRev = changes.lastRev(conversationId);
    if (!lastRev)
        return lastRev.error();
    auto changed = changes.changedAfter(conversationId, afterRev, limit, -1, caller.id);
    if (!changed)
        return changed.error();
    auto blocked = BlockRepository(db).blockedIds(caller.id);
    if (!blocked)
        return blocked.error();
    Changes answer;
    for (const Message &message : changed.value())
        answer.messages.append(asSeenBy(message, blocked.value()));
    answer.lastRev =
        changed->size() == limit ? changed->constLast().rev : std::max(lastRev.value(), afterRev);
    return answer;
}

} // namespace natter::server::chat
