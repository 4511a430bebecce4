// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "chat/messaging.h"

#include <QByteArray>

namespace natter::server::chat {

//! `{"messages":[...],"users":[...]}` written straight into bytes: the same members and values
//! as History::toJson() (Message::toJson(), User::toJson()), without a QJsonObject per row and a
//! QJsonDocument over the page. perf on the history benchmark showed the server's CPU going to
//! malloc/free and QCborValue (QJson's storage) rather than to the database.
[[nodiscard]] QByteArray encodeHistory(const History &history);

//! A socket frame carrying one message (`message.new`, `message.updated`, the ack of a send),
//! with the same members and values as Frame{type, id, {"message": message.toJson()}}
//! .serialize(): written once per message, then handed to every member's socket. `type` is an
//! event name of natter/events.h (plain ASCII, nothing to escape).
[[nodiscard]] QByteArray encodeMessageFrame(QLatin1StringView type, QStringView id,
                                            const Message &message);

} // namespace natter::server::chat
