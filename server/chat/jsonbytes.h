// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QStringView>
#include <QUuid>

//! JSON values written straight into a byte buffer, for replies built on the hot path (a history
//! page: 50 messages, each with several strings, ids and timestamps). Each function writes what
//! QJsonDocument::toJson(Compact) writes for the same value, so the contract cannot drift; perf
//! put a third of a page's encoding in QString::toUtf8, QDateTime::toString and
//! QUuid::toByteArray, each allocating a temporary per value (docs/architecture.md).
namespace natter::server::jsonbytes {

//! `text` as a JSON string: UTF-8; `"`, `\` and control characters escaped (`\b \f \n \r \t`,
//! the others as `\u00XX`); an unpaired surrogate as `\uXXXX`, as QJsonDocument writes it.
void appendString(QByteArray &out, QStringView text);

//! `time` as the JSON string formatTimestamp() gives: UTC, `yyyy-MM-ddTHH:mm:ss.zzzZ`.
void appendTimestamp(QByteArray &out, const QDateTime &time);

//! `id` as a JSON string without braces, lower-case, as QUuid::toString(WithoutBraces).
void appendUuid(QByteArray &out, const QUuid &id);

//! `value` as a JSON number.
void appendInteger(QByteArray &out, qint64 value);

} // namespace natter::server::jsonbytes
