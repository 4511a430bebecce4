// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"

#include <QDateTime>

//! How the caller's mute, pin and archive (#18) decide a conversation's place in the list, as
//! the web app's lib/conversationPreferences.ts decides it.
namespace natter::desktop::conversationstate {

//! Muted now: a mute whose end has passed is over, whatever the last snapshot said.
[[nodiscard]] bool isMuted(const Conversation &conversation,
                           const QDateTime &now = QDateTime::currentDateTimeUtc());
//! Out of the list: archived and nothing newer arrived since, unless muted (a muted chat stays
//! archived). Applied here too, so a message that arrives live brings it back at once.
[[nodiscard]] bool isArchived(const Conversation &conversation,
                              const QDateTime &now = QDateTime::currentDateTimeUtc());
//! The list's order: pinned first, then by latest activity.
[[nodiscard]] bool listsBefore(const Conversation &a, const Conversation &b);
//! The newest message's time, or the creation time when there is none.
[[nodiscard]] QDateTime activityOf(const Conversation &conversation);
//! The soonest end of a mute still running among `conversations`; invalid when none.
[[nodiscard]] QDateTime nextMuteEnd(const QList<Conversation> &conversations,
                                    const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace natter::desktop::conversationstate
