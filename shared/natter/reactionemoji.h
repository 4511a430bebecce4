// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QString>

namespace natter::limits {
//! UTF-8 bytes of one reaction at most (a family emoji with skin tones is about 25).
inline constexpr int kReactionEmojiMaxBytes = 32;
//! Different emojis on one message at most; who adds a 21st gets `conflict`.
inline constexpr int kReactionEmojisPerMessage = 20;
} // namespace natter::limits

namespace natter::validation {

//! A reaction: exactly one grapheme (one user-perceived character, so a flag, a keycap or an
//! emoji with skin tone and joiners counts once), at most 32 bytes of UTF-8, and an emoji or
//! symbol, not a letter, digit, space or punctuation ("a" or "1" is refused, "1️⃣" is not).
[[nodiscard]] Result<QString> reactionEmoji(const QString &field, const QString &input);

} // namespace natter::validation
