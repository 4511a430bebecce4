// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"
#include "natter/systemevent.h"

#include <QSqlDatabase>

//! System lines in a group's timeline (issue 18): "Ana added Cara", "Ben left". Each is stored
//! as a message of kind "system" with the conversation's next seq, in the transaction of the
//! change it records, and announced as `message.new` like any message, so every member's
//! socket on every process, and every later page of history, has it in order.
namespace natter::server::chat {

//! Words `event` as a sentence with the display names as they are now, stores it and publishes
//! it. Call inside the change's transaction, with the conversation row locked.
[[nodiscard]] Result<Message> recordSystemLine(QSqlDatabase &db, const QUuid &conversationId,
                                               const SystemEvent &event);

} // namespace natter::server::chat
