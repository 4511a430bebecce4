// SPDX-License-Identifier: Apache-2.0
#include "config.h"

#include "natter/validation.h"

#include "auth/signingkeypolicy.h"

#include <QDir>
#include <QRegularExpression>

#include <array>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

struct VariableHelp
{
    QLatin1StringView name;
    QLatin1StringView meaning;
    QLatin1StringView defaultValue;
};

constexpr std::array kVariables{
    VariableHelp{
        "DATABASE_URL"_L1,
        "postgres://user:pass@host:port/db, or a libpq 'host=/socket/dir dbname=natter' string"_L1,
        "required (make dev starts an embedded cluster and sets it)"_L1},
    VariableHelp{"NATTER_LISTEN"_L1, "address:port to serve on"_L1, "127.0.0.1:8080"_L1},
    VariableHelp{"NATTER_REUSE_PORT"_L1,
                 "1 lets several processes share NATTER_LISTEN's port; the kernel spreads new "
                 "connections over them (docs/operations.md)"_L1,
                 "0"_L1},
    VariableHelp{"NATTER_PUBLIC_URL"_L1,
                 "the URL users reach (OAuth callbacks, cookies, origins)"_L1,
                 "http://localhost:8080"_L1},
    VariableHelp{"NATTER_WEB_ROOT"_L1, "folder of the built web app to serve at /"_L1,
                 "unset: API only"_L1},
    VariableHelp{"NATTER_JWT_SIGNING_KEY"_L1, "token signing secret, at least 32 bytes"_L1,
                 "required unless NATTER_DEV_LOGIN=1 (then kept in NATTER_DATA_DIR)"_L1},
    VariableHelp{"NATTER_DEV_LOGIN"_L1, "1 enables the development login (never in production)"_L1,
                 "0"_L1},
    VariableHelp{"NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK"_L1,
                 "1 allows the development login on a non-loopback NATTER_LISTEN"_L1, "0"_L1},
    VariableHelp{"NATTER_DATA_DIR"_L1, "folder for state: uploaded files, the dev signing key"_L1,
                 ".data"_L1},
    VariableHelp{"NATTER_GITHUB_CLIENT_ID"_L1, "GitHub OAuth app id; enables GitHub sign-in"_L1,
                 "unset"_L1},
    VariableHelp{"NATTER_GITHUB_CLIENT_SECRET"_L1, "GitHub OAuth app secret"_L1, "unset"_L1},
    VariableHelp{"NATTER_GITHUB_AUTHORIZE_URL"_L1, "GitHub authorize endpoint"_L1,
                 "https://github.com/login/oauth/authorize"_L1},
    VariableHelp{"NATTER_GITHUB_TOKEN_URL"_L1, "GitHub token endpoint"_L1,
                 "https://github.com/login/oauth/access_token"_L1},
    VariableHelp{"NATTER_GITHUB_API_URL"_L1, "GitHub API base (for /user)"_L1,
                 "https://api.github.com"_L1},
    VariableHelp{"NATTER_OIDC_<NAME>_ISSUER"_L1,
                 "issuer of an OpenID Connect provider (Google: https://accounts.google.com)"_L1,
                 "unset"_L1},
    VariableHelp{"NATTER_OIDC_<NAME>_CLIENT_ID"_L1, "its client id"_L1, "unset"_L1},
    VariableHelp{"NATTER_OIDC_<NAME>_CLIENT_SECRET"_L1, "its client secret"_L1, "unset"_L1},
    VariableHelp{"NATTER_ALLOWED_ORIGINS"_L1,
                 "extra browser origins, comma-separated, for cookies and WebSocket upgrades"_L1,
                 "the public URL's origin"_L1},
    VariableHelp{"NATTER_MIGRATE_ON_START"_L1, "apply migrations when serve starts"_L1, "1"_L1},
    VariableHelp{"NATTER_DB_POOL_SIZE"_L1, "database worker threads (one connection each)"_L1,
                 "4"_L1},
    VariableHelp{"NATTER_BUS_URL"_L1,
                 "NATS server (nats://host:4222) for events between processes, instead of "
                 "PostgreSQL's NOTIFY"_L1,
                 "unset"_L1},
    VariableHelp{"NATTER_MAX_GROUP_SIZE"_L1, "most members a group may have"_L1, "256"_L1},
    VariableHelp{"NATTER_METRICS_LISTEN"_L1,
                 "address:port of the Prometheus /metrics listener (never the public one), "
                 "or off"_L1,
                 "127.0.0.1:9464"_L1},
    VariableHelp{"NATTER_TRUSTED_PROXIES"_L1,
                 "proxies (addresses or CIDR ranges, comma-separated, or none) whose "
                 "X-Forwarded-For names the client for rate limits"_L1,
                 "127.0.0.1/8,::1"_L1},
    VariableHelp{"NATTER_RATE_LIMITS"_L1,
                 "off disables every rate limit (benchmarks only; logged as a warning)"_L1,
                 "on"_L1},
    VariableHelp{"NATTER_RATE_<NAME>"_L1,
                 "<per second>/<burst> of one limit: SIGNIN, REFRESH, SEND, EDIT, REACTION, "
                 "REPORT, SEARCH, UPLOAD, INVITE_JOIN, GROUP_CREATE (docs/security.md)"_L1,
                 "see docs/security.md"_L1},
    VariableHelp{"NATTER_HTTP_HEADER_TIMEOUT"_L1,
                 "seconds a client has to send a request's headers (slow clients get 408)"_L1,
                 "10"_L1},
    VariableHelp{"NATTER_HTTP_IDLE_TIMEOUT"_L1,
                 "seconds a kept-alive HTTP connection may sit without a request"_L1, "60"_L1},
    VariableHelp{"NATTER_WS_MAX_PER_USER"_L1,
                 "WebSockets one user may have open at once; the oldest is closed (4008)"_L1,
                 "32"_L1},
    VariableHelp{"NATTER_DB_MAX_QUEUE"_L1,
                 "database jobs waiting for a worker past which requests get 503 unavailable "
                 "(and socket sends an error frame) instead of queueing without bound"_L1,
                 "2000"_L1},
    VariableHelp{"NATTER_ACCESS_TOKEN_SECONDS"_L1,
                 "lifetime of an access token; a REST call with the token of a sign-in that "
                 "ended works this long at most, and sockets are asked to renew before it"_L1,
                 "900"_L1},
    VariableHelp{"NATTER_SESSION_MAX_DAYS"_L1,
                 "days after sign-in when a session ends however often it was refreshed"_L1,
                 "90"_L1},
    VariableHelp{"NATTER_ADMINS"_L1,
                 "usernames of instance admins, comma-separated (more with natter-server admin "
                 "grant)"_L1,
                 "none"_L1},
    VariableHelp{"NATTER_WS_PING_INTERVAL"_L1,
                 "seconds a WebSocket may be silent before it is pinged; a peer silent for two "
                 "intervals is dropped (shorten it behind a proxy that closes idle connections "
                 "sooner than 45 s)"_L1,
                 "30"_L1},
    VariableHelp{"NATTER_EVENT_LOOP"_L1,
                 "epoll, or qt for Qt's own event loop (slower with many sockets; a fallback)"_L1,
                 "epoll"_L1},
    VariableHelp{"NATTER_MAX_UPLOAD_BYTES"_L1, "largest upload accepted (413 past it)"_L1,
                 "10485760"_L1},
    VariableHelp{"NATTER_MAX_IMAGE_PIXELS"_L1,
                 "most pixels an uploaded image may have (larger ones are refused unread)"_L1,
                 "50000000"_L1},
    VariableHelp{"NATTER_UPLOAD_SWEEP_SECONDS"_L1,
                 "seconds between sweeps of unattached uploads (kept a day) and deleted files"_L1,
                 "3600"_L1},
};

