// SPDX-License-Identifier: Apache-2.0
// Hardened defaults and the smaller holes of issue #11 (findings 5 and 6), each probed against
// a real server process: weak keys and a public dev login stop the server, HSTS, logout from a
// foreign origin, who-before-what on /users/me, the absolute session lifetime, and load
// shedding when the database queue is full.
#include "attacker.h"
#include "chatfixture.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include "natter/events.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

class TestHardening : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;

    QProcessEnvironment serveEnvironment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DATABASE_URL"_s, m_database->url());
        env.insert(u"NATTER_LISTEN"_s, u"127.0.0.1:0"_s);
        env.insert(u"NATTER_METRICS_LISTEN"_s, u"off"_s);
        env.insert(u"NATTER_JWT_SIGNING_KEY"_s, u"hW3k9Qz7LmP2vX8cR5tY1nB6jD4fG0sA"_s);
        return env;
    }
    static QJsonObject devLogin(ServerProcess &server, const QString &name)
    {
        return testing::devLogin(server, name).response.json();
    }

    //! Moves `column` (created_at, expires_at) of the signed-in user's refresh tokens
    //! `interval` into the past, as time would.
    bool backdateRefreshTokens(const QJsonObject &signIn, const QString &column,
                               const QString &interval)
    {
        QSqlQuery query(m_database->connection());
        query.prepare(
            u"UPDATE refresh_tokens SET %1 = now() - ?::interval WHERE user_id = ?::uuid"_s.arg(
                column));
        query.addBindValue(interval);
        query.addBindValue(signIn[u"user"_s][u"id"_s].toString());
        return query.exec() && query.numRowsAffected() > 0;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_database->url()));
        QVERIFY(m_server->waitForHealth(200, 10000));
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void guessableSigningKeyStopsTheServer_data()
    {
        QTest::addColumn<QString>("key");
        QTest::newRow("natter.env.example") << u"CHANGE_ME_TO_48_RANDOM_BYTES_IN_BASE64"_s;
        QTest::newRow("repeated") << u"secretsecretsecretsecretsecretsecret"_s;
        QTest::newRow("one letter") << QString(64, u'a');
    }
    void guessableSigningKeyStopsTheServer()
    {
        QFETCH(QString, key);
        QProcessEnvironment env = serveEnvironment();
        env.insert(u"NATTER_JWT_SIGNING_KEY"_s, key);
        const auto [code, output] = ServerProcess::runOnce({u"serve"_s}, env);
        QCOMPARE(code, 2);
        QVERIFY2(output.contains("NATTER_JWT_SIGNING_KEY"), output.constData());
        QVERIFY2(output.contains("openssl rand"), output.constData());
    }

    void devLoginBehindAPublicUrlStopsTheServer()
    {
        // Caddy always reaches the server on loopback; the public URL is what the world sees.
        QProcessEnvironment env = serveEnvironment();
        env.insert(u"NATTER_DEV_LOGIN"_s, u"1"_s);
        env.insert(u"NATTER_PUBLIC_URL"_s, u"https://chat.example.org"_s);
        const auto [code, output] = ServerProcess::runOnce({u"serve"_s}, env);
        QCOMPARE(code, 2);
        QVERIFY2(output.contains("NATTER_DEV_LOGIN"), output.constData());
    }

    void httpsDeploymentsSendHsts()
    {
        QVERIFY(HttpClient()
                    .get(m_server->url(u"/healthz"_s))
                    .headers.value("strict-transport-security")
                    .isEmpty()); // plain-http localhost: a browser would pin nothing useful
        ServerProcess https;
        QProcessEnvironment env;
        env.insert(u"NATTER_PUBLIC_URL"_s, u"https://chat.example.org"_s);
        env.insert(u"NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK"_s, u"1"_s);
        QVERIFY(https.start(m_database->url(), env));
        for (const QString &path : {u"/healthz"_s, u"/api/v1/me"_s, u"/api/v1/nothing"_s}) {
            const QByteArray hsts =
                HttpClient().get(https.url(path)).headers.value("strict-transport-security");
            QVERIFY2(hsts.contains("max-age=31536000"), qPrintable(path));
        }
        QCOMPARE(https.stop(), 0);
    }

    void metricsStayOffThePublicListener()
    {
        QCOMPARE(HttpClient().get(m_server->url(u"/metrics"_s)).status, 404);
        QCOMPARE(HttpClient().get(m_server->metricsUrl()).status, 200);
    }

    void foreignOriginCannotSignAnyoneOut()
    {
        const QJsonObject kim = devLogin(*m_server, u"Kim"_s);
        const QString refresh = kim.value(u"refresh_token"_s).toString();
        HttpClient attacker;
        attacker.setHeader("Origin", "https://evil.example");
        const auto out = attacker.postJson(m_server->url(u"/api/v1/auth/logout"_s),
                                           {{u"refresh_token"_s, refresh}});
        QCOMPARE(out.status, 403);
        QVERIFY(out.setCookies.isEmpty());
        // The session is untouched.
        QCOMPARE(
            HttpClient()
                .postJson(m_server->url(u"/api/v1/auth/refresh"_s), {{u"refresh_token"_s, refresh}})
                .status,
            200);
    }

    void strangersGet401NotValidationErrors()
    {
        HttpClient stranger;
        QCOMPARE(
            stranger.put(m_server->url(u"/api/v1/users/me/username"_s), {{u"username"_s, u"!"_s}})
                .status,
            401);
        QCOMPARE(stranger.postJson(m_server->url(u"/api/v1/users/me"_s), {{u"display_name"_s, 42}})
                     .status,
                 401);
        QCOMPARE(stranger.post(m_server->url(u"/api/v1/users/me"_s), "not json").status, 401);
    }

    void aSignInEndsAtItsAbsoluteLifetime()
    {
        const QJsonObject lee = devLogin(*m_server, u"Lee"_s);
        // Signed in 100 days ago, past the 90-day limit, however often refreshed since.
        QVERIFY(backdateRefreshTokens(lee, u"created_at"_s, u"100 days"_s));
        QCOMPARE(HttpClient()
                     .postJson(m_server->url(u"/api/v1/auth/refresh"_s),
                               {{u"refresh_token"_s, lee.value(u"refresh_token"_s).toString()}})
                     .status,
                 401);
    }

    void expiredRefreshRowsAreForgotten()
    {
        const QJsonObject mo = devLogin(*m_server, u"Mo"_s);
        const QString userId = mo[u"user"_s][u"id"_s].toString();
        QVERIFY(backdateRefreshTokens(mo, u"expires_at"_s, u"1 hour"_s));
        (void)devLogin(*m_server, u"Someone"_s);
        QSqlQuery query(m_database->connection());
        QVERIFY(query.prepare(u"SELECT count(*) FROM refresh_tokens WHERE user_id = ?::uuid"_s));
        query.addBindValue(userId);
        QVERIFY(query.exec() && query.next());
        QCOMPARE(query.value(0).toInt(), 0);
    }

    void namesAndMessagesCannotImpersonate()
    {
        const QJsonObject pat = devLogin(*m_server, u"Pat"_s);
        HttpClient client;
        client.setBearer(pat.value(u"access_token"_s).toString());
        QCOMPARE(
            client.put(m_server->url(u"/api/v1/users/me/username"_s), {{u"username"_s, u"pat"_s}})
                .status,
            200);
        const QUrl me = m_server->url(u"/api/v1/users/me"_s);
        // A name of invisible fillers, or one that reads backwards from an override.
        QCOMPARE(client.postJson(me, {{u"display_name"_s, u"\u3164\u3164"_s}}).status, 400);
        QCOMPARE(client.postJson(me, {{u"display_name"_s, u"pat\u202Enimda"_s}}).status, 400);
        QCOMPARE(client.postJson(me, {{u"display_name"_s, u"P\u00E1t"_s}}).status, 200);

        const QJsonObject group =
            client
                .postJson(
                    m_server->url(u"/api/v1/conversations"_s),
                    {{u"type"_s, u"group"_s}, {u"title"_s, u"g"_s}, {u"usernames"_s, QJsonArray{}}})
                .json();
        const QUrl messages = m_server->url(
            u"/api/v1/conversations/%1/messages"_s.arg(group.value(u"id"_s).toString()));
        QCOMPARE(client.postJson(messages, {{u"body_text"_s, u"open \u202Etxt.exe"_s}}).status,
                 400);
        QCOMPARE(
            client.postJson(messages, {{u"body_text"_s, u"x"_s + QString(10000, u'\n')}}).status,
            400);
        QCOMPARE(client.postJson(messages, {{u"body_text"_s, u"  fine\n"_s}}).status, 201);
    }

    void aFreedUsernameIsHeldForItsOwner()
    {
        const QJsonObject quinn = devLogin(*m_server, u"Quinn"_s);
        const QJsonObject rival = devLogin(*m_server, u"Rival"_s);
        HttpClient owner;
        owner.setBearer(quinn.value(u"access_token"_s).toString());
        HttpClient other;
        other.setBearer(rival.value(u"access_token"_s).toString());
        const QUrl username = m_server->url(u"/api/v1/users/me/username"_s);
        QCOMPARE(owner.put(username, {{u"username"_s, u"quinn"_s}}).status, 200);
        QCOMPARE(owner.put(username, {{u"username"_s, u"quinn_new"_s}}).status, 200);
        // Someone else cannot pass as quinn to those who knew the name...
        QCOMPARE(other.put(username, {{u"username"_s, u"quinn"_s}}).status, 409);
        // ...but its owner may take it back.
        QCOMPARE(owner.put(username, {{u"username"_s, u"quinn"_s}}).status, 200);
    }

    void aFullDatabaseQueueShedsLoad()
    {
        ServerProcess tight;
        QProcessEnvironment env;
        env.insert(u"NATTER_DB_POOL_SIZE"_s, u"1"_s);
        env.insert(u"NATTER_DB_MAX_QUEUE"_s, u"1"_s);
        QVERIFY(tight.start(m_database->url(), env));
        ChatFixture chat(*m_database);
        const TestUser nia = chat.user(u"nia"_s);
        const QUuid group = chat.group(nia, {});
        WsClient socket;
        QVERIFY(socket.connectAs(webSocketUrl(tight), nia.token));
        // Thirty sends in one burst: far more than one worker with a queue of one can hold.
        for (int i = 0; i < 30; ++i)
            socket.send(QString(events::kMessageSend),
                        {{u"conversation_id"_s, idText(group)}, {u"body_text"_s, u"burst"_s}},
                        u"s%1"_s.arg(i));
        int acked = 0;
        int shed = 0;
        for (int i = 0; i < 30; ++i) {
            const auto answer = socket.waitFor(
                [](const Frame &frame) { return frame.type == u"ack" || frame.type == u"error"; });
            QVERIFY(answer);
            if (answer->type == u"ack")
                ++acked;
            else if (answer->error && answer->error->code == ErrorCode::Unavailable)
                ++shed;
        }
        QVERIFY2(acked > 0 && shed > 0, qPrintable(u"%1 acked, %2 shed"_s.arg(acked).arg(shed)));
        // The socket stays open, and the server answers as soon as the burst is through.
        QCOMPARE(socket.request(QString(events::kPing), {})->type, QString(events::kPong));
        QCOMPARE(HttpClient().get(tight.url(u"/healthz"_s)).status, 200);
        QCOMPARE(tight.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHardening)
#include "tst_hardening.moc"
