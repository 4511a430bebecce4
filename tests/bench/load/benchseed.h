// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <optional>

//! The benchmark's people and groups, written straight into the database (thousands of
//! sign-ups through REST would measure sign-up, not messaging) with ids every tool can
//! compute: user i is md5('nb-u-i')::uuid, group g is md5('nb-c-g')::uuid, users 10g..10g+9
//! its members (10g its admin), and one more group `nb-h` of users 0..9 holds a long history.
namespace natter::bench::seed {

inline constexpr int kGroupSize = 10;
inline constexpr int kHistoryMessages = 10'000;

[[nodiscard]] QString userId(int index);
[[nodiscard]] QString groupId(int group);
[[nodiscard]] QString historyGroupId();

//! Creates `users` users (rounded up to whole groups) and their groups, and the history group;
//! nothing that exists already. Returns the error text on failure.
[[nodiscard]] std::optional<QString> populate(const QString &databaseUrl, int users);

//! Access tokens for users 0..count-1, signed with the server's key (NATTER_JWT_SIGNING_KEY).
[[nodiscard]] QStringList tokens(const QByteArray &signingKey, int count);

} // namespace natter::bench::seed
