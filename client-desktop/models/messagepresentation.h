// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"

#include <QSet>
#include <QVariantList>
#include <QVariantMap>

namespace natter::desktop {

class UserDirectory;

//! How the conversation features of a message (#12) are handed to QML: reaction chips, the
//! quoted message of a reply, the usernames its mentions highlight. Kept apart from the list
//! model, which only decides which message sits in which row.
namespace presentation {

//! One chip per emoji: `{"emoji","count","mine","who"}`, `who` naming everyone who reacted
//! ("Alice, Bob and you"), in the order the emojis were first used.
[[nodiscard]] QVariantList reactionChips(const QList<Reaction> &reactions, const QUuid &me,
                                         const UserDirectory *directory);
//! `{"id","seq","senderName","text","deleted"}` of the message a reply answers; empty when the
//! message is not a reply.
[[nodiscard]] QVariantMap replyQuote(const Message &message, const UserDirectory *directory);
//! The lower-cased usernames of the members the message mentions (known to the directory).
[[nodiscard]] QSet<QString> mentionedUsernames(const Message &message,
                                               const UserDirectory *directory);

} // namespace presentation
} // namespace natter::desktop