Result<bool> readFlag(const QProcessEnvironment &env, const QString &name, bool defaultValue)
{
    const QString value = env.value(name).trimmed();
    if (value.isEmpty())
        return defaultValue;
    if (value == "1"_L1 || value == "true"_L1)
        return true;
    if (value == "0"_L1 || value == "false"_L1)
        return false;
    return ApiError::validation(name, u"must be 0 or 1, got '%1'"_s.arg(value));
}

Result<int> readInteger(const QProcessEnvironment &env, const QString &name, int defaultValue,
                        int min, int max)
{
    const QString value = env.value(name).trimmed();
    if (value.isEmpty())
        return defaultValue;
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < min || number > max)
        return ApiError::validation(name, u"must be a whole number from %1 to %2, got '%3'"_s.arg(
                                              QString::number(min), QString::number(max), value));
    return number;
}

Result<QUrl> readHttpUrl(const QProcessEnvironment &env, const QString &name, const QUrl &fallback)
{
    const QString value = env.value(name).trimmed();
    if (value.isEmpty())
        return fallback;
    const QUrl url(value, QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != "http"_L1 && url.scheme() != "https"_L1) ||
        url.host().isEmpty())
        return ApiError::validation(name, u"must be an http(s) URL, got '%1'"_s.arg(value));
    return url;
}

