// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QCryptographicHash>
#include <QJsonObject>
#include <QString>

namespace natter::testing {

//! The signing key ServerProcess gives the server, so tests can forge what an attacker who
//! knows nothing of it could not, and vary one thing at a time.
inline constexpr auto kTestSigningKey = "test-signing-key-that-is-at-least-32-bytes-long";

[[nodiscard]] QByteArray base64Url(const QByteArray &bytes);
[[nodiscard]] QByteArray fromBase64Url(const QByteArray &text);

//! A JWT with any header and payload, signed with HMAC-`algorithm` over `key`; an empty
//! signature when `algorithm` is not given (for `alg: none`).
[[nodiscard]] QString forgeJwt(const QJsonObject &header, const QJsonObject &payload,
                               const QByteArray &key,
                               std::optional<QCryptographicHash::Algorithm> algorithm);
//! The claims Natter's own tokens carry, for `sub`, valid now, of type `typ`.
[[nodiscard]] QJsonObject natterClaims(const QString &userId, const QString &typ);
//! Decodes the payload of a JWT without checking anything.
[[nodiscard]] QJsonObject jwtPayload(const QString &token);

} // namespace natter::testing
