// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QJsonObject>
#include <QString>

#include <variant>

namespace natter::server {

//! What an ID token must say to be believed (OpenID Connect Core §3.1.3.7).
struct IdTokenExpectations
{
    QString issuer;
    QString clientId;
    QString nonce;
};

//! Checks an OIDC ID token: RS256 only (the algorithm is pinned, whatever the header says),
//! signed by an RSA key of at least 2048 bits from the provider's JWKS chosen by `kid`, then
//! `iss`, `aud` (and `azp` when there are several audiences), `exp`, `iat` and `nonce`.
//! Returns the claims, or why not and whether refetching the JWKS might help.
class IdTokenVerifier final
{
public:
    struct Failure
    {
        ApiError error;
        bool unknownKey =
            false; //!< the JWKS has no key with the token's `kid`: it may have rotated
    };

    [[nodiscard]] static std::variant<QJsonObject, Failure>
    verify(const QString &token, const QJsonObject &jwks, const IdTokenExpectations &expected);
};

//! Verifies an RS256 signature over `signingInput` with an RSA JWK (`kty`,`n`,`e`).
[[nodiscard]] bool verifyRs256(const QJsonObject &jwk, const QByteArray &signingInput,
                               const QByteArray &signature);

} // namespace natter::server