Status readAddress(const QProcessEnvironment &env, const QString &name, QHostAddress &target,
                   quint16 &targetPort)
{
    const QString value = env.value(name).trimmed();
    if (value.isEmpty())
        return Done{};
    const qsizetype colon = value.lastIndexOf(u':');
    const QString host = value.left(colon).remove(u'[').remove(u']');
    bool portOk = false;
    const uint port = value.mid(colon + 1).toUInt(&portOk);
    QHostAddress address;
    if (host == "localhost"_L1)
        address = QHostAddress::LocalHost;
    else if (host.isEmpty() || host == "*"_L1)
        address = QHostAddress::Any;
    else
        address = QHostAddress(host);
    if (colon < 0 || !portOk || port > 65535 || address.isNull())
        return ApiError::validation(
            name, u"must be address:port like 127.0.0.1:8080, got '%1'"_s.arg(value));
    target = address;
    targetPort = static_cast<quint16>(port);
    return Done{};
}

Status readListen(const QProcessEnvironment &env, Config &config)
{
    return readAddress(env, u"NATTER_LISTEN"_s, config.listenAddress, config.listenPort);
}

Status readMetricsListen(const QProcessEnvironment &env, Config &config)
{
    if (env.value(u"NATTER_METRICS_LISTEN"_s).trimmed() == "off"_L1) {
        config.metricsEnabled = false;
        return Done{};
    }
    return readAddress(env, u"NATTER_METRICS_LISTEN"_s, config.metricsAddress, config.metricsPort);
}

//! Upload sizes and the sweep of unattached uploads.
Status readUploadLimits(const QProcessEnvironment &env, Config &config)
{
    auto maxBytes = readInteger(env, u"NATTER_MAX_UPLOAD_BYTES"_s, int(config.maxUploadBytes), 1024,
                                1024 * 1024 * 1024);
    if (!maxBytes)
        return maxBytes.error();
    config.maxUploadBytes = maxBytes.value();
    auto maxPixels =
        readInteger(env, u"NATTER_MAX_IMAGE_PIXELS"_s, int(config.maxImagePixels), 1, 500'000'000);
    if (!maxPixels)
        return maxPixels.error();
    config.maxImagePixels = maxPixels.value();
    auto sweep = readInteger(env, u"NATTER_UPLOAD_SWEEP_SECONDS"_s, config.uploadSweepSeconds, 1,
                             7 * 24 * 3600);
    if (!sweep)
        return sweep.error();
    config.uploadSweepSeconds = sweep.value();
    return Done{};
}

//! The limits that keep one client from costing the server more than its share.
Status readAbuseLimits(const QProcessEnvironment &env, Config &config)
{
    auto rates = RateLimits::fromEnvironment(env);
    if (!rates)
        return rates.error();
    config.rateLimits = rates.value();
    auto proxies = TrustedProxies::parse(env.value(u"NATTER_TRUSTED_PROXIES"_s));
    if (!proxies)
        return proxies.error();
    config.trustedProxies = proxies.value();
    auto headerTimeout = readInteger(env, u"NATTER_HTTP_HEADER_TIMEOUT"_s,
                                     config.http.headerTimeoutMs / 1000, 1, 300);
    if (!headerTimeout)
        return headerTimeout.error();
    config.http.headerTimeoutMs = headerTimeout.value() * 1000;
    // A body may pause longer than headers take (a phone on a bad network), not forever.
    config.http.bodyStallTimeoutMs = 3 * config.http.headerTimeoutMs;
    auto idleTimeout =
        readInteger(env, u"NATTER_HTTP_IDLE_TIMEOUT"_s, config.http.idleTimeoutMs / 1000, 1, 3600);
    if (!idleTimeout)
        return idleTimeout.error();
    config.http.idleTimeoutMs = idleTimeout.value() * 1000;
    auto socketsPerUser =
        readInteger(env, u"NATTER_WS_MAX_PER_USER"_s, config.maxSocketsPerUser, 1, 10000);
    if (!socketsPerUser)
        return socketsPerUser.error();
    config.maxSocketsPerUser = socketsPerUser.value();
    auto queue = readInteger(env, u"NATTER_DB_MAX_QUEUE"_s, config.maxQueuedDbJobs, 1, 1000000);
    if (!queue)
        return queue.error();
    config.maxQueuedDbJobs = queue.value();
    auto accessSeconds = readInteger(env, u"NATTER_ACCESS_TOKEN_SECONDS"_s,
                                     config.accessTokenSeconds, 10, 24 * 3600);
    if (!accessSeconds)
        return accessSeconds.error();
    config.accessTokenSeconds = accessSeconds.value();
    auto sessionDays =
        readInteger(env, u"NATTER_SESSION_MAX_DAYS"_s, config.sessionMaxDays, 1, 3650);
    if (!sessionDays)
        return sessionDays.error();
    config.sessionMaxDays = sessionDays.value();
    return readMetricsListen(env, config);
}

