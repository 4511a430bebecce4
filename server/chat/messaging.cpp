// SPDX-License-Identifier: Apache-2.0
#include "chat/messaging.h"

#include "chat/access.h"
#include "chat/messageview.h"
#include "db/blockrepository.h"
#include "db/historyreader.h"
#include "db/messagerepository.h"
#include "db/rows.h"
#include "db/sql.h"
#include "db/uploadrepository.h"
#include "db/userrepository.h"
#include "natter/validation.h"
#include "realtime/eventpublisher.h"

#include <QJsonArray>

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

//! Moves the read watermark; `announce` false keeps the change from the other side of a
//! blocked DM.
Status moveReadWatermark(QSqlDatabase &db, const QUuid &conversationId, const QUuid &userId,
                         qint64 seq, bool announce)
{
    auto receipt = MemberRepository(db).markRead(conversationId, userId, seq);
    if (!receipt)
        return receipt.error();
    if (receipt.value() && announce)
        return realtime::publishReceipt(db, *receipt.value());
    return Done{};
}

//! The refusal a blocker gets when writing to the person they blocked, naming them.
ApiError youBlocked(QSqlDatabase &db, const QUuid &peerId)
{
    auto peer = UserRepository(db).findById(peerId);
    if (peer && peer.value() && !peer.value()->username.isEmpty())
        return ApiError::forbidden(u"You blocked @%1."_s.arg(peer.value()->username));
    return ApiError::forbidden(u"You blocked this person."_s);
}

//! Gives `message` the sender's uploads `ids`, in the send's transaction: all of them or the
//! send fails (uploads of someone else, unknown or already attached are one answer).
Status attachUploads(QSqlDatabase &db, Message &message, const QList<QUuid> &ids)
{
    UploadRepository uploads(db);
    auto attached = uploads.attach(ids, message.id, message.senderId);
    if (!attached)
        return attached.error();
    if (attached.value() != ids.size())
        return ApiError::validation(u"attachment_ids"_s,
                                    u"must be your own uploads, not attached to a message yet"_s);
    auto attachments = uploads.attachmentsOf(message.id);
    if (!attachments)
        return attachments.error();
    message.attachments = attachments.value();
    return Done{};
}

} // namespace

QJsonObject History::toJson() const
{
    QJsonArray messageArray;
    for (const Message &message : messages)
        messageArray.append(message.toJson());
    QJsonArray userArray;
    for (const User &user : users)
        userArray.append(user.toJson());
    return {{u"messages"_s, messageArray}, {u"users"_s, userArray}};
}

Result<SendOutcome> sendMessage(QSqlDatabase &db, const User &sender, const QUuid &conversationId,
                                const QString &bodyText, const QString &clientMsgId,
                                const QUuid &replyToId, const QList<QUuid> &attachmentIds)
{
    // An image may go alone: with attachments the text may be empty.
    Result<QString> body = QString();
    if (attachmentIds.isEmpty() || !bodyText.trimmed().isEmpty())
        body = validation::messageBody(u"body_text"_s, bodyText);
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
    if (access->blocksPeer)
        return youBlocked(db, access->dmPeer);
    // Blocked by the other member: stored and answered as usual, but never shown to them.
    const QUuid withheldFrom = access->blockedByPeer ? access->dmPeer : QUuid();

    auto appended = MessageRepository(db).append(conversationId, sender.id, body.value(),
                                                 clientMsgId, withheldFrom, replyToId);
    if (!appended) {
        // The same client_msg_id racing into two conversations: the loser hits the unique key.
        if (appended.error().code == ErrorCode::Conflict)
            return ApiError::conflict(u"client_msg_id was already used for another message."_s);
        return appended.error();
    }
    if (appended->message.conversationId != conversationId)
        return ApiError::conflict(u"client_msg_id was already used in another conversation."_s);
    Message message = appended->message;
    if (appended->created && !attachmentIds.isEmpty()) {
        if (auto attached = attachUploads(db, message, attachmentIds); !attached)
            return attached.error();
    }
    if (appended->created) {
        if (auto published = realtime::publishMessageNew(db, message); !published)
            return published.error();
    }
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return SendOutcome{message, appended->created};
}

Result<History> history(QSqlDatabase &db, const QUuid &viewerId, const QUuid &conversationId,
                        const HistoryPage &page, const AdmitCaller &admit)
{
    // One statement answers the caller, membership, the page and its senders (HistoryReader).
    const bool newer = page.after >= 0;
    auto read = HistoryReader(db).read(conversationId, viewerId,
                                       newer ? HistoryReader::Direction::Newer
                                             : HistoryReader::Direction::Older,
                                       newer ? page.after : page.before, page.limit);
    if (!read)
        return read.error();
    if (admit) {
        if (auto admitted = admit(read->caller); !admitted)
            return admitted.error();
    }
    if (!read->member)
        return ApiError::notFound(u"No such conversation."_s);
    QList<Message> messages = std::move(read->messages);
    if (!read->blocked.isEmpty()) {
        for (Message &message : messages)
            message = asSeenBy(std::move(message), read->blocked);
    }
    return History{std::move(messages), std::move(read->senders)};
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
    if (read.withheldFrom == viewer.id)
        return ApiError::notFound(u"No such message."_s);
    if (!read.senderId.isNull() && read.senderId != viewer.id) {
        auto hidden = BlockRepository(db).hasBlocked(viewer.id, read.senderId);
        if (!hidden)
            return hidden.error();
        if (hidden.value())
            return ApiError::notFound(u"No such message."_s);
    }
    if (auto moved = markReadUpTo(db, viewer, read.conversationId, read.seq); !moved)
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
    auto access = requireMember(db, conversationId, viewer.id);
    if (!access)
        return access.error();
    // The newest message at or below seq that the viewer may see.
    const qint64 below = seq == std::numeric_limits<qint64>::max() ? -1 : seq + 1;
    auto newest = MessageRepository(db).before(conversationId, below, 1, viewer.id);
    if (!newest)
        return newest.error();
    const qint64 upTo = newest.value().isEmpty() ? 0 : newest.value().first().seq;
    if (auto moved = moveReadWatermark(db, conversationId, viewer.id, upTo, !access->dmBlocked);
        !moved)
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
