// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace natter::desktop {

//! RFC 7636 proof key: a random verifier and its S256 challenge.
struct Pkce
{
    QString verifier;  //!< 43 characters of base64url, from 32 random bytes
    QString challenge; //!< base64url(SHA-256(verifier)), no padding

    [[nodiscard]] static Pkce generate();
    [[nodiscard]] static QString challengeFor(const QString &verifier);
};

} // namespace natter::desktop
