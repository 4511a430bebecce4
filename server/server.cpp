// SPDX-License-Identifier: Apache-2.0
#include "server.h"

#include "auth/tokenservice.h"
#include "db/databasesettings.h"
#include "db/dbmonitor.h"
#include "db/dbpool.h"
#include "db/migrator.h"
#include "http/accountcontroller.h"
#include "http/admincontroller.h"
#include "http/apicontext.h"
#include "http/authcontroller.h"
#include "http/conversationcontroller.h"
#include "http/healthcontroller.h"
#include "http/httpserver.h"
#include "http/invitecontroller.h"
#include "http/mecontroller.h"
#include "http/messagechangecontroller.h"
#include "http/messagecontroller.h"
#include "http/messagesearchcontroller.h"
#include "http/moderationcontroller.h"
#include "http/oauthcontroller.h"
#include "http/router.h"
#include "http/userscontroller.h"
#include "http/webappcontroller.h"
#include "limits/ratelimiter.h"
#include "logging.h"
#include "metrics.h"
#include "natter/validation.h"
#include "realtime/gateway.h"
#include "uploads/uploadmodule.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

namespace {
//! How long shutdown waits for database jobs in flight (a statement that hangs is cut off by
//! the database's own timeouts well within a service manager's stop timeout).
constexpr int kSettleOnStopMs = 10'000;
} // namespace

//! Everything the server owns, in construction order (destroyed in reverse: the HTTP server
//! goes before the pool its handlers use).
struct ServerParts
{
    Metrics metrics;
    Migrator migrator;
    std::unique_ptr<DbPool> pool;
    std::unique_ptr<DbMonitor> monitor;
    std::unique_ptr<TokenService> tokens;
    std::unique_ptr<RateLimiter> limiter;
    std::unique_ptr<ApiContext> api;
    //! Before the HTTP server: its connections hold the upload intake until they close.
    std::unique_ptr<uploads::UploadModule> uploads;
    std::unique_ptr<HttpServer> http;
    std::unique_ptr<HttpServer> metricsHttp;
    std::unique_ptr<HealthController> health;
    std::unique_ptr<UsersController> users;
    std::unique_ptr<ConversationController> conversations;
    std::unique_ptr<MessageController> messages;
    std::unique_ptr<MessageChangeController> messageChanges;
    std::unique_ptr<MessageSearchController> messageSearch;
    std::unique_ptr<ModerationController> moderation;
    std::unique_ptr<WebAppController> webApp;
    std::unique_ptr<OAuthController> oauth;
    std::unique_ptr<AuthController> auth;
    std::unique_ptr<MeController> me;
    std::unique_ptr<AdminController> admin;
    std::unique_ptr<InviteController> invites;
    std::unique_ptr<AccountController> account;
    std::unique_ptr<realtime::Gateway> realtime;
};

