// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"

namespace natter::desktop {

//! A group's picture (#18): the conversation's `avatar_url`, a members-only
//! `/api/v1/conversations/{id}/avatar/{avatar_id}` that Avatar.qml loads with the token; empty
//! for DMs (they show the other person's picture) and groups without one (initials then).
[[nodiscard]] inline QString groupPictureOf(const Conversation &conversation)
{
    return conversation.type == ConversationType::Group ? conversation.avatarUrl : QString();
}

} // namespace natter::desktop
