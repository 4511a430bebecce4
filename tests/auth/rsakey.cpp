// SPDX-License-Identifier: Apache-2.0
#include "rsakey.h"

#include "jwtforge.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

struct RsaKey::Private
{
    EVP_PKEY *key = nullptr;
};

RsaKey::RsaKey(int bits) : d(std::make_unique<Private>())
{
    d->key = EVP_RSA_gen(static_cast<unsigned int>(bits));
}

RsaKey::~RsaKey()
{
    EVP_PKEY_free(d->key);
}

bool RsaKey::isValid() const
{
    return d->key != nullptr;
}

QJsonObject RsaKey::publicJwk(const QString &kid) const
{
    const auto component = [this](const char *name) {
        BIGNUM *number = nullptr;
        if (EVP_PKEY_get_bn_param(d->key, name, &number) != 1)
            return QByteArray();
        QByteArray bytes(BN_num_bytes(number), Qt::Uninitialized);
        BN_bn2bin(number, reinterpret_cast<unsigned char *>(bytes.data()));
        BN_free(number);
        return bytes;
    };
    return {{u"kty"_s, u"RSA"_s},
            {u"kid"_s, kid},
            {u"use"_s, u"sig"_s},
            {u"alg"_s, u"RS256"_s},
            {u"n"_s, QString::fromLatin1(base64Url(component(OSSL_PKEY_PARAM_RSA_N)))},
            {u"e"_s, QString::fromLatin1(base64Url(component(OSSL_PKEY_PARAM_RSA_E)))}};
}

QByteArray RsaKey::signRs256(const QByteArray &data) const
{
    EVP_MD_CTX *context = EVP_MD_CTX_new();
    size_t length = 0;
    QByteArray signature;
    if (EVP_DigestSignInit(context, nullptr, EVP_sha256(), nullptr, d->key) == 1 &&
        EVP_DigestSign(context, nullptr, &length,
                       reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) == 1) {
        signature.resize(qsizetype(length));
        if (EVP_DigestSign(context, reinterpret_cast<unsigned char *>(signature.data()), &length,
                           reinterpret_cast<const unsigned char *>(data.constData()),
                           size_t(data.size())) != 1)
            signature.clear();
        signature.resize(qsizetype(length));
    }
    EVP_MD_CTX_free(context);
    return signature;
}

} // namespace natter::testing
