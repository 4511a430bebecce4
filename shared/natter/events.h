// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QLatin1StringView>

//! The WebSocket event names of the contract, spelled once.
namespace natter::events {
using namespace Qt::Literals::StringLiterals;

// client -> server
inline constexpr auto kAuth = "auth"_L1;
inline constexpr auto kRoomJoin = "room.join"_L1;
inline constexpr auto kRoomLeave = "room.leave"_L1;
inline constexpr auto kMessageSend = "message.send"_L1;
inline constexpr auto kTypingStart = "typing.start"_L1;
inline constexpr auto kTypingStop = "typing.stop"_L1;
//! Issue 18: `typing.subscribe {"all": bool}`: typing of every conversation of the user, not
//! only of joined rooms (a conversation list that says "typing…").
inline constexpr auto kTypingSubscribe = "typing.subscribe"_L1;
inline constexpr auto kReceiptRead = "receipt.read"_L1;
inline constexpr auto kReceiptDelivered = "receipt.delivered"_L1;
inline constexpr auto kPing = "ping"_L1;

// server -> client
inline constexpr auto kAuthOk = "auth.ok"_L1;
//! About a minute before the socket's access token expires: send a fresh `auth` frame.
inline constexpr auto kAuthExpiring = "auth.expiring"_L1;
inline constexpr auto kAck = "ack"_L1;
inline constexpr auto kError = "error"_L1;
inline constexpr auto kPong = "pong"_L1;
inline constexpr auto kMessageNew = "message.new"_L1;
//! An edit, deletion or reaction change: `{"message"}` with the message as it now is.
inline constexpr auto kMessageUpdated = "message.updated"_L1;
inline constexpr auto kTyping = "typing"_L1;
inline constexpr auto kReceiptUpdated = "receipt.updated"_L1;
inline constexpr auto kRoomMemberJoined = "room.member_joined"_L1;
inline constexpr auto kRoomMemberLeft = "room.member_left"_L1;
inline constexpr auto kConversationNew = "conversation.new"_L1;
//! Issue 18: `{"conversation_id","muted","muted_until","pinned","archived","archived_at_seq"}`,
//! to the sockets of the member who changed them (their other sessions follow).
inline constexpr auto kConversationPreferences = "conversation.preferences"_L1;
//! Issue 18: `presence.watch {"user_ids":[...]}` (client) replaces what the socket watches;
//! `presence {"user_id","online","last_seen_at"}` (server) for a watched user, `online` null
//! when they hid it; `presence.privacy {"hidden"}` to the sockets of a user who changed it.
inline constexpr auto kPresenceWatch = "presence.watch"_L1;
inline constexpr auto kPresence = "presence"_L1;
inline constexpr auto kPresencePrivacy = "presence.privacy"_L1;
} // namespace natter::events