//! NATTER_ADMINS: usernames, comma-separated, each checked like a username claim.
Status readAdmins(const QProcessEnvironment &env, Config &config)
{
    const QStringList names = env.value(u"NATTER_ADMINS"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &name : names) {
        auto username = validation::username(u"NATTER_ADMINS"_s, name.trimmed());
        if (!username)
            return ApiError::validation(u"NATTER_ADMINS"_s,
                                        u"'%1' is not a username"_s.arg(name.trimmed()));
        config.admins.append(username.value());
    }
    return Done{};
}

QString originOf(const QUrl &url)
{
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::RemoveUserInfo | QUrl::StripTrailingSlash)
        .toString();
}

Result<QList<OidcProviderConfig>> readOidcProviders(const QProcessEnvironment &env)
{
    static const QRegularExpression issuerKey(u"^NATTER_OIDC_([A-Z0-9]+)_ISSUER$"_s);
    QList<OidcProviderConfig> providers;
    const QStringList keys = env.keys();
    for (const QString &key : keys) {
        const auto match = issuerKey.match(key);
        if (!match.hasMatch())
            continue;
        const QString name = match.captured(1);
        const QString prefix = u"NATTER_OIDC_%1_"_s.arg(name);
        auto issuer = readHttpUrl(env, key, {});
        if (!issuer)
            return issuer.error();
        OidcProviderConfig provider{name.toLower(), issuer.value(),
                                    env.value(prefix + u"CLIENT_ID"_s),
                                    env.value(prefix + u"CLIENT_SECRET"_s)};
        if (provider.clientId.isEmpty())
            return ApiError::validation(prefix + u"CLIENT_ID"_s, u"is required with the issuer"_s);
        if (provider.id == "github"_L1 || provider.id == "dev"_L1)
            return ApiError::validation(key, u"the name %1 is reserved"_s.arg(name));
        providers.append(provider);
    }
    return providers;
}

} // namespace

