// SPDX-License-Identifier: Apache-2.0
#include "auth/oauthsecrets.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace natter::server::pkce {
namespace {

constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool allOf(const QString &text, bool (*allowed)(QChar))
{
    for (const QChar ch : text) {
        if (!allowed(ch))
            return false;
    }
    return true;
}

bool isBase64UrlChar(QChar ch)
{
    return (ch >= u'A' && ch <= u'Z') || (ch >= u'a' && ch <= u'z') || (ch >= u'0' && ch <= u'9') ||
           ch == u'-' || ch == u'_';
}

bool isUnreservedChar(QChar ch)
{
    return isBase64UrlChar(ch) || ch == u'.' || ch == u'~';
}

} // namespace

QString randomToken(int bytes)
{
    QByteArray random(bytes, Qt::Uninitialized);
    // QRandomGenerator::system() reads the operating system's CSPRNG.
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(random.data()),
                                          random.size() / qsizetype(sizeof(quint32)));
    return QString::fromLatin1(random.toBase64(kBase64Url));
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
            .toBase64(kBase64Url));
}

bool isValidVerifier(const QString &verifier)
{
    return verifier.size() >= 43 && verifier.size() <= 128 && allOf(verifier, isUnreservedChar);
}

bool isValidChallenge(const QString &challenge)
{
    return challenge.size() == 43 && allOf(challenge, isBase64UrlChar);
}

bool isRandomToken(const QString &token)
{
    return token.size() == 43 && allOf(token, isBase64UrlChar);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char difference = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        difference |= static_cast<unsigned char>(a[i] ^ b[i]);
    return difference == 0;
}

QString hashHex(const QString &secret)
{
    return QString::fromLatin1(
        QCryptographicHash::hash(secret.toUtf8(), QCryptographicHash::Sha256).toHex());
}

} // namespace natter::server::pkce
