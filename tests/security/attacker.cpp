// SPDX-License-Identifier: Apache-2.0
#include "attacker.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

SignIn devLogin(const ServerProcess &server, const QString &name, const QByteArray &forwardedFor)
{
    HttpClient client;
    if (!forwardedFor.isEmpty())
        client.setHeader("X-Forwarded-For", forwardedFor);
    SignIn signIn;
    signIn.response = client.postJson(server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, name}});
    signIn.status = signIn.response.status;
    const QJsonObject body = signIn.response.json();
    signIn.userId = body[u"user"_s][u"id"_s].toString();
    signIn.access = body.value(u"access_token"_s).toString();
    signIn.refresh = body.value(u"refresh_token"_s).toString();
    return signIn;
}

QUrl webSocketUrl(const ServerProcess &server)
{
    QUrl url = server.url(u"/api/v1/ws"_s);
    url.setScheme(u"ws"_s);
    return url;
}

} // namespace natter::testing
