// SPDX-License-Identifier: Apache-2.0
#include "auth/idtoken.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr qint64 kClockSkewSeconds = 60;
constexpr int kMinRsaBits = 2048;

template <auto Free> struct Deleter
{
    template <typename T> void operator()(T *pointer) const { Free(pointer); }
};
using BigNum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using ParamBuilder = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using Params = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using KeyContext = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using DigestContext = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;

QByteArray fromBase64Url(const QString &text)
{
    auto decoded = QByteArray::fromBase64Encoding(
        text.toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    return decoded ? *decoded : QByteArray();
}

BigNum bigNum(const QByteArray &bytes)
{
    return BigNum(BN_bin2bn(reinterpret_cast<const unsigned char *>(bytes.constData()),
                            int(bytes.size()), nullptr));
}

Key rsaPublicKey(const QJsonObject &jwk)
{
    const QByteArray n = fromBase64Url(jwk.value(u"n"_s).toString());
    const QByteArray e = fromBase64Url(jwk.value(u"e"_s).toString());
    if (n.isEmpty() || e.isEmpty())
        return nullptr;
    BigNum modulus = bigNum(n);
    BigNum exponent = bigNum(e);
    ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!modulus || !exponent || !builder ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()))
        return nullptr;
    Params params(OSSL_PARAM_BLD_to_param(builder.get()));
    KeyContext context(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !context || EVP_PKEY_fromdata_init(context.get()) != 1 ||
        EVP_PKEY_fromdata(context.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1)
        return nullptr;
    Key key(raw);
    if (EVP_PKEY_get_bits(key.get()) < kMinRsaBits)
        return nullptr;
    return key;
}

IdTokenVerifier::Failure invalid(const QString &why)
{
    return {ApiError::badRequest(u"The provider's ID token was not accepted (%1)."_s.arg(why)),
            false};
}

bool audienceMatches(const QJsonObject &claims, const QString &clientId)
{
    const QJsonValue aud = claims.value(u"aud"_s);
    if (aud.isString())
        return aud.toString() == clientId;
    if (!aud.isArray())
        return false;
    const QJsonArray audiences = aud.toArray();
    if (!audiences.contains(clientId))
        return false;
    // Several audiences: the token must have been issued to us (OIDC Core §3.1.3.7 items 4-5).
    return audiences.size() == 1 || claims.value(u"azp"_s).toString() == clientId;
}

} // namespace

bool verifyRs256(const QJsonObject &jwk, const QByteArray &signingInput,
                 const QByteArray &signature)
{
    if (jwk.value(u"kty"_s).toString() != "RSA"_L1)
        return false;
    if (jwk.contains(u"use"_s) && jwk.value(u"use"_s).toString() != "sig"_L1)
        return false;
    if (jwk.contains(u"alg"_s) && jwk.value(u"alg"_s).toString() != "RS256"_L1)
        return false;
    Key key = rsaPublicKey(jwk);
    DigestContext digest(EVP_MD_CTX_new());
    if (!key || !digest ||
        EVP_DigestVerifyInit(digest.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1)
        return false;
    return EVP_DigestVerify(digest.get(),
                            reinterpret_cast<const unsigned char *>(signature.constData()),
                            size_t(signature.size()),
                            reinterpret_cast<const unsigned char *>(signingInput.constData()),
                            size_t(signingInput.size())) == 1;
}

std::variant<QJsonObject, IdTokenVerifier::Failure>
IdTokenVerifier::verify(const QString &token, const QJsonObject &jwks,
                        const IdTokenExpectations &expected)
{
    const QStringList parts = token.split(u'.');
    if (token.size() > 16384 || parts.size() != 3)
        return invalid(u"malformed"_s);
    const QJsonObject header = QJsonDocument::fromJson(fromBase64Url(parts[0])).object();
    if (header.value(u"alg"_s).toString() != "RS256"_L1)
        return invalid(u"algorithm"_s);
    const QString kid = header.value(u"kid"_s).toString();
    const QJsonArray keys = jwks.value(u"keys"_s).toArray();
    QJsonObject jwk;
    int candidates = 0;
    for (const auto &value : keys) {
        const QJsonObject key = value.toObject();
        if (key.value(u"kty"_s).toString() != "RSA"_L1)
            continue;
        if (kid.isEmpty() || key.value(u"kid"_s).toString() == kid) {
            jwk = key;
            ++candidates;
        }
    }
    // Without a kid only a JWKS of exactly one RSA key is unambiguous.
    if (candidates != 1)
        return Failure{ApiError::badRequest(u"The provider's ID token was not accepted (key)."_s),
                       candidates == 0};
    const QByteArray signature = fromBase64Url(parts[2]);
    if (signature.isEmpty() ||
        !verifyRs256(jwk, (parts[0] + u'.' + parts[1]).toLatin1(), signature))
        return invalid(u"signature"_s);

    const QJsonObject claims = QJsonDocument::fromJson(fromBase64Url(parts[1])).object();
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 expires = claims.value(u"exp"_s).toInteger(0);
    const qint64 issuedAt = claims.value(u"iat"_s).toInteger(0);
    if (claims.value(u"iss"_s).toString() != expected.issuer)
        return invalid(u"issuer"_s);
    if (!audienceMatches(claims, expected.clientId))
        return invalid(u"audience"_s);
    if (expires <= 0 || expires + kClockSkewSeconds < now)
        return invalid(u"expired"_s);
    if (issuedAt <= 0 || issuedAt > now + kClockSkewSeconds)
        return invalid(u"issued at"_s);
    if (claims.contains(u"nbf"_s) && claims.value(u"nbf"_s).toInteger(0) > now + kClockSkewSeconds)
        return invalid(u"not yet valid"_s);
    if (expected.nonce.isEmpty() || claims.value(u"nonce"_s).toString() != expected.nonce)
        return invalid(u"nonce"_s);
    if (claims.value(u"sub"_s).toString().isEmpty())
        return invalid(u"subject"_s);
    return claims;
}

} // namespace natter::server
