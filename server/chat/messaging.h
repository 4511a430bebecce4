// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/receipt.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QList>
#include <QSqlDatabase>

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
//! (empty: none), checks that `sender` is a member (`not_found` otherwise) and, in a DM, that
//! neither side blocked the other (`forbidden`); stores the message with the conversation's
//! next seq and publishes `message.new`. A retry with the same `clientMsgId` returns the first
//! message with `created` false and publishes nothing; the same id reused for another
//! conversation is a `conflict`.
[[nodiscard]] Result<SendOutcome> sendMessage(QSqlDatabase &db, const User &sender,
                                              const QUuid &conversationId, const QString &bodyText,
                                              const QString &clientMsgId);

//! Which page of history: newest first below `before` (or from the newest when both cursors
//! are absent), or oldest first above `after`.
struct HistoryPage
{
    qint64 before = -1; //!< -1: absent
    qint64 after = -1;  //!< -1: absent; when set, `before` is ignored
    int limit = 50;
};

//! A page of the conversation's history as `viewer` may see it (messages of users the viewer
//! blocked are left out); `not_found` for non-members.
[[nodiscard]] Result<QList<Message>> history(QSqlDatabase &db, const User &viewer,
                                             const QUuid &conversationId, const HistoryPage &page);

//! Moves the viewer's read watermark up to the message `messageId` (never down) and publishes
//! `receipt.updated` when it moved. `not_found` when the message does not exist or the viewer
//! cannot see it.
[[nodiscard]] Status markRead(QSqlDatabase &db, const User &viewer, const QUuid &messageId);
//! The same by seq, for the socket's `receipt.read {"conversation_id","seq"}`; a seq past the
//! newest message is clamped to it.
[[nodiscard]] Status markReadUpTo(QSqlDatabase &db, const User &viewer, const QUuid &conversationId,
                                  qint64 seq);

//! Every member's delivered/read watermarks; `not_found` for non-members.
[[nodiscard]] Result<QList<Receipt>> receipts(QSqlDatabase &db, const User &viewer,
                                              const QUuid &conversationId);

} // namespace natter::server::chat
