// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/presencerepository.h"
#include "natter/conversationpreferences.h"
#include "natter/message.h"
#include "natter/receipt.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

//! Publishing of realtime events. Each function runs `pg_notify` on the caller's connection,
//! inside the caller's transaction: PostgreSQL delivers the notification to every server
//! process at commit, in commit order, and never for a change that was rolled back. That is
//! what lets several natter-server processes on one database behave as one.
namespace natter::server::realtime {

//! The channel every process LISTENs on.
inline constexpr auto kEventChannel = "natter_events";

//! `pg_notify` of one event on `db`, inside its transaction: the PostgreSQL bus's way in.
//! Every publish function below goes through the process's EventBus (eventbus.h), or here
//! when there is none.
[[nodiscard]] Status notifyPostgres(QSqlDatabase &db, const QByteArray &payload);

[[nodiscard]] Status publishMessageNew(QSqlDatabase &db, const Message &message);
//! A group commit's messages, as small notifications of seq ranges per conversation (as few
//! as fit in a payload; usually one per batch). `origin` names the process that wrote them:
//! it fans them out itself, straight after COMMIT, and skips its own notification; every other
//! process reads the ranges once and fans them out to its sockets.
[[nodiscard]] Status publishMessageBatch(QSqlDatabase &db, const QString &origin,
                                         const QList<Message> &messages);
//! A message of the conversation changed (edit, deletion, reaction) with change number `rev`:
//! every process reads the conversation's changes after the last one it fanned out and sends
//! them as `message.updated` (realtime/changefeed.h).
[[nodiscard]] Status publishMessageChanged(QSqlDatabase &db, const QUuid &conversationId,
                                           qint64 rev);
[[nodiscard]] Status publishReceipt(QSqlDatabase &db, const Receipt &receipt);
[[nodiscard]] Status publishMemberJoined(QSqlDatabase &db, const QUuid &conversationId,
                                         const User &user);
[[nodiscard]] Status publishMemberLeft(QSqlDatabase &db, const QUuid &conversationId,
                                       const QUuid &userId);
//! Tells `userId`'s sockets that they were added to a conversation. Carries the
//! conversation's last seq as this transaction sees it, where the new member's sockets start.
[[nodiscard]] Status publishConversationNew(QSqlDatabase &db, const QUuid &conversationId,
                                            const QUuid &userId);
//! A block was made (`blocked` true) or lifted: sockets of `blockerId` start or stop
//! dropping `blockedId`'s messages. Call inside the transaction that changes `blocks`.
[[nodiscard]] Status publishBlockChanged(QSqlDatabase &db, const QUuid &blockerId,
                                         const QUuid &blockedId, bool blocked);
//! A sign-in (refresh family) ended: every process closes its sockets with 4003.
[[nodiscard]] Status publishSessionRevoked(QSqlDatabase &db, const QUuid &familyId);
//! Every sign-in of a user ended (suspended, deleted): one notification for the user rather
//! than one per family, so every socket of theirs closes with 4003 whichever sign-in opened it.
[[nodiscard]] Status publishUserSessionsEnded(QSqlDatabase &db, const QUuid &userId);
//! `userId` changed their mute, pin or archive of a conversation: their sockets on every
//! process get `conversation.preferences` (issue 18).
[[nodiscard]] Status publishPreferences(QSqlDatabase &db, const QUuid &userId,
                                        const QUuid &conversationId,
                                        const ConversationPreferences &preferences);
//! A user's presence as others may see it (realtime/presencetracker.h): their watchers on
//! every process get `presence`.
[[nodiscard]] Status publishPresence(QSqlDatabase &db, const PresenceState &state);
//! A user hid or showed their presence: their watchers see nothing more (or their state
//! again), their own sockets get `presence.privacy`.
[[nodiscard]] Status publishPresenceHidden(QSqlDatabase &db, const QUuid &userId, bool hidden);
//! Typing is not stored: this notifies at once (outside any transaction).
[[nodiscard]] Status publishTyping(QSqlDatabase &db, const QUuid &conversationId,
                                   const QUuid &userId, bool typing);

//! Internal event types that are not sent to clients as such.
inline constexpr auto kBlockChanged = "block.changed";
//! `{"type":"message.batch","origin","ranges":[{"conversation_id","from","to"}]}`.
inline constexpr auto kMessageBatch = "message.batch";
//! `{"type":"message.changed","conversation_id","rev"}`.
inline constexpr auto kMessageChanged = "message.changed";
//! A sign-in ended (`family_id`): its sockets close with 4003 (auth/sessionstore.cpp sends it).
inline constexpr auto kSessionRevoked = "session.revoked";
//! Every sign-in of a user ended (`user_id`: suspended or deleted): all their sockets close
//! with 4003 (auth/accountstate.cpp sends it).
inline constexpr auto kUserSessionsEnded = "user.sessions_ended";
//! `{"type":"presence.hidden","user_id","hidden"}`.
inline constexpr auto kPresenceHidden = "presence.hidden";

} // namespace natter::server::realtime
