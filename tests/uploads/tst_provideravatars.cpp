// SPDX-License-Identifier: Apache-2.0
// A sign-in provider's picture is copied to this server after the first sign-in, so no client
// loads an image from a third-party host (issue #13). What is not an image, or comes from a host
// the server must not reach, is given up; links typed into the profile are refused.
#include "fakeprovider.h"
#include "imagesamples.h"
#include "oauthbrowser.h"
#include "testdatabase.h"
#include "uploads/provideravatarcopier.h"

#include <QImage>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::testing;

namespace {

const QByteArray kOrigin = "http://localhost:8080";

} // namespace

class TestProviderAvatars : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<FakeProvider> m_provider;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<QTemporaryDir> m_dataDir;

    QString scalar(const QString &sql)
    {
        QSqlQuery query(m_database->connection());
        if (!query.exec(sql) || !query.next())
            return u"<no row>"_s;
        return query.value(0).isNull() ? u"<null>"_s : query.value(0).toString();
    }

    //! Signs in through GitHub and returns an access token, as the web app would have it.
    QString signIn()
    {
        const auto done = OAuthBrowser(*m_server).signIn(u"github"_s);
        HttpClient client;
        forgetCookies(client);
        client.setHeader("Cookie", "natter_refresh=" + cookieValue(done, "natter_refresh"));
        client.setHeader("Origin", kOrigin);
        const auto refreshed = client.post(m_server->url(u"/api/v1/auth/refresh"_s), {});
        return refreshed.json().value(u"access_token"_s).toString();
    }

    QJsonObject me(const QString &token)
    {
        HttpClient api;
        api.setBearer(token);
        return api.get(m_server->url(u"/api/v1/me"_s)).json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_provider = std::make_unique<FakeProvider>();
        QVERIFY(m_provider->start());
    }

    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_server = std::make_unique<ServerProcess>();
        QProcessEnvironment env = m_provider->serverEnvironment();
        env.insert(u"NATTER_DATA_DIR"_s, m_dataDir->path());
        QVERIFY(m_server->start(m_database->url(), env));
        m_provider->account = {};
        m_provider->pictures.clear();
        m_provider->pictureRequests = 0;
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning("server log:\n%s", m_server->logs().right(4000).constData());
        m_server.reset();
        m_database.reset();
        m_dataDir.reset();
    }

    void providerPictureIsCopiedAndServedFromHere()
    {
        m_provider->pictures.insert(u"/avatars/583231.png"_s,
                                    {samples::pngWithText(460, 460), QByteArray("image/png")});
        m_provider->account.avatarUrl = m_provider->url(u"/avatars/583231.png"_s).toString();
        const QString token = signIn();
        QVERIFY(!token.isEmpty());

        // The sign-in answered first; the copy follows on its own.
        QTRY_VERIFY_WITH_TIMEOUT(
            me(token).value(u"avatar_url"_s).toString().startsWith(u"/api/v1/avatars/"_s), 20000);
        QCOMPARE(m_provider->pictureRequests, 1);
        QCOMPARE(scalar(u"SELECT provider_avatar_url FROM users"_s), u"<null>"_s);

        const auto picture =
            HttpClient().get(m_server->url(me(token).value(u"avatar_url"_s).toString()));
        QCOMPARE(picture.status, 200);
        const QImage served = QImage::fromData(picture.body);
        QVERIFY(!served.isNull());
        QVERIFY(served.width() <= 320); // the avatar's small version, made here

        // Later sign-ins do not copy it again (nor bring it back once removed).
        HttpClient api;
        api.setBearer(token);
        api.setHeader("Origin", kOrigin);
        QCOMPARE(api.postJson(m_server->url(u"/api/v1/users/me"_s),
                              {{u"avatar_url"_s, QJsonValue::Null}})
                     .status,
                 200);
        const QString again = signIn();
        QTest::qWait(300);
        QVERIFY(me(again).value(u"avatar_url"_s).isNull());
        QCOMPARE(m_provider->pictureRequests, 1);
    }

    void whatIsNotAnImageIsGivenUp()
    {
        m_provider->pictures.insert(
            u"/avatars/page.png"_s,
            {QByteArray("<html><script>alert(1)</script></html>"), QByteArray("image/png")});
        m_provider->account.avatarUrl = m_provider->url(u"/avatars/page.png"_s).toString();
        const QString token = signIn();
        QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT provider_avatar_url FROM users"_s), u"<null>"_s,
                                  20000);
        QVERIFY(me(token).value(u"avatar_url"_s).isNull());
        QCOMPARE(scalar(u"SELECT count(*) FROM uploads"_s), u"0"_s);
    }

    void missingPictureIsGivenUp()
    {
        m_provider->account.avatarUrl = m_provider->url(u"/avatars/gone.png"_s).toString();
        const QString token = signIn();
        QTRY_COMPARE_WITH_TIMEOUT(scalar(u"SELECT provider_avatar_url FROM users"_s), u"<null>"_s,
                                  20000);
        QVERIFY(me(token).value(u"avatar_url"_s).isNull());
    }

    void internalHostsAreNeverFetched_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("devServer"); // NATTER_PUBLIC_URL on loopback
        QTest::addColumn<bool>("fetchable");
        QTest::newRow("public https")
            << u"https://avatars.githubusercontent.com/u/1"_s << false << true;
        QTest::newRow("plain http") << u"http://avatars.example/u/1"_s << false << false;
        QTest::newRow("loopback http, production")
            << u"http://127.0.0.1:9/a.png"_s << false << false;
        QTest::newRow("loopback http, development")
            << u"http://127.0.0.1:9/a.png"_s << true << true;
        QTest::newRow("loopback https") << u"https://127.0.0.1/a.png"_s << false << false;
        QTest::newRow("localhost") << u"https://localhost/a.png"_s << false << false;
        QTest::newRow("private 10/8") << u"https://10.1.2.3/a.png"_s << false << false;
        QTest::newRow("private 192.168/16") << u"https://192.168.0.1/a.png"_s << false << false;
        QTest::newRow("cloud metadata") << u"https://169.254.169.254/latest"_s << false << false;
        QTest::newRow("mapped v6") << u"https://[::ffff:10.0.0.1]/a.png"_s << false << false;
        QTest::newRow("unique local v6") << u"https://[fd00::1]/a.png"_s << false << false;
        QTest::newRow("user info") << u"https://me@avatars.example/a.png"_s << false << false;
        QTest::newRow("javascript") << u"javascript:alert(1)"_s << true << false;
    }
    void internalHostsAreNeverFetched()
    {
        QFETCH(QString, url);
        QFETCH(bool, devServer);
        QFETCH(bool, fetchable);
        using natter::server::uploads::ProviderAvatarCopier;
        QCOMPARE(ProviderAvatarCopier::isFetchable(QUrl(url), devServer), fetchable);
    }

    void linksInTheProfileAreRefused()
    {
        const QString token = signIn();
        HttpClient api;
        api.setBearer(token);
        api.setHeader("Origin", kOrigin);
        const QUrl profile = m_server->url(u"/api/v1/users/me"_s);
        const auto refused =
            api.postJson(profile, {{u"avatar_url"_s, u"https://tracker.example/pixel.png"_s}});
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.errorCode(), u"validation_failed"_s);
        QVERIFY(me(token).value(u"avatar_url"_s).isNull());
        // Sending the current value back (a form that keeps the field) changes nothing.
        QCOMPARE(api.postJson(profile, {{u"display_name"_s, u"Octo"_s}, {u"avatar_url"_s, u""_s}})
                     .status,
                 200);
    }
};

QTEST_GUILESS_MAIN(TestProviderAvatars)
#include "tst_provideravatars.moc"
