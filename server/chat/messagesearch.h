// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

#include <optional>

//! `GET /api/v1/search/messages`: full-text search of the caller's conversations.
namespace natter::server::chat {

struct SearchResult
{
    Message message;
    QString snippet; //!< HTML: escaped text, hits inside <mark>…</mark>
};

//! The to_tsquery text for what a user typed: every word (letters and digits; anything else
//! separates words) as a prefix, all of them required: "caf cr" -> "caf:* & cr:*". nullopt
//! when nothing searchable is left. Case and accents are left to the text search
//! configuration, which folds both.
[[nodiscard]] std::optional<QString> prefixQuery(const QString &typed);
//! ts_headline's text with marker characters around hits -> escaped HTML with <mark>.
[[nodiscard]] QString snippetHtml(const QString &marked);

//! Messages matching `typed` (1–64 characters after trimming) in the caller's conversations
//! (only `conversationId`'s when not null; `not_found` when the caller is not in it), newest
//! first, older than the message `beforeId` when not null. Deleted messages and those a block
//! hides from the caller never come back.
[[nodiscard]] Result<QList<SearchResult>> searchMessages(QSqlDatabase &db, const User &caller,
                                                         const QString &typed,
                                                         const QUuid &conversationId,
                                                         const QUuid &beforeId, int limit);

} // namespace natter::server::chat
