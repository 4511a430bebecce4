// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

//! Random one-time values of the sign-in flows and PKCE (RFC 7636), in one place so every
//! state, nonce, verifier and code is made and compared the same way.
namespace natter::server::pkce {

//! `bytes` from the operating system's CSPRNG, base64url without padding.
[[nodiscard]] QString randomToken(int bytes = 32);
//! BASE64URL(SHA256(verifier)): the S256 code challenge.
[[nodiscard]] QString s256(const QString &verifier);
//! RFC 7636 §4.1: 43–128 characters of A-Z a-z 0-9 - . _ ~
[[nodiscard]] bool isValidVerifier(const QString &verifier);
//! An S256 challenge: exactly 43 base64url characters.
[[nodiscard]] bool isValidChallenge(const QString &challenge);
//! One of our own random tokens (43 base64url characters), before it is looked up.
[[nodiscard]] bool isRandomToken(const QString &token);
//! Compares secrets without leaking where they differ through timing.
[[nodiscard]] bool constantTimeEquals(const QByteArray &a, const QByteArray &b);
//! SHA-256 of a one-time secret as hex, for storage and lookup.
[[nodiscard]] QString hashHex(const QString &secret);

} // namespace natter::server::pkce
