// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QString>
#include <QUuid>

//! The contract's input rules, in one place for the REST handlers, the socket handlers and the
//! desktop app (which checks before sending, so the user sees the same words the server would).
namespace natter::limits {
inline constexpr int kUsernameMin = 3;
inline constexpr int kUsernameMax = 32;
inline constexpr int kDisplayNameMax = 64;
inline constexpr int kAvatarUrlMax = 2048;
inline constexpr int kMessageBodyMax = 4000;
inline constexpr int kReportReasonMax = 1000;
inline constexpr int kGroupTitleMax = 100;
inline constexpr int kClientMsgIdMax = 64;
inline constexpr int kSearchQueryMax = 64;
inline constexpr int kPageLimitDefault = 50;
inline constexpr int kPageLimitMax = 100;
inline constexpr int kSearchLimitMax = 50;
//! Request bodies past this are refused with 413 before they are read.
inline constexpr qint64 kMaxRequestBodyBytes = 64 * 1024;
} // namespace natter::limits

namespace natter::validation {

//! Lower-cased username when it follows the rules (3–32 of a-z 0-9 _, not reserved).
[[nodiscard]] Result<QString> username(const QString &field, const QString &input);
[[nodiscard]] bool isReservedUsername(const QString &lowerCaseName);
//! Trimmed display name: 1–64 characters, no control characters.
[[nodiscard]] Result<QString> displayName(const QString &field, const QString &input);
//! Message text: 1–4000 characters after trimming; returned as sent (untrimmed).
[[nodiscard]] Result<QString> messageBody(const QString &field, const QString &input);
//! Report reason: 1–1000 characters after trimming.
[[nodiscard]] Result<QString> reportReason(const QString &field, const QString &input);
//! Group title: 1–100 characters after trimming, no control characters.
[[nodiscard]] Result<QString> groupTitle(const QString &field, const QString &input);
//! Client message ids: 1–64 printable ASCII characters (UUIDs in practice).
[[nodiscard]] Result<QString> clientMsgId(const QString &field, const QString &input);
//! A canonical UUID string (with or without braces).
[[nodiscard]] Result<QUuid> uuid(const QString &field, const QString &input);
//! A `limit` query parameter: absent gives the default; otherwise within [1, max].
[[nodiscard]] Result<int> pageLimit(const QString &field, const QString &input, int defaultValue,
                                    int max);
//! A `seq` cursor: absent gives -1; otherwise a non-negative integer.
[[nodiscard]] Result<qint64> seqCursor(const QString &field, const QString &input);

//! Length in user-perceived units we count: Unicode code points, not UTF-16 units, so an emoji
//! counts once on every client.
[[nodiscard]] qsizetype codePointCount(const QString &text);

} // namespace natter::validation
