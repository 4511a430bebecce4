// SPDX-License-Identifier: Apache-2.0
#include "config.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;

class TestConfig : public QObject
{
    Q_OBJECT

    static QProcessEnvironment base()
    {
        QProcessEnvironment env;
        env.insert(u"DATABASE_URL"_s, u"postgres://u@localhost/natter"_s);
        env.insert(u"NATTER_JWT_SIGNING_KEY"_s, u"q3v8ZP1xN0c4RkTj7yWm2bLhGs9DfE6uA5o"_s);
        return env;
    }
    static QString failingVariable(const QProcessEnvironment &env)
    {
        const auto config = Config::fromEnvironment(env);
        return config.ok() ? QString() : config.error().fields.keys().value(0);
    }

private Q_SLOTS:
    void defaults()
    {
        const auto config = Config::fromEnvironment(base());
        QVERIFY(config.ok());
        QCOMPARE(config->listenPort, 8080);
        QVERIFY(config->listenAddress.isLoopback());
        QCOMPARE(config->allowedOrigins, QStringList{u"http://localhost:8080"_s});
        QVERIFY(!config->devLogin);
        QVERIFY(config->migrateOnStart);
        QVERIFY(!config->reusePort);
    }
    void badValuesNameTheVariable()
    {
        auto env = base();
        env.insert(u"NATTER_LISTEN"_s, u"nonsense"_s);
        QCOMPARE(failingVariable(env), u"NATTER_LISTEN"_s);
        env = base();
        env.insert(u"NATTER_DEV_LOGIN"_s, u"yes please"_s);
        QCOMPARE(failingVariable(env), u"NATTER_DEV_LOGIN"_s);
        env = base();
        env.insert(u"NATTER_REUSE_PORT"_s, u"yes"_s);
        QCOMPARE(failingVariable(env), u"NATTER_REUSE_PORT"_s);
        env = base();
        env.insert(u"NATTER_JWT_SIGNING_KEY"_s, u"short"_s);
        QCOMPARE(failingVariable(env), u"NATTER_JWT_SIGNING_KEY"_s);
        env = base();
        env.remove(u"DATABASE_URL"_s);
        QCOMPARE(failingVariable(env), u"DATABASE_URL"_s);
        env = base();
        env.insert(u"NATTER_PUBLIC_URL"_s, u"ftp://x"_s);
        QCOMPARE(failingVariable(env), u"NATTER_PUBLIC_URL"_s);
    }
    void accessTokenLifetime()
    {
        QCOMPARE(Config::fromEnvironment(base())->accessTokenSeconds, 15 * 60);
        auto env = base();
        env.insert(u"NATTER_ACCESS_TOKEN_SECONDS"_s, u"20"_s);
        QCOMPARE(Config::fromEnvironment(env)->accessTokenSeconds, 20);
        // Shorter than ten seconds leaves no room to renew between auth.expiring and expiry.
        env.insert(u"NATTER_ACCESS_TOKEN_SECONDS"_s, u"5"_s);
        QCOMPARE(failingVariable(env), u"NATTER_ACCESS_TOKEN_SECONDS"_s);
    }
    void signingKeyRequiredWithoutDevLogin()
    {
        auto env = base();
        env.remove(u"NATTER_JWT_SIGNING_KEY"_s);
        QCOMPARE(failingVariable(env), u"NATTER_JWT_SIGNING_KEY"_s);
        env.insert(u"NATTER_DEV_LOGIN"_s, u"1"_s);
        QVERIFY(Config::fromEnvironment(env).ok());
    }
    void devLoginRefusedOnPublicAddress()
    {
        auto env = base();
        env.insert(u"NATTER_DEV_LOGIN"_s, u"1"_s);
        env.insert(u"NATTER_LISTEN"_s, u"0.0.0.0:8080"_s);
        QCOMPARE(failingVariable(env), u"NATTER_DEV_LOGIN"_s);
        env.insert(u"NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK"_s, u"1"_s);
        QVERIFY(Config::fromEnvironment(env).ok());
    }
    void guessableSigningKeysAreRefused_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("the example's placeholder") << u"CHANGE_ME_TO_48_RANDOM_BYTES_IN_BASE64"_s;
        QTest::newRow("one letter") << QString(48, u'k');
        QTest::newRow("a short pattern") << u"abcdabcdabcdabcdabcdabcdabcdabcdabcd"_s;
        QTest::newRow("two letters") << u"abababababbbabababaaabababababababbaba"_s;
        QTest::newRow("too short") << u"Zx8#kP2q"_s;
    }
    void guessableSigningKeysAreRefused()
    {
        QFETCH(QString, key);
        auto env = base();
        env.insert(u"NATTER_JWT_SIGNING_KEY"_s, key);
        const auto config = Config::fromEnvironment(env);
        QVERIFY(!config.ok());
        QCOMPARE(config.error().fields.keys().value(0), u"NATTER_JWT_SIGNING_KEY"_s);
        // The message says how to make a good one.
        QVERIFY(config.error().fields.value(u"NATTER_JWT_SIGNING_KEY"_s).contains(u"openssl"_s));
    }
    void devLoginRefusedBehindAPublicProxy()
    {
        // Behind Caddy the server listens on loopback; the public URL tells who reaches it.
        auto env = base();
        env.insert(u"NATTER_DEV_LOGIN"_s, u"1"_s);
        env.insert(u"NATTER_PUBLIC_URL"_s, u"https://chat.example.org"_s);
        QCOMPARE(failingVariable(env), u"NATTER_DEV_LOGIN"_s);
        env.insert(u"NATTER_PUBLIC_URL"_s, u"http://127.0.0.1:8080"_s);
        QVERIFY(Config::fromEnvironment(env).ok());
    }
    void rateLimitsAndProxies()
    {
        auto env = base();
        auto config = Config::fromEnvironment(env);
        QVERIFY(config.ok());
        QVERIFY(config->rateLimits.enabled);
        QVERIFY(config->trustedProxies.contains(QHostAddress(u"127.0.0.1"_s)));
        QVERIFY(!config->trustedProxies.contains(QHostAddress(u"203.0.113.9"_s)));
        env.insert(u"NATTER_RATE_SEND"_s, u"0.5/7"_s);
        env.insert(u"NATTER_TRUSTED_PROXIES"_s, u"10.0.0.0/8, 192.0.2.1"_s);
        config = Config::fromEnvironment(env);
        QVERIFY(config.ok());
        QCOMPARE(config->rateLimits.rate(Limit::Send).perSecond, 0.5);
        QCOMPARE(config->rateLimits.rate(Limit::Send).burst, 7.0);
        QVERIFY(config->trustedProxies.contains(QHostAddress(u"10.1.2.3"_s)));
        QVERIFY(!config->trustedProxies.contains(QHostAddress(u"127.0.0.1"_s)));
        env.insert(u"NATTER_RATE_SEND"_s, u"lots"_s);
        QCOMPARE(failingVariable(env), u"NATTER_RATE_SEND"_s);
        env = base();
        env.insert(u"NATTER_TRUSTED_PROXIES"_s, u"proxy.example"_s);
        QCOMPARE(failingVariable(env), u"NATTER_TRUSTED_PROXIES"_s);
        env = base();
        env.insert(u"NATTER_RATE_LIMITS"_s, u"off"_s);
        QVERIFY(!Config::fromEnvironment(env)->rateLimits.enabled);
    }
    void metricsListener()
    {
        auto env = base();
        QCOMPARE(Config::fromEnvironment(env)->metricsPort, 9464);
        env.insert(u"NATTER_METRICS_LISTEN"_s, u"off"_s);
        QVERIFY(!Config::fromEnvironment(env)->metricsEnabled);
        env.insert(u"NATTER_METRICS_LISTEN"_s, u"nowhere"_s);
        QCOMPARE(failingVariable(env), u"NATTER_METRICS_LISTEN"_s);
    }
    void oidcProvidersByName()
    {
        auto env = base();
        env.insert(u"NATTER_OIDC_GOOGLE_ISSUER"_s, u"https://accounts.google.com"_s);
        env.insert(u"NATTER_OIDC_GOOGLE_CLIENT_ID"_s, u"id"_s);
        env.insert(u"NATTER_OIDC_GOOGLE_CLIENT_SECRET"_s, u"secret"_s);
        const auto config = Config::fromEnvironment(env);
        QVERIFY(config.ok());
        QCOMPARE(config->oidcProviders.size(), 1);
        QCOMPARE(config->oidcProviders.first().id, u"google"_s);
        env.remove(u"NATTER_OIDC_GOOGLE_CLIENT_ID"_s);
        QCOMPARE(failingVariable(env), u"NATTER_OIDC_GOOGLE_CLIENT_ID"_s);
    }
    void allowedOrigins()
    {
        auto env = base();
        env.insert(u"NATTER_PUBLIC_URL"_s, u"https://chat.example.org/"_s);
        env.insert(u"NATTER_ALLOWED_ORIGINS"_s, u"http://localhost:5173, https://other.example"_s);
        const auto config = Config::fromEnvironment(env);
        QVERIFY(config.ok());
        QCOMPARE(config->allowedOrigins,
                 (QStringList{u"https://chat.example.org"_s, u"http://localhost:5173"_s,
                              u"https://other.example"_s}));
    }
    void helpListsEveryVariable()
    {
        const QString help = Config::helpText();
        for (const auto *name :
             {"DATABASE_URL", "NATTER_LISTEN", "NATTER_PUBLIC_URL", "NATTER_WEB_ROOT",
              "NATTER_JWT_SIGNING_KEY", "NATTER_DEV_LOGIN", "NATTER_GITHUB_CLIENT_ID",
              "NATTER_ALLOWED_ORIGINS", "NATTER_MIGRATE_ON_START", "NATTER_METRICS_LISTEN",
              "NATTER_TRUSTED_PROXIES", "NATTER_RATE_LIMITS", "NATTER_RATE_<NAME>",
              "NATTER_ACCESS_TOKEN_SECONDS", "NATTER_REUSE_PORT"})
            QVERIFY2(help.contains(QLatin1StringView(name)), name);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
