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
        env.insert(u"NATTER_JWT_SIGNING_KEY"_s, QString(40, u'k'));
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
        env.insert(u"NATTER_JWT_SIGNING_KEY"_s, u"short"_s);
        QCOMPARE(failingVariable(env), u"NATTER_JWT_SIGNING_KEY"_s);
        env = base();
        env.remove(u"DATABASE_URL"_s);
        QCOMPARE(failingVariable(env), u"DATABASE_URL"_s);
        env = base();
        env.insert(u"NATTER_PUBLIC_URL"_s, u"ftp://x"_s);
        QCOMPARE(failingVariable(env), u"NATTER_PUBLIC_URL"_s);
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
              "NATTER_ALLOWED_ORIGINS", "NATTER_MIGRATE_ON_START"})
            QVERIFY2(help.contains(QLatin1StringView(name)), name);
    }
};

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
