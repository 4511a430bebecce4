// SPDX-License-Identifier: Apache-2.0
#include "fakeprovider.h"

#include "jwtforge.h"
#include "rsakey.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpSocket>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {
namespace {

QString randomCode()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(
        base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    default:
        return "Not Found";
    }
}

} // namespace

FakeProvider::FakeProvider()
    : m_key(std::make_unique<RsaKey>()), m_foreignKey(std::make_unique<RsaKey>())
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection())
            serve(socket);
    });
}

FakeProvider::~FakeProvider() = default;

bool FakeProvider::start()
{
    return m_key->isValid() && m_foreignKey->isValid() &&
           m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeProvider::url(const QString &path) const
{
    return QUrl(u"http://127.0.0.1:%1%2"_s.arg(m_server.serverPort()).arg(path));
}

QString FakeProvider::issuer() const
{
    return url(u"/oidc"_s).toString();
}

QProcessEnvironment FakeProvider::serverEnvironment() const
{
    QProcessEnvironment env;
    env.insert(u"NATTER_GITHUB_CLIENT_ID"_s, QString::fromLatin1(kGitHubClientId));
    env.insert(u"NATTER_GITHUB_CLIENT_SECRET"_s, QString::fromLatin1(kGitHubSecret));
    env.insert(u"NATTER_GITHUB_AUTHORIZE_URL"_s,
               url(u"/github/login/oauth/authorize"_s).toString());
    env.insert(u"NATTER_GITHUB_TOKEN_URL"_s, url(u"/github/login/oauth/access_token"_s).toString());
    env.insert(u"NATTER_GITHUB_API_URL"_s, url(u"/github-api"_s).toString());
    env.insert(u"NATTER_OIDC_GOOGLE_ISSUER"_s, issuer());
    env.insert(u"NATTER_OIDC_GOOGLE_CLIENT_ID"_s, QString::fromLatin1(kOidcClientId));
    env.insert(u"NATTER_OIDC_GOOGLE_CLIENT_SECRET"_s, QString::fromLatin1(kOidcSecret));
    return env;
}

QJsonObject FakeProvider::publishedJwk() const
{
    return m_key->publicJwk(m_kid);
}

void FakeProvider::rotateKey()
{
    m_key = std::make_unique<RsaKey>();
    m_kid = u"key-"_s + randomCode().left(8);
}

void FakeProvider::serve(QTcpSocket *socket)
{
    auto buffer = std::make_shared<QByteArray>();
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
        *buffer += socket->readAll();
        const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        Request request;
        const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.url = QUrl(u"http://provider"_s + QString::fromLatin1(requestLine.value(1)));
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                       lines[i].mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length").toLongLong();
        if (buffer->size() < headerEnd + 4 + length)
            return;
        request.body = buffer->mid(headerEnd + 4, length);
        buffer->clear();

        const Response response = route(request);
        QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                         reasonPhrase(response.status) + "\r\n";
        out += "Content-Type: " + response.contentType + "\r\n";
        if (!response.location.isEmpty())
            out += "Location: " + response.location + "\r\n";
        out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        out += "Connection: close\r\n\r\n" + response.body;
        socket->write(out);
        socket->disconnectFromHost();
    });
}

FakeProvider::Response FakeProvider::json(int status, const QJsonObject &object)
{
    return {status, QJsonDocument(object).toJson(QJsonDocument::Compact), {}, "application/json"};
}

FakeProvider::Response FakeProvider::route(const Request &request)
{
    const QString path = request.url.path();
    if (request.method == "GET" && path == "/github/login/oauth/authorize"_L1)
        return authorize(request, QString::fromLatin1(kGitHubClientId));
    if (request.method == "POST" && path == "/github/login/oauth/access_token"_L1)
        return githubToken(request);
    if (request.method == "GET" && path == "/github-api/user"_L1)
        return githubUser(request);
    if (request.method == "GET" && path == "/oidc/.well-known/openid-configuration"_L1)
        return json(200,
                    {{u"issuer"_s, issuer()},
                     {u"authorization_endpoint"_s, url(u"/oidc/authorize"_s).toString()},
                     {u"token_endpoint"_s, url(u"/oidc/token"_s).toString()},
                     {u"jwks_uri"_s, url(u"/oidc/jwks"_s).toString()},
                     {u"response_types_supported"_s, QJsonArray{u"code"_s}},
                     {u"subject_types_supported"_s, QJsonArray{u"public"_s}},
                     {u"id_token_signing_alg_values_supported"_s, QJsonArray{u"RS256"_s}},
                     {u"code_challenge_methods_supported"_s, QJsonArray{u"plain"_s, u"S256"_s}}});
    if (request.method == "GET" && path == "/oidc/authorize"_L1)
        return authorize(request, QString::fromLatin1(kOidcClientId));
    if (request.method == "POST" && path == "/oidc/token"_L1)
        return oidcToken(request);
    if (request.method == "GET" && path == "/oidc/jwks"_L1) {
        ++jwksRequests;
        return json(200, {{u"keys"_s, QJsonArray{m_key->publicJwk(m_kid)}}});
    }
    if (request.method == "GET" && pictures.contains(path)) {
        ++pictureRequests;
        const auto &[body, contentType] = pictures.value(path);
        return {200, body, {}, contentType};
    }
    return json(404, {{u"error"_s, u"not_found"_s}});
}

