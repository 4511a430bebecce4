// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httplimits.h"
#include "limits/clientaddress.h"
#include "limits/ratelimits.h"
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
    //! NATTER_REUSE_PORT: several processes listen on the same port (SO_REUSEPORT) and the
    //! kernel spreads connections over them. Off by default, so a second server started by
    //! mistake still fails with "address in use" instead of taking half the users.
    bool reusePort = false;
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
    //! NATTER_BUS_URL: a NATS server (nats://host:port) carrying events between processes;
    //! empty: PostgreSQL's LISTEN/NOTIFY, the default.
    QString busUrl;
    int dbPoolSize = 4;
    //! Database jobs waiting for a worker past which new requests are shed (503).
    int maxQueuedDbJobs = 2000;
    int maxGroupSize = 256;
    int wsPingIntervalSeconds = 30;
    int accessTokenSeconds = 15 * 60;
    int refreshTokenDays = 30;
    //! A refresh family ends this long after its sign-in, however often it was rotated.
    int sessionMaxDays = 90;
    HttpLimits http;
    RateLimits rateLimits;
    TrustedProxies trustedProxies;
    //! WebSockets one user may hold open at once (every device and tab); the oldest goes.
    int maxSocketsPerUser = 32;
    //! The /metrics listener (NATTER_METRICS_LISTEN); off when metricsEnabled is false.
    bool metricsEnabled = true;
    QHostAddress metricsAddress = QHostAddress::LocalHost;
    quint16 metricsPort = 9464;
    //! NATTER_ADMINS, lower-case: instance admins besides those granted in the database.
    QStringList admins;
    //! Uploads (issue 13): the largest file, the most pixels an image may claim in its
    //! headers (a decompression bomb claims billions), and how often uploads are swept.
    qint64 maxUploadBytes = 10 * 1024 * 1024;
    qint64 maxImagePixels = 50'000'000;
    int uploadSweepSeconds = 3600;

    //! Reads and checks the environment; the error names the variable and what is wrong.
    [[nodiscard]] static Result<Config> fromEnvironment(const QProcessEnvironment &env);
    //! The `--help` text: every variable with its meaning and default.
    [[nodiscard]] static QString helpText();

    [[nodiscard]] bool listensOnLoopback() const { return listenAddress.isLoopback(); }
    //! True when the public URL names this machine (localhost, 127.0.0.0/8, ::1).
    [[nodiscard]] bool publicUrlIsLoopback() const;
    //! Browsers must only ever reach this server over https (Strict-Transport-Security).
    [[nodiscard]] bool servesHttps() const { return publicUrl.scheme() == u"https"; }
};

} // namespace natter::server