Result<Config> Config::fromEnvironment(const QProcessEnvironment &env)
{
    Config config;
    config.databaseUrl = env.value(u"DATABASE_URL"_s).trimmed();
    if (config.databaseUrl.isEmpty())
        return ApiError::validation(u"DATABASE_URL"_s, u"is required"_s);

    if (auto status = readListen(env, config); !status)
        return status.error();

    auto publicUrl = readHttpUrl(env, u"NATTER_PUBLIC_URL"_s, config.publicUrl);
    if (!publicUrl)
        return publicUrl.error();
    config.publicUrl = publicUrl.value().adjusted(QUrl::StripTrailingSlash);

    config.webRoot = env.value(u"NATTER_WEB_ROOT"_s).trimmed();
    if (!config.webRoot.isEmpty() && !QDir(config.webRoot).exists(u"index.html"_s))
        return ApiError::validation(u"NATTER_WEB_ROOT"_s,
                                    u"has no index.html: '%1'"_s.arg(config.webRoot));

    auto reusePort = readFlag(env, u"NATTER_REUSE_PORT"_s, false);
    if (!reusePort)
        return reusePort.error();
    config.reusePort = reusePort.value();

    auto devLogin = readFlag(env, u"NATTER_DEV_LOGIN"_s, false);
    if (!devLogin)
        return devLogin.error();
    config.devLogin = devLogin.value();
    auto allowNonLoopback = readFlag(env, u"NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK"_s, false);
    if (!allowNonLoopback)
        return allowNonLoopback.error();
    config.devLoginAllowNonLoopback = allowNonLoopback.value();
    // Behind a proxy the server always listens on loopback, so the public URL says more
    // about who can reach it than NATTER_LISTEN does: both must be loopback.
    if (config.devLogin && !config.devLoginAllowNonLoopback &&
        (!config.listensOnLoopback() || !config.publicUrlIsLoopback()))
        return ApiError::validation(
            u"NATTER_DEV_LOGIN"_s,
            u"is refused unless both NATTER_LISTEN and NATTER_PUBLIC_URL are loopback; anyone "
            "could sign in as anyone. Set NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK=1 if you really "
            "mean it"_s);

    config.dataDir = env.value(u"NATTER_DATA_DIR"_s, u".data"_s);
    config.jwtSigningKey = env.value(u"NATTER_JWT_SIGNING_KEY"_s).toUtf8();
    if (!config.jwtSigningKey.isEmpty()) {
        if (auto strong = checkSigningKey(config.jwtSigningKey); !strong)
            return strong.error();
    }
    if (config.jwtSigningKey.isEmpty() && !config.devLogin)
        return ApiError::validation(u"NATTER_JWT_SIGNING_KEY"_s,
                                    u"is required (at least 32 random bytes, e.g. `openssl rand "
                                    "-base64 48`)"_s);

    config.githubClientId = env.value(u"NATTER_GITHUB_CLIENT_ID"_s);
    config.githubClientSecret = env.value(u"NATTER_GITHUB_CLIENT_SECRET"_s);
    if (!config.githubClientId.isEmpty() && config.githubClientSecret.isEmpty())
        return ApiError::validation(u"NATTER_GITHUB_CLIENT_SECRET"_s,
                                    u"is required with NATTER_GITHUB_CLIENT_ID"_s);
    for (auto [name, target] :
         {std::pair{u"NATTER_GITHUB_AUTHORIZE_URL"_s, &config.githubAuthorizeUrl},
          std::pair{u"NATTER_GITHUB_TOKEN_URL"_s, &config.githubTokenUrl},
          std::pair{u"NATTER_GITHUB_API_URL"_s, &config.githubApiUrl}}) {
        auto url = readHttpUrl(env, name, *target);
        if (!url)
            return url.error();
        *target = url.value();
    }
    auto oidc = readOidcProviders(env);
    if (!oidc)
        return oidc.error();
    config.oidcProviders = oidc.value();

    config.allowedOrigins.append(originOf(config.publicUrl));
    const QStringList extraOrigins =
        env.value(u"NATTER_ALLOWED_ORIGINS"_s).split(u',', Qt::SkipEmptyParts);
    for (const QString &origin : extraOrigins) {
        const QUrl url(origin.trimmed(), QUrl::StrictMode);
        if (!url.isValid() || url.host().isEmpty())
            return ApiError::validation(
                u"NATTER_ALLOWED_ORIGINS"_s,
                u"'%1' is not an origin like https://chat.example.org"_s.arg(origin.trimmed()));
        config.allowedOrigins.append(originOf(url));
    }

    auto migrate = readFlag(env, u"NATTER_MIGRATE_ON_START"_s, true);
    if (!migrate)
        return migrate.error();
    config.migrateOnStart = migrate.value();
    auto poolSize = readInteger(env, u"NATTER_DB_POOL_SIZE"_s, config.dbPoolSize, 1, 64);
    if (!poolSize)
        return poolSize.error();
    config.dbPoolSize = poolSize.value();
    config.busUrl = env.value(u"NATTER_BUS_URL"_s).trimmed();
    if (!config.busUrl.isEmpty() && !config.busUrl.startsWith(u"nats://"_s) &&
        !config.busUrl.startsWith(u"tls://"_s))
        return ApiError::validation(
            u"NATTER_BUS_URL"_s,
            u"'%1' is not a NATS URL like nats://127.0.0.1:4222"_s.arg(config.busUrl));
    auto groupSize = readInteger(env, u"NATTER_MAX_GROUP_SIZE"_s, config.maxGroupSize, 2, 100000);
    if (!groupSize)
        return groupSize.error();
    config.maxGroupSize = groupSize.value();
    auto pingInterval =
        readInteger(env, u"NATTER_WS_PING_INTERVAL"_s, config.wsPingIntervalSeconds, 1, 3600);
    if (!pingInterval)
        return pingInterval.error();
    config.wsPingIntervalSeconds = pingInterval.value();
    if (auto limits = readAbuseLimits(env, config); !limits)
        return limits.error();
    if (auto admins = readAdmins(env, config); !admins)
        return admins.error();
    if (auto uploads = readUploadLimits(env, config); !uploads)
        return uploads.error();
    return config;
}

bool Config::publicUrlIsLoopback() const
{
    const QString host = publicUrl.host();
    if (host == "localhost"_L1 || host.endsWith(".localhost"_L1))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

QString Config::helpText()
{
    QString text = u"Usage: natter-server [serve|migrate [up|down N]] [--help]\n\n"
                   "  serve            run the server (the default)\n"
                   "  migrate          apply pending migrations and exit\n"
                   "  migrate down N   roll back the newest N migrations and exit\n\n"
                   "Configuration comes from the environment:\n\n"_s;
    for (const auto &variable : kVariables) {
        text += u"  %1\n      %2\n      default: %3\n"_s.arg(
            QString(variable.name), QString(variable.meaning), QString(variable.defaultValue));
    }
    return text;
}

} // namespace natter::server
