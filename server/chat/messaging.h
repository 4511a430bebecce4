// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/receipt.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>

#include <functional>
#include <optional>

//! Sending, reading and acknowledging messages: the one implementation behind both the REST
//! endpoints and the WebSocket's `message.send` / `receipt.read`. Every function runs on a
//! database worker's connection (inside ApiContext::asUser or a gateway's DbPool job) and does
//! its writes and its event publishing in one transaction, so a message is announced exactly
//! when it is committed.
namespace natter::server::chat {

struct SendOutcome
{
    Message message;
    bool created = true; //!< false: a retry of `client_msg_id`, `message` is the first one
};

//! Validates `bodyText` (1–4000 characters after trimming, stored as sent) and `clientMsgId`
//! (empty: none), checks that `sender` is a member (`not_found` otherwise); stores the message
//! with the conversation's next seq and publishes `message.new`. In a DM where the sender
//! blocked the other member it is `forbidden` ("You blocked @bob."); where the other member
//! blocked the sender it is stored and answered as usual but withheld from that member for
//! good (the sender is not told). A retry with the same `clientMsgId` returns the first
//! message with `created` false and publishes nothing; the same id reused for another
//! conversation is a `conflict`. A non-null `replyToId` must be a message of the same
//! conversation (`validation_failed` on `reply_to_id` otherwise). Members named as @username
//! are stored as the message's mentions. `attachmentIds` (issue 13) are the sender's uploads,
//! not yet attached anywhere, that the message takes in the same transaction (all or the send
//! fails with `validation_failed` on `attachment_ids`); with them the text may be empty.
[[nodiscard]] Result<SendOutcome> sendMessage(QSqlDatabase &db, const User &sender,
                                              const QUuid &conversationId, const QString &bodyText,
                                              const QString &clientMsgId,
                                              const QUuid &replyToId = {},
                                              const QList<QUuid> &attachmentIds = {});

//! Which page of history: newest first below `before` (or from the newest when both cursors
//! are absent), or oldest first above `after`.
struct HistoryPage
{
    qint64 before = -1; //!< -1: absent
    qint64 after = -1;  //!< -1: absent; when set, `before` is ignored
    int limit = 50;
};

//! A page of history with the user objects of its senders, so that a client can name the
//! authors of messages from people who have left since.
struct History
{
    QList<Message> messages;
    QList<User> users; //!< every sender of `messages` whose account still exists
    //! `{"messages":[...],"users":[...]}`, the answer of GET .../messages.
    [[nodiscard]] QJsonObject toJson() const;
};

//! Judges the caller's row read with the page (nullopt: the account is gone): an error
//! answers the request before membership is looked at (ApiContext::admitCaller()).
using AdmitCaller = std::function<Result<User>(const std::optional<User> &caller)>;

//! A page of the conversation's history as `viewerId` may see it (messages of users the viewer
//! blocked, and messages withheld from the viewer, are left out); `not_found` for non-members.
//! One statement: the caller's row comes with the page and goes through `admit` (when set)
//! before anything else is answered.
[[nodiscard]] Result<History> history(QSqlDatabase &db, const QUuid &viewerId,
                                      const QUuid &conversationId, const HistoryPage &page,
                                      const AdmitCaller &admit = {});

//! Moves the viewer's read watermark up to the message `messageId` (never down) and publishes
//! `receipt.updated` when it moved. `not_found` when the message does not exist or the viewer
//! cannot see it.
[[nodiscard]] Status markRead(QSqlDatabase &db, const User &viewer, const QUuid &messageId);
//! The same by seq, for the socket's `receipt.read {"conversation_id","seq"}`. The watermark
//! moves to the newest message at or below `seq` that the viewer may see, so it never covers
//! a message withheld from them (and a seq past the newest message is clamped to it). In a DM
//! with a block between the two, the change is stored but not announced to the other side.
[[nodiscard]] Status markReadUpTo(QSqlDatabase &db, const User &viewer, const QUuid &conversationId,
                                  qint64 seq);

//! Every member's delivered/read watermarks with their `joined_seq`; `not_found` for
//! non-members.
[[nodiscard]] Result<QList<Receipt>> receipts(QSqlDatabase &db, const User &viewer,
                                              const QUuid &conversationId);

} // namespace natter::server::chat
