// SPDX-License-Identifier: Apache-2.0
#include "auth/pkcechallenge.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace natter::desktop {
namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

} // namespace

Pkce Pkce::generate()
{
    QByteArray random(32, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()),
                                          random.size() / int(sizeof(quint32)));
    Pkce pkce;
    pkce.verifier = QString::fromLatin1(random.toBase64(kBase64Url));
    pkce.challenge = challengeFor(pkce.verifier);
    return pkce;
}

QString Pkce::challengeFor(const QString &verifier)
{
    const QByteArray digest =
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256);
    return QString::fromLatin1(digest.toBase64(kBase64Url));
}

} // namespace natter::desktop
