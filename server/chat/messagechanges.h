// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

//! Edits, deletions and reactions: the one implementation behind the REST routes. Each runs in
//! one transaction that takes the conversation's next change number (`rev`), stores the change
//! and publishes `message.changed`, so every server process fans the new state out as
//! `message.updated` exactly when it is committed.
//!
//! Who may do what: a message is `not_found` for non-members and for a viewer it is hidden
//! from (sent by someone the viewer blocked, or withheld from them); only its sender edits it
//! (`forbidden` otherwise); its sender or an admin of the group deletes it; any member who
//! can see it reacts. A deleted message cannot be edited or reacted to (`conflict`).
namespace natter::server::chat {

//! `body_text` as for a send; the same text again changes nothing (no new rev).
[[nodiscard]] Result<Message> editMessage(QSqlDatabase &db, const User &caller,
                                          const QUuid &messageId, const QString &bodyText);
//! Deleting a deleted message is done already: no error, no new rev.
[[nodiscard]] Status deleteMessage(QSqlDatabase &db, const User &caller, const QUuid &messageId);
//! An instance admin's removal of a reported message: the same deletion as its sender's (it
//! keeps its place as "message deleted", members get `message.updated`), without the member
//! check. Runs inside the caller's transaction.
[[nodiscard]] Status deleteMessageAsModerator(QSqlDatabase &db, const QUuid &messageId);
//! Adds (`add` true) or removes the caller's `emoji`; doing what is already so changes
//! nothing. A 21st different emoji on one message is a `conflict`.
[[nodiscard]] Status setReaction(QSqlDatabase &db, const User &caller, const QUuid &messageId,
                                 const QString &emoji, bool add);

//! Messages of a conversation changed after change `afterRev`, as the caller may see them,
//! oldest change first; `lastRev` is the change the answer brings the caller up to (ask again
//! from it when `messages` came back full).
struct Changes
{
    QList<Message> messages;
    qint64 lastRev = 0;
};
[[nodiscard]] Result<Changes> changesAfter(QSqlDatabase &db, const User &caller,
                                           const QUuid &conversationId, qint64 afterRev, int limit);

} // namespace natter::server::chat