Server::Server(Config config, QObject *parent)
    : QObject(parent), m_config(std::move(config)), m_parts(std::make_unique<ServerParts>())
{
    auto &parts = *m_parts;
    auto settings = DatabaseSettings::parse(m_config.databaseUrl);
    parts.pool = std::make_unique<DbPool>(settings.ok() ? settings.value() : DatabaseSettings{},
                                          m_config.dbPoolSize);
    parts.monitor = std::make_unique<DbMonitor>(
        *parts.pool, m_config.migrateOnStart ? &parts.migrator : nullptr);
    connect(parts.monitor.get(), &DbMonitor::migrationFailed, this, &Server::fatalError);

    parts.tokens =
        std::make_unique<TokenService>(m_config.jwtSigningKey, m_config.accessTokenSeconds,
                                       m_config.refreshTokenDays, m_config.sessionMaxDays);
    parts.pool->setMetrics(&parts.metrics);
    parts.limiter = std::make_unique<RateLimiter>(m_config.rateLimits, parts.metrics);
    parts.api = std::make_unique<ApiContext>(m_config, *parts.pool, *parts.tokens, parts.metrics,
                                             *parts.limiter);
    HttpLimits httpLimits = m_config.http;
    httpLimits.maxBodyBytes = limits::kMaxRequestBodyBytes;
    parts.http = std::make_unique<HttpServer>(parts.metrics, httpLimits);
    if (m_config.servesHttps())
        parts.http->addResponseHeader("Strict-Transport-Security"_ba,
                                      "max-age=31536000; includeSubDomains"_ba);
    parts.health = std::make_unique<HealthController>(*parts.monitor, parts.metrics);
    parts.health->registerRoutes(parts.http->router());
    if (m_config.metricsEnabled) {
        parts.metricsHttp = std::make_unique<HttpServer>(parts.metrics, httpLimits);
        parts.health->registerMetricsRoutes(parts.metricsHttp->router());
    }
    parts.uploads = std::make_unique<uploads::UploadModule>(m_config, *parts.api);
    parts.uploads->attach(*parts.http);
    parts.oauth = std::make_unique<OAuthController>(*parts.api, parts.uploads->providerAvatars());
    parts.oauth->registerRoutes(parts.http->router());
    parts.auth = std::make_unique<AuthController>(*parts.api, *parts.oauth);
    parts.auth->registerRoutes(parts.http->router());
    parts.me = std::make_unique<MeController>(*parts.api);
    parts.me->registerRoutes(parts.http->router());
    parts.users = std::make_unique<UsersController>(*parts.api);
    parts.users->registerRoutes(parts.http->router());
    parts.conversations = std::make_unique<ConversationController>(*parts.api);
    parts.conversations->registerRoutes(parts.http->router());
    parts.messages = std::make_unique<MessageController>(*parts.api);
    parts.messages->registerRoutes(parts.http->router());
    parts.messageChanges = std::make_unique<MessageChangeController>(*parts.api);
    parts.messageChanges->registerRoutes(parts.http->router());
    parts.messageSearch = std::make_unique<MessageSearchController>(*parts.api);
    parts.messageSearch->registerRoutes(parts.http->router());
    parts.moderation = std::make_unique<ModerationController>(*parts.api);
    parts.moderation->registerRoutes(parts.http->router());
    parts.admin = std::make_unique<AdminController>(*parts.api);
    parts.admin->registerRoutes(parts.http->router());
    parts.invites = std::make_unique<InviteController>(*parts.api);
    parts.invites->registerRoutes(parts.http->router());
    parts.account = std::make_unique<AccountController>(*parts.api);
    parts.account->registerRoutes(parts.http->router());
    if (!m_config.webRoot.isEmpty()) {
        parts.webApp = std::make_unique<WebAppController>(m_config.webRoot);
        parts.http->setFallback([webApp = parts.webApp.get()](const HttpRequest &request) {
            return readyReply(webApp->serve(request));
        });
    }
    realtime::GatewayOptions gatewayOptions;
    gatewayOptions.pingIntervalMs = m_config.wsPingIntervalSeconds * 1000;
    gatewayOptions.idleTimeoutMs = 2 * gatewayOptions.pingIntervalMs;
    // NATTER_RATE_LIMITS=off (benchmarks only; api.md "Additions v1.1") lifts the socket's frame
    // budget too, so a load client's senders are not refused as floods.
    if (!m_config.rateLimits.enabled) {
        gatewayOptions.rateBurst = 1'000'000;
        gatewayOptions.ratePerSecond = 1'000'000;
    }
    gatewayOptions.maxSocketsPerUser = m_config.maxSocketsPerUser;
    gatewayOptions.maxQueuedDbJobs = m_config.maxQueuedDbJobs;
    gatewayOptions.busUrl = m_config.busUrl;
    parts.realtime = std::make_unique<realtime::Gateway>(*parts.pool, *parts.tokens, *parts.limiter,
                                                         m_config.allowedOrigins, gatewayOptions);
    parts.realtime->attach(*parts.http, parts.metrics);
    for (auto change : {&DbMonitor::databaseUp, &DbMonitor::databaseDown})
        connect(parts.monitor.get(), change, parts.realtime.get(),
                &realtime::Gateway::invalidateConnections);
    parts.metrics.registerGauge(
        u"natter_db_up"_s, u"1 when the database answers."_s,
        [monitor = parts.monitor.get()] { return monitor->isUp() ? 1 : 0; });
    parts.metrics.registerGauge(u"natter_db_queued_jobs"_s,
                                u"Database jobs waiting for a worker."_s,
                                [pool = parts.pool.get()] { return pool->queuedJobs(); });
}

Server::~Server()
{
    stop();
}

Status Server::start()
{
    const auto portUse =
        m_config.reusePort ? HttpServer::PortUse::Shared : HttpServer::PortUse::Exclusive;
    if (!m_parts->http->listenOn(m_config.listenAddress, m_config.listenPort, portUse))
        return ApiError{
            ErrorCode::Internal,
            u"cannot listen on %1:%2 (is another server running?)"_s.arg(
                m_config.listenAddress.toString(), QString::number(m_config.listenPort)),
            {}};
    if (m_parts->metricsHttp &&
        !m_parts->metricsHttp->listenOn(m_config.metricsAddress, m_config.metricsPort)) {
        // Several processes on one machine (natter@8081, natter@8082) would otherwise fight
        // over the default port; serving users matters more than being scraped.
        logging::event(lcServer(), QtWarningMsg,
                       u"metrics listener not started: address in use (set "
                       "NATTER_METRICS_LISTEN per process)"_s,
                       {{u"address"_s, m_config.metricsAddress.toString()},
                        {u"port"_s, int(m_config.metricsPort)}});
        m_parts->metricsHttp.reset();
    }
    m_parts->monitor->start();
    if (m_parts->metricsHttp)
        logging::event(lcServer(), QtInfoMsg, u"metrics listening"_s,
                       {{u"address"_s, m_config.metricsAddress.toString()},
                        {u"port"_s, int(m_parts->metricsHttp->port())}});
    logging::event(lcServer(), QtInfoMsg, u"listening"_s,
                   {{u"address"_s, m_config.listenAddress.toString()},
                    {u"port"_s, int(port())},
                    {u"public_url"_s, m_config.publicUrl.toString()},
                    {u"web_root"_s, m_config.webRoot}});
    return Done{};
}

void Server::stop()
{
    if (!m_parts || !m_parts->http)
        return;
    m_parts->http->stopListening();
    if (m_parts->metricsHttp)
        m_parts->metricsHttp->stopListening();
    m_parts->realtime->shutdown();
    // Pool futures finish through this thread's event loop, which is about to end: deliver
    // them while the controllers their continuations belong to still exist.
    if (!DbPool::settle(QDeadlineTimer(kSettleOnStopMs)))
        logging::event(lcServer(), QtWarningMsg, u"database jobs still running at shutdown"_s,
                       {{u"waited_ms"_s, kSettleOnStopMs}});
}

QStringList Server::routes() const
{
    return m_parts->http->router().describe();
}

quint16 Server::port() const
{
    return m_parts->http->port();
}

} // namespace natter::server
