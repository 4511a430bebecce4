// SPDX-License-Identifier: Apache-2.0
#include "adminfixture.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

Person signUp(const ServerProcess &server, const QString &username)
{
    const SignIn signIn = devLogin(server, username);
    Person person{signIn.userId, username, signIn.access, signIn.refresh};
    HttpClient client;
    client.setBearer(signIn.access);
    const HttpResponse claimed =
        client.put(server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, username}});
    if (claimed.status != 200)
        qWarning("claiming %s answered %d %s", qPrintable(username), claimed.status,
                 claimed.body.constData());
    return person;
}

HttpResponse call(const ServerProcess &server, const QByteArray &method, const QString &path,
                  const QString &token, const QJsonObject &body)
{
    HttpClient client;
    if (!token.isEmpty())
        client.setBearer(token);
    const QByteArray bytes =
        body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(QJsonDocument::Compact);
    return client.send(method, server.url(path), bytes, "application/json");
}

} // namespace natter::testing
