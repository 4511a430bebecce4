// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"

#include <QList>
#include <QString>
#include <QUuid>

#include <optional>

//! The columns of rows::kMessageColumns that arrive as text to be parsed (mentions as a uuid[]
//! literal, the reply preview and the reactions as JSON), shared by rows::message() and the
//! readers that take cells straight from libpq (PgRows), so both read them the same way.
namespace natter::server::rows {

//! `{a,b}`: a uuid[] column read as text.
[[nodiscard]] QList<QUuid> uuidList(QStringView text);
//! The replied-to message's preview; nullopt for a null `json` (no reply).
[[nodiscard]] std::optional<ReplyPreview> replyPreview(const QString &json);
//! The reactions, grouped by emoji; empty for a null `json`.
[[nodiscard]] QList<Reaction> reactions(const QString &json);

} // namespace natter::server::rows
