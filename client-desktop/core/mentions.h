// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "core/messageformat.h"

#include <QSet>
#include <QString>

namespace natter::desktop::format {

//! Turns `@username` in the text pieces of `blocks` into Mention pieces, for the usernames in
//! `usernames` only (lower case: the members the server stored as the message's mentions).
//! The rule is the server's (migration 0020, natter_mentions): an `@` right after a letter,
//! digit or `_` is not a mention (e-mail addresses), the name runs to the first character that
//! cannot be in a username, case does not matter. Code is left alone.
[[nodiscard]] QList<Block> markMentions(QList<Block> blocks, const QSet<QString> &usernames);

} // namespace natter::desktop::format
