// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QJsonObject>

#include <memory>

namespace natter::testing {

//! An RSA key pair of the test's own provider (OpenSSL's libcrypto), published as a JWK and
//! used to sign RS256 ID tokens.
class RsaKey final
{
public:
    explicit RsaKey(int bits = 2048);
    ~RsaKey();
    RsaKey(const RsaKey &) = delete;
    RsaKey &operator=(const RsaKey &) = delete;

    [[nodiscard]] bool isValid() const;
    //! `{"kty":"RSA","kid","use":"sig","alg":"RS256","n","e"}`
    [[nodiscard]] QJsonObject publicJwk(const QString &kid) const;
    [[nodiscard]] QByteArray signRs256(const QByteArray &data) const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace natter::testing
