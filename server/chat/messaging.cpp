// SPDX-License-Identifier: Apache-2.0
#include "chat/messaging.h"

#include "chat/access.h"
#include "db/blockrepository.h"
#include "db/messagerepository.h"
#include "db/rows.h"
#include "db/sql.h"
#include "natter/validation.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

Status moveReadWatermark(QSqlDatabase &db, const QUuid &conversationId, const QUuid &userId,
                         qint64 seq)
{
    auto receipt = MemberRepository(db).markRead(conversationId, userId, seq);
    if (!receipt)
        return receipt.error();
    if (receipt.value())
        return realtime::publishReceipt(db, *receipt.value());
    return Done{};
}

} // namespace

Result<SendOutcome> sendMessage(QSqlDatabase &db, const User &sender, const QUuid &conversationId,
                                const QString &bodyText, const QString &clientMsgId)
{
    auto body = validation::messageBody(u"body_text"_s, bodyText);
    if (!body)
        return body.error();
    if (!clientMsgId.isEmpty()) {
        if (auto id = validation::clientMsgId(u"client_msg_id"_s, clientMsgId); !id)
            return id.error();
    }

    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto access = requireMember(db, conversationId, sender.id);
    if (!access)
        return access.error();
    if (access->dmBlocked)
        return ApiError::forbidden(u"You cannot send messages in this conversation."_s);

    auto appended =
        MessageRepository(db).append(conversationId, sender.id, body.value(), clientMsgId);
    if (!appended) {
        // The same client_msg_id racing into two conversations: the loser hits the unique key.
        if (appended.error().code == ErrorCode::Conflict)
            return ApiError::conflict(u"client_msg_id was already used for another message."_s);
        return appended.error();
    }
    if (appended->message.conversationId != conversationId)
        return ApiError::conflict(u"client_msg_id was already used in another conversation."_s);
    if (appended->created) {
        if (auto published = realtime::publishMessageNew(db, appended->message); !published)
            return published.error();
    }
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return SendOutcome{appended->message, appended->created};
}

Result<QList<Message>> history(QSqlDatabase &db, const User &viewer, const QUuid &conversationId,
                               const HistoryPage &page)
{
    auto access = requireMember(db, conversationId, viewer.id);
    if (!access)
        return access.error();
    MessageRepository messages(db);
    if (page.after >= 0)
        return messages.after(conversationId, page.after, page.limit, viewer.id);
    return messages.before(conversationId, page.before, page.limit, viewer.id);
}

Status markRead(QSqlDatabase &db, const User &viewer, const QUuid &messageId)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto message = requireMessage(db, messageId, viewer.id);
    if (!message)
        return message.error();
    const Message &read = message.value();
    if (!read.senderId.isNull() && read.senderId != viewer.id) {
        auto hidden = BlockRepository(db).hasBlocked(viewer.id, read.senderId);
        if (!hidden)
            return hidden.error();
        if (hidden.value())
            return ApiError::notFound(u"No such message."_s);
    }
    if (auto moved = moveReadWatermark(db, read.conversationId, viewer.id, read.seq); !moved)
        return moved.error();
    return transaction.commit();
}

Status markReadUpTo(QSqlDatabase &db, const User &viewer, const QUuid &conversationId, qint64 seq)
{
    if (seq < 0)
        return ApiError::validation(u"seq"_s, u"must be a non-negative integer"_s);
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    if (auto access = requireMember(db, conversationId, viewer.id); !access)
        return access.error();
    auto newest = MessageRepository(db).before(conversationId, -1, 1);
    if (!newest)
        return newest.error();
    const qint64 last = newest.value().isEmpty() ? 0 : newest.value().first().seq;
    if (auto moved = moveReadWatermark(db, conversationId, viewer.id, std::min(seq, last)); !moved)
        return moved.error();
    return transaction.commit();
}

Result<QList<Receipt>> receipts(QSqlDatabase &db, const User &viewer, const QUuid &conversationId)
{
    if (auto access = requireMember(db, conversationId, viewer.id); !access)
        return access.error();
    return MemberRepository(db).receipts(conversationId);
}

} // namespace natter::server::chat
