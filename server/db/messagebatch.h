// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"

#include <QList>
#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace natter::server {

//! One send waiting for the next group commit.
struct BatchedSend
{
    QUuid conversationId;
    QUuid senderId;
    QString bodyText;    //!< already validated
    QString clientMsgId; //!< empty: none
    QUuid replyToId;     //!< null: not a reply
};

//! What became of one send of a batch.
struct BatchedOutcome
{
    enum Kind
    {
        Created,    //!< stored with the next seq of its conversation
        Duplicate,  //!< `client_msg_id` matched an earlier message: `message` is that one
        NotMember,  //!< no such conversation, or the sender is no member
        YouBlocked, //!< a DM whose sender blocked the other member (`peerUsername`)
        BadReply,   //!< `replyToId` is no message of the conversation
    } kind = Created;
    Message message;
    QString peerUsername;
};

//! The notification a batch statement sends by itself, from the rows it inserted: one
//! `pg_notify(channel, {"type": type, "origin": origin, "ranges": [...]})` per 60 conversations
//! (seq range of each), the payload realtime::publishMessageBatch would send.
struct BatchNotification
{
    QString channel;
    QString type;
    QString origin;
};

//! Stores a batch of sends, of any conversations, with ONE statement: membership, blocks and
//! earlier `client_msg_id`s are checked by the same statement that inserts, each conversation's
//! `last_seq` moves once by its number of messages (UPDATE ... RETURNING, no `FOR UPDATE`
//! round trip), the messages are numbered in batch order, and the senders' delivered watermarks
//! move up. The outcomes come back in the order of `sends`. A unique violation (the same
//! `client_msg_id` racing in from elsewhere) fails the whole statement: the caller then sends
//! one by one.
//!
//! With `notification` the statement also notifies, and may run on its own, outside a
//! transaction: it is then its own transaction, one round trip with its COMMIT, and its result
//! is read whole, so the outcomes are only seen once PostgreSQL answered after that COMMIT.
//! Without, run it inside a transaction and publish the batch before committing.
[[nodiscard]] Result<QList<BatchedOutcome>>
appendBatch(QSqlDatabase &db, const QList<BatchedSend> &sends,
            const std::optional<BatchNotification> &notification = std::nullopt);

} // namespace natter::server
