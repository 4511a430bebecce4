// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"

namespace natter::desktop {

//! A group's picture (#18): the conversation's `avatar_url`, a members-only
//! `/api/v1/conversations/{id}/avatar/{avatar_id}` that Avatar.qml loads with the token; empty
//! for DMs and groups without one (initials then).
//! The field comes with the groups branch (Conversation::avatarUrl in shared/, built in
//! parallel with this one): until both are merged there is nothing to read, and the
//! initials show. Once merged this is simply `conversation.avatarUrl`.
template <typename C = Conversation> [[nodiscard]] QString groupPictureOf(const C &conversation)
{
    if constexpr (requires { conversation.avatarUrl; }) {
        return conversation.type == ConversationType::Group ? QString(conversation.avatarUrl)
                                                            : QString();
    } else {
        return {};
    }
}

} // namespace natter::desktop
