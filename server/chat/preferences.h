// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversationpreferences.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QJsonObject>
#include <QSqlDatabase>

//! A member's own mute, pin and archive of a conversation (issue 18). Stored on the server so
//! every session of theirs agrees; each change is announced to their sockets on every process
//! as `conversation.preferences`.
namespace natter::server::chat {

//! Applies the PATCH body `{"muted_until"?: time|"forever"|null, "pinned"?: bool,
//! "archived"?: bool}` (absent keys unchanged; `null` unmutes). `not_found` for non-members.
[[nodiscard]] Result<ConversationPreferences> updatePreferences(QSqlDatabase &db,
                                                                const User &caller,
                                                                const QUuid &conversationId,
                                                                const QJsonObject &body);

} // namespace natter::server::chat
