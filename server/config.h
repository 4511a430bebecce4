// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QHostAddress>
#include <QList>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace natter::server {

//! An OpenID Connect provider configured by NATTER_OIDC_<NAME>_*.
struct OidcProviderConfig
{
    QString id; //!< lower-case NAME, used in URLs: /auth/<id>/start
    QUrl issuer;
    QString clientId;
    QString clientSecret;
};

//! Everything the server reads from its environment, checked once at start.
struct Config
{
    QString databaseUrl;
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QUrl publicUrl{QStringLiteral("http://localhost:8080")};
    QString webRoot;
    QByteArray jwtSigningKey;
    bool devLogin = false;
    bool devLoginAllowNonLoopback = false;
    QString dataDir;
    QString githubClientId;
    QString githubClientSecret;
    QUrl githubAuthorizeUrl{QStringLiteral("https://github.com/login/oauth/authorize")};
    QUrl githubTokenUrl{QStringLiteral("https://github.com/login/oauth/access_token")};
    QUrl githubApiUrl{QStringLiteral("https://api.github.com")};
    QList<OidcProviderConfig> oidcProviders;
    QStringList allowedOrigins;
    bool migrateOnStart = true;
    int dbPoolSize = 4;
    int maxGroupSize = 256;
    int wsPingIntervalSeconds = 15;
    int accessTokenSeconds = 15 * 60;
    int refreshTokenDays = 30;

    //! Reads and checks the environment; the error names the variable and what is wrong.
    [[nodiscard]] static Result<Config> fromEnvironment(const QProcessEnvironment &env);
    //! The `--help` text: every variable with its meaning and default.
    [[nodiscard]] static QString helpText();

    [[nodiscard]] bool listensOnLoopback() const { return listenAddress.isLoopback(); }
};

} // namespace natter::server
