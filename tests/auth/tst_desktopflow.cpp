// SPDX-License-Identifier: Apache-2.0
// The desktop app's sign-in (RFC 8252): system browser, loopback redirect, a one-time code
// exchanged with the PKCE verifier. Only loopback redirect URIs are accepted, a code works
// once, for about a minute, and only with the verifier that made its challenge.
#include "fakeprovider.h"
#include "jwtforge.h"
#include "oauthbrowser.h"
#include "testdatabase.h"

#include <QCryptographicHash>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::testing;

namespace {

const QString kVerifier = u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s;
const QString kLoopback = u"http://127.0.0.1:53682/callback"_s;

QString challengeOf(const QString &verifier)
{
    return QString::fromLatin1(
        base64Url(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)));
}

QUrlQuery desktopStart(const QString &redirectUri,
                       const QString &challenge = challengeOf(kVerifier))
{
    QUrlQuery query;
    query.addQueryItem(u"client"_s, u"desktop"_s);
    query.addQueryItem(u"redirect_uri"_s,
                       QString::fromLatin1(QUrl::toPercentEncoding(redirectUri)));
    query.addQueryItem(u"code_challenge"_s, challenge);
    query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    return query;
}

} // namespace

class TestDesktopFlow : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<FakeProvider> m_provider;
    std::unique_ptr<ServerProcess> m_server;

    int count(const QString &sql)
    {
        QSqlQuery query(m_database->connection());
        if (!query.exec(sql) || !query.next())
            return -1;
        return query.value(0).toInt();
    }

    //! Runs the browser part and returns the loopback URL the browser was sent to.
    QUrl browserPart(const QString &provider, const QUrlQuery &start)
    {
        const auto response = OAuthBrowser(*m_server).signIn(provider, start);
        if (response.status != 302)
            return {};
        return QUrl::fromEncoded(response.headers.value("location"));
    }

    HttpResponse exchange(const QString &code, const QString &verifier)
    {
        HttpClient client;
        forgetCookies(client);
        return client.postJson(m_server->url(u"/api/v1/auth/token"_s),
                               {{u"code"_s, code}, {u"code_verifier"_s, verifier}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_provider = std::make_unique<FakeProvider>();
        QVERIFY(m_provider->start());
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_database->url(), m_provider->serverEnvironment()));
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void fullFlow_data()
    {
        QTest::addColumn<QString>("provider");
        QTest::addColumn<QString>("redirectUri");
        QTest::newRow("github, IPv4") << u"github"_s << kLoopback;
        QTest::newRow("google, IPv6") << u"google"_s << u"http://[::1]:40111/oauth/done"_s;
    }
    void fullFlow()
    {
        QFETCH(QString, provider);
        QFETCH(QString, redirectUri);
        QUrlQuery start = desktopStart(redirectUri);
        start.addQueryItem(u"state"_s, u"desktop-own-state-123"_s);
        const QUrl loopback = browserPart(provider, start);
        QCOMPARE(loopback.adjusted(QUrl::RemoveQuery), QUrl(redirectUri));
        const QUrlQuery back(loopback);
        QCOMPARE(back.queryItemValue(u"state"_s), u"desktop-own-state-123"_s);
        const QString code = back.queryItemValue(u"code"_s);
        QCOMPARE(code.size(), 43);

        const auto tokens = exchange(code, kVerifier);
        QCOMPARE(tokens.status, 200);
        const QJsonObject body = tokens.json();
        QVERIFY(!body.value(u"access_token"_s).toString().isEmpty());
        QVERIFY(!body.value(u"refresh_token"_s).toString().isEmpty());
        QCOMPARE(body.value(u"expires_in"_s).toInt(), 900);
        QVERIFY(body.value(u"user"_s).toObject().value(u"username"_s).isNull());
        QVERIFY(tokens.setCookies.isEmpty());

        HttpClient api;
        api.setBearer(body.value(u"access_token"_s).toString());
        QCOMPARE(api.get(m_server->url(u"/api/v1/me"_s)).status, 200);
        HttpClient refresh;
        forgetCookies(refresh);
        const auto rotated =
            refresh.postJson(m_server->url(u"/api/v1/auth/refresh"_s),
                             {{u"refresh_token"_s, body.value(u"refresh_token"_s)}});
        QCOMPARE(rotated.status, 200);
        QVERIFY(!rotated.json().value(u"refresh_token"_s).toString().isEmpty());
    }

    void codeAttacksFail_data()
    {
        QTest::addColumn<QString>("attack");
        for (const char *attack : {"wrong verifier", "reused code", "expired code", "no verifier",
                                   "short verifier", "made-up code"})
            QTest::newRow(attack) << QString::fromLatin1(attack);
    }
    void codeAttacksFail()
    {
        QFETCH(QString, attack);
        const QString code =
            QUrlQuery(browserPart(u"github"_s, desktopStart(kLoopback))).queryItemValue(u"code"_s);
        QCOMPARE(code.size(), 43);
        int sessionsBefore = count(u"SELECT count(*) FROM refresh_tokens"_s);

        HttpResponse response;
        if (attack == "wrong verifier"_L1) {
            response = exchange(code, QString(43, u'x'));
            // The code is burnt by the attempt: the right verifier no longer helps a thief
            // who guesses, and the honest app starts over.
            QCOMPARE(response.status, 400);
            response = exchange(code, kVerifier);
        } else if (attack == "reused code"_L1) {
            QCOMPARE(exchange(code, kVerifier).status, 200);
            ++sessionsBefore;
            response = exchange(code, kVerifier);
        } else if (attack == "expired code"_L1) {
            QSqlQuery expire(m_database->connection());
            QVERIFY(expire.exec(
                u"UPDATE desktop_codes SET expires_at = now() - interval '1 second'"_s));
            response = exchange(code, kVerifier);
        } else if (attack == "no verifier"_L1) {
            HttpClient client;
            response = client.postJson(m_server->url(u"/api/v1/auth/token"_s), {{u"code"_s, code}});
        } else if (attack == "short verifier"_L1) {
            response = exchange(code, kVerifier.left(20));
        } else if (attack == "made-up code"_L1) {
            response = exchange(QString(43, u'C'), kVerifier);
        }
        QCOMPARE(response.status, 400);
        QVERIFY(response.json().value(u"access_token"_s).isUndefined());
        QCOMPARE(count(u"SELECT count(*) FROM refresh_tokens"_s), sessionsBefore);
    }

    void codesExpireAfterAboutAMinute()
    {
        QSqlQuery clear(m_database->connection());
        QVERIFY(clear.exec(u"DELETE FROM desktop_codes"_s));
        browserPart(u"github"_s, desktopStart(kLoopback));
        QCOMPARE(count(u"SELECT count(*) FROM desktop_codes WHERE expires_at > now() + interval "
                       "'50 seconds' AND expires_at <= now() + interval '61 seconds'"_s),
                 1);
    }

    void onlyLoopbackRedirects_data()
    {
        QTest::addColumn<QString>("redirectUri");
        QTest::newRow("other host") << u"http://evil.example:8000/callback"_s;
        QTest::newRow("https loopback") << u"https://127.0.0.1:8000/callback"_s;
        QTest::newRow("localhost name") << u"http://localhost:8000/callback"_s;
        QTest::newRow("loopback-looking host") << u"http://127.0.0.1.evil.example:8000/cb"_s;
        QTest::newRow("user info trick") << u"http://127.0.0.1:8000@evil.example/cb"_s;
        QTest::newRow("backslash trick") << u"http://evil.example\\@127.0.0.1:8000/cb"_s;
        QTest::newRow("no port") << u"http://127.0.0.1/callback"_s;
        QTest::newRow("fragment") << u"http://127.0.0.1:8000/cb#x"_s;
        QTest::newRow("scheme-relative") << u"//evil.example/cb"_s;
        QTest::newRow("javascript") << u"javascript:alert(1)"_s;
        QTest::newRow("custom scheme") << u"natter://callback"_s;
        QTest::newRow("other 127/8") << u"http://127.1.2.3:8000/cb"_s;
        QTest::newRow("empty") << QString();
    }
    void onlyLoopbackRedirects()
    {
        QFETCH(QString, redirectUri);
        const int states = count(u"SELECT count(*) FROM oauth_states"_s);
        const auto response = OAuthBrowser(*m_server).start(u"github"_s, desktopStart(redirectUri));
        QCOMPARE(response.status, 400);
        QCOMPARE(response.errorCode(), u"validation_failed"_s);
        QVERIFY(response.headers.value("location").isEmpty());
        QCOMPARE(count(u"SELECT count(*) FROM oauth_states"_s), states);
    }

    void startParametersAreChecked_data()
    {
        QTest::addColumn<QUrlQuery>("query");
        QUrlQuery noChallenge = desktopStart(kLoopback);
        noChallenge.removeAllQueryItems(u"code_challenge"_s);
        QUrlQuery plain = desktopStart(kLoopback, kVerifier);
        plain.removeAllQueryItems(u"code_challenge_method"_s);
        plain.addQueryItem(u"code_challenge_method"_s, u"plain"_s);
        QUrlQuery shortChallenge = desktopStart(kLoopback, u"abc"_s);
        QUrlQuery webWithRedirect;
        webWithRedirect.addQueryItem(u"redirect_uri"_s, u"https://evil.example/"_s);
        QUrlQuery otherClient = desktopStart(kLoopback);
        otherClient.removeAllQueryItems(u"client"_s);
        otherClient.addQueryItem(u"client"_s, u"mobile"_s);
        QTest::newRow("no challenge") << noChallenge;
        QTest::newRow("plain method") << plain;
        QTest::newRow("short challenge") << shortChallenge;
        QTest::newRow("web with redirect_uri") << webWithRedirect;
        QTest::newRow("unknown client") << otherClient;
    }
    void startParametersAreChecked()
    {
        QFETCH(QUrlQuery, query);
        const auto response = OAuthBrowser(*m_server).start(u"github"_s, query);
        QCOMPARE(response.status, 400);
        QVERIFY(response.headers.value("location").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDesktopFlow)
#include "tst_desktopflow.moc"
