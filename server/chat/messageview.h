// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"

#include <QSet>

//! One rule for what a viewer sees of a message others changed: a blocked user's reactions
//! are hidden like their messages, and a reply to a blocked user's message quotes nothing.
namespace natter::server::chat {

//! True when `blocked` hides something in `message` (a reaction or the quoted message).
[[nodiscard]] bool hidesSomething(const Message &message, const QSet<QUuid> &blocked);
//! `message` as a viewer who blocked `blocked` sees it.
[[nodiscard]] Message asSeenBy(Message message, const QSet<QUuid> &blocked);

} // namespace natter::server::chat
