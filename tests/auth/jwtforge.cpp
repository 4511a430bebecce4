// SPDX-License-Identifier: Apache-2.0
#include "jwtforge.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

QByteArray base64Url(const QByteArray &bytes)
{
    return bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray fromBase64Url(const QByteArray &text)
{
    return QByteArray::fromBase64(text,
                                  QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QString forgeJwt(const QJsonObject &header, const QJsonObject &payload, const QByteArray &key,
                 std::optional<QCryptographicHash::Algorithm> algorithm)
{
    const QByteArray signingInput =
        base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact));
    QByteArray signature;
    if (algorithm)
        signature = QMessageAuthenticationCode::hash(signingInput, key, *algorithm);
    return QString::fromLatin1(signingInput + '.' + base64Url(signature));
}

QJsonObject natterClaims(const QString &userId, const QString &typ)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    return {{u"iss"_s, u"natter"_s},
            {u"sub"_s, userId},
            {u"jti"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {u"typ"_s, typ},
            {u"iat"_s, now},
            {u"nbf"_s, now},
            {u"exp"_s, now + 600}};
}

QJsonObject jwtPayload(const QString &token)
{
    const QList<QByteArray> parts = token.toLatin1().split('.');
    return parts.size() == 3 ? QJsonDocument::fromJson(fromBase64Url(parts[1])).object()
                             : QJsonObject();
}

} // namespace natter::testing
