// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QPair>
#include <QProcessEnvironment>
#include <QTcpServer>
#include <QUrl>
#include <QUrlQuery>

#include <functional>
#include <memory>

namespace natter::testing {

class RsaKey;

//! A local OAuth provider speaking the real protocols, for natter-server to talk to while a
//! test runs: GitHub's (authorize redirect, token exchange, `GET /user`) under /github and
//! /github-api, and an OpenID Connect provider (discovery, authorize, token with an RS256 ID
//! token, JWKS) under /oidc. It checks what the real ones check: client credentials, the
//! redirect URI, one-time codes and the PKCE verifier. It serves on the test's thread, which
//! runs it while HttpClient waits for natter-server.
class FakeProvider final : public QObject
{
    Q_OBJECT

public:
    static constexpr auto kGitHubClientId = "gh-client-id";
    static constexpr auto kGitHubSecret = "gh-client-secret";
    static constexpr auto kOidcClientId = "oidc-client-id.apps.example";
    static constexpr auto kOidcSecret = "oidc-client-secret";

    //! Who signs in at the provider's authorize step.
    struct Account
    {
        qint64 githubId = 583231;
        QString login = QStringLiteral("Octo-Cat");
        QString name = QStringLiteral("The Octocat");
        QString avatarUrl = QStringLiteral("https://avatars.example/u/583231");
        QString subject = QStringLiteral("110169484474386276334");
    };

    FakeProvider();
    ~FakeProvider() override;

    [[nodiscard]] bool start();
    [[nodiscard]] QUrl url(const QString &path) const;
    [[nodiscard]] QString issuer() const;
    //! The variables that point natter-server at this provider, as an operator would set them.
    [[nodiscard]] QProcessEnvironment serverEnvironment() const;

    Account account;
    //! Changes an ID token before it is signed (`header`, `claims`), for the attack tests.
    std::function<void(QJsonObject &header, QJsonObject &claims)> tweakIdToken;
    //! Replaces the signed ID token (e.g. with one forged by the test).
    std::function<QString(const QString &signedToken)> rewriteIdToken;
    //! Signs ID tokens with a key the JWKS does not hold (under the published kid).
    bool signWithForeignKey = false;
    //! The current public key as published in the JWKS.
    [[nodiscard]] QJsonObject publishedJwk() const;
    //! Publishes and signs with a fresh key under a new kid (key rotation).
    void rotateKey();

    //! Pictures the provider hosts, by path (`/avatars/…`): body and Content-Type.
    QHash<QString, QPair<QByteArray, QByteArray>> pictures;
    int pictureRequests = 0;

    int tokenRequests = 0;
    int jwksRequests = 0;
    QUrlQuery lastAuthorize;

private:
    struct Request
    {
        QByteArray method;
        QUrl url;
        QHash<QByteArray, QByteArray> headers;
        QByteArray body;
    };
    struct Response
    {
        int status = 200;
        QByteArray body;
        QByteArray location;
        QByteArray contentType = "application/json";
    };
    struct Grant
    {
        QString redirectUri;
        QString challenge;
        QString nonce;
        QString clientId;
    };

    void serve(QTcpSocket *socket);
    [[nodiscard]] Response route(const Request &request);
    [[nodiscard]] Response authorize(const Request &request, const QString &clientId);
    [[nodiscard]] Response githubToken(const Request &request);
    [[nodiscard]] Response githubUser(const Request &request);
    [[nodiscard]] Response oidcToken(const Request &request);
    [[nodiscard]] QString idToken(const Grant &grant);
    [[nodiscard]] static Response json(int status, const QJsonObject &object);

    QTcpServer m_server;
    QHash<QString, Grant> m_codes;
    QHash<QString, QString> m_accessTokens;
    std::unique_ptr<RsaKey> m_key;
    std::unique_ptr<RsaKey> m_foreignKey;
    QString m_kid = QStringLiteral("key-1");
};

} // namespace natter::testing