FakeProvider::Response FakeProvider::authorize(const Request &request, const QString &clientId)
{
    const QUrlQuery query(request.url);
    lastAuthorize = query;
    const QString redirectUri = query.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded);
    if (query.queryItemValue(u"client_id"_s) != clientId || redirectUri.isEmpty() ||
        query.queryItemValue(u"code_challenge_method"_s) != "S256"_L1 ||
        query.queryItemValue(u"code_challenge"_s).isEmpty())
        return json(400, {{u"error"_s, u"invalid_request"_s}});
    const QString code = randomCode();
    m_codes.insert(code, {redirectUri, query.queryItemValue(u"code_challenge"_s),
                          query.queryItemValue(u"nonce"_s, QUrl::FullyDecoded), clientId});
    QUrl target(redirectUri);
    QUrlQuery back;
    back.addQueryItem(u"code"_s, code);
    back.addQueryItem(u"state"_s, query.queryItemValue(u"state"_s, QUrl::FullyDecoded));
    target.setQuery(back);
    return {302, {}, target.toEncoded(), "text/plain"};
}

FakeProvider::Response FakeProvider::githubToken(const Request &request)
{
    ++tokenRequests;
    const QUrlQuery form(QString::fromLatin1(request.body));
    const QString code = form.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    const Grant grant = m_codes.take(code); // one-time, whatever happens next
    // GitHub answers errors with 200 and an `error` field.
    if (form.queryItemValue(u"client_id"_s) != QLatin1StringView(kGitHubClientId) ||
        form.queryItemValue(u"client_secret"_s) != QLatin1StringView(kGitHubSecret))
        return json(200, {{u"error"_s, u"incorrect_client_credentials"_s}});
    if (grant.clientId.isEmpty() ||
        form.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded) != grant.redirectUri)
        return json(200, {{u"error"_s, u"bad_verification_code"_s}});
    if (s256(form.queryItemValue(u"code_verifier"_s, QUrl::FullyDecoded)) != grant.challenge)
        return json(200, {{u"error"_s, u"invalid_grant"_s}});
    const QString token = u"gho_"_s + randomCode();
    m_accessTokens.insert(token, code);
    return json(
        200,
        {{u"access_token"_s, token}, {u"token_type"_s, u"bearer"_s}, {u"scope"_s, u"read:user"_s}});
}

FakeProvider::Response FakeProvider::githubUser(const Request &request)
{
    const QByteArray authorization = request.headers.value("authorization");
    if (!authorization.startsWith("Bearer ") ||
        !m_accessTokens.contains(QString::fromLatin1(authorization.mid(7))))
        return json(401, {{u"message"_s, u"Bad credentials"_s}});
    return json(200, {{u"id"_s, account.githubId},
                      {u"login"_s, account.login},
                      {u"name"_s, account.name},
                      {u"avatar_url"_s, account.avatarUrl}});
}

FakeProvider::Response FakeProvider::oidcToken(const Request &request)
{
    ++tokenRequests;
    const QUrlQuery form(QString::fromLatin1(request.body));
    const Grant grant = m_codes.take(form.queryItemValue(u"code"_s, QUrl::FullyDecoded));
    if (form.queryItemValue(u"grant_type"_s) != "authorization_code"_L1 ||
        form.queryItemValue(u"client_id"_s) != QLatin1StringView(kOidcClientId) ||
        form.queryItemValue(u"client_secret"_s) != QLatin1StringView(kOidcSecret))
        return json(401, {{u"error"_s, u"invalid_client"_s}});
    if (grant.clientId.isEmpty() ||
        form.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded) != grant.redirectUri ||
        s256(form.queryItemValue(u"code_verifier"_s, QUrl::FullyDecoded)) != grant.challenge)
        return json(400, {{u"error"_s, u"invalid_grant"_s}});
    return json(200, {{u"access_token"_s, u"ya29."_s + randomCode()},
                      {u"token_type"_s, u"Bearer"_s},
                      {u"expires_in"_s, 3599},
                      {u"id_token"_s, idToken(grant)}});
}

QString FakeProvider::idToken(const Grant &grant)
{
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QJsonObject header{{u"alg"_s, u"RS256"_s}, {u"kid"_s, m_kid}, {u"typ"_s, u"JWT"_s}};
    QJsonObject claims{{u"iss"_s, issuer()},
                       {u"aud"_s, QString::fromLatin1(kOidcClientId)},
                       {u"azp"_s, QString::fromLatin1(kOidcClientId)},
                       {u"sub"_s, account.subject},
                       {u"iat"_s, now},
                       {u"exp"_s, now + 3600},
                       {u"nonce"_s, grant.nonce},
                       {u"name"_s, account.name},
                       {u"picture"_s, account.avatarUrl}};
    if (tweakIdToken)
        tweakIdToken(header, claims);
    const QByteArray signingInput =
        base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
        base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const RsaKey &key = signWithForeignKey ? *m_foreignKey : *m_key;
    const QString token =
        QString::fromLatin1(signingInput + '.' + base64Url(key.signRs256(signingInput)));
    return rewriteIdToken ? rewriteIdToken(token) : token;
}

} // namespace natter::testing
