// SPDX-License-Identifier: Apache-2.0
// Rate limits (issue #11, finding 3): each limit is attacked over the network until it answers
// 429 with Retry-After (REST) or a rate_limited error frame (socket). Limits are tiny here so a
// few requests reach them; each case speaks from its own address through X-Forwarded-For,
// which the server believes only from its trusted proxies (loopback by default).
#include "attacker.h"
#include "chatfixture.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include "natter/events.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

double counter(const QByteArray &metrics, const QString &name)
{
    const auto match =
        QRegularExpression(u"^%1 ([0-9.e+]+)$"_s.arg(QRegularExpression::escape(name)),
                           QRegularExpression::MultilineOption)
            .match(QString::fromLatin1(metrics));
    return match.hasMatch() ? match.captured(1).toDouble() : -1;
}

} // namespace

class TestRateLimits : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ChatFixture> m_chat;

    static HttpResponse devLogin(const QByteArray &address, const QString &name,
                                 ServerProcess *server)
    {
        return testing::devLogin(*server, name, address).response;
    }
    static void verifyRefused(const HttpResponse &response)
    {
        QCOMPARE(response.status, 429);
        QCOMPARE(response.errorCode(), u"rate_limited"_s);
        bool ok = false;
        const int retryAfter = response.headers.value("retry-after").toInt(&ok);
        QVERIFY2(ok && retryAfter >= 1, response.headers.value("retry-after").constData());
        QCOMPARE(response.json()[u"error"_s][u"retry_after"_s].toInt(), retryAfter);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_chat = std::make_unique<ChatFixture>(*m_database);
        m_server = std::make_unique<ServerProcess>();
        QProcessEnvironment env;
        env.insert(u"NATTER_RATE_SIGNIN"_s, u"0.01/3"_s);
        env.insert(u"NATTER_RATE_REFRESH"_s, u"0.01/3"_s);
        env.insert(u"NATTER_RATE_SEND"_s, u"0.01/4"_s);
        env.insert(u"NATTER_RATE_REPORT"_s, u"0.01/2"_s);
        env.insert(u"NATTER_RATE_SEARCH"_s, u"0.01/3"_s);
        env.insert(u"NATTER_RATE_GROUP_CREATE"_s, u"0.01/2"_s);
        // A provider to start sign-ins with; its endpoints are never reached.
        env.insert(u"NATTER_GITHUB_CLIENT_ID"_s, u"client"_s);
        env.insert(u"NATTER_GITHUB_CLIENT_SECRET"_s, u"secret"_s);
        env.insert(u"NATTER_GITHUB_AUTHORIZE_URL"_s, u"http://127.0.0.1:9/authorize"_s);
        QVERIFY(m_server->start(m_database->url(), env));
        QVERIFY(m_server->waitForHealth(200, 10000));
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void devLoginFloodIsRefused()
    {
        for (int i = 0; i < 3; ++i)
            QCOMPARE(devLogin("198.51.100.1", u"flood%1"_s.arg(i), m_server.get()).status, 200);
        for (int i = 0; i < 5; ++i)
            verifyRefused(devLogin("198.51.100.1", u"flood9"_s, m_server.get()));
        // Logged once per run of refusals, not once per request: a flood cannot fill the disk.
        QTest::qWait(200);
        QCOMPARE(m_server->logs().count("\"client\":\"ip:198.51.100.1\""), 1);
        // Someone else, from elsewhere, is not affected.
        QCOMPARE(devLogin("198.51.100.2", u"bystander"_s, m_server.get()).status, 200);
    }

    void oauthStartFloodIsRefused()
    {
        // Each start writes a row for anyone who asks: the same sign-in budget.
        HttpClient client;
        client.setHeader("X-Forwarded-For", "198.51.100.3");
        const QUrl start = m_server->url(u"/api/v1/auth/github/start"_s);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.get(start).status, 302);
        verifyRefused(client.get(start));
        verifyRefused(client.get(m_server->url(u"/api/v1/auth/github/callback?code=x&state=y"_s)));
        verifyRefused(client.postJson(m_server->url(u"/api/v1/auth/token"_s),
                                      {{u"code"_s, u"x"_s}, {u"code_verifier"_s, u"y"_s}}));
    }

    void refreshFloodIsRefused()
    {
        HttpClient client;
        client.setHeader("X-Forwarded-For", "198.51.100.4");
        const QUrl refresh = m_server->url(u"/api/v1/auth/refresh"_s);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.postJson(refresh, {{u"refresh_token"_s, u"x.y.z"_s}}).status, 401);
        verifyRefused(client.postJson(refresh, {{u"refresh_token"_s, u"x.y.z"_s}}));
    }

    void forwardedForCountsOnlyRightOfOurProxies()
    {
        // A client that writes its own X-Forwarded-For through our proxy gets the proxy's
        // address appended: the right-most untrusted address is the one that counts.
        for (int i = 0; i < 3; ++i) {
            const QByteArray forged = "203.0.113." + QByteArray::number(i) + ", 198.51.100.5";
            QCOMPARE(devLogin(forged, u"forger%1"_s.arg(i), m_server.get()).status, 200);
        }
        verifyRefused(devLogin("203.0.113.77, 198.51.100.5", u"forger9"_s, m_server.get()));
    }

    void forwardedForFromStrangersIsIgnored()
    {
        ServerProcess direct;
        QProcessEnvironment env;
        env.insert(u"NATTER_RATE_SIGNIN"_s, u"0.01/3"_s);
        env.insert(u"NATTER_TRUSTED_PROXIES"_s, u"none"_s);
        QVERIFY(direct.start(m_database->url(), env));
        for (int i = 0; i < 3; ++i) {
            const QByteArray forged = "203.0.113." + QByteArray::number(i + 10);
            QCOMPARE(devLogin(forged, u"direct%1"_s.arg(i), &direct).status, 200);
        }
        verifyRefused(devLogin("203.0.113.99", u"direct9"_s, &direct));
        QCOMPARE(direct.stop(), 0);
    }

    void oneSendBudgetForRestAndSocket()
    {
        const TestUser alice = m_chat->user(u"sender_alice"_s);
        const QUuid group = m_chat->group(alice, {});
        HttpClient rest;
        rest.setBearer(alice.token);
        const QUrl messages =
            m_server->url(u"/api/v1/conversations/%1/messages"_s.arg(idText(group)));
        WsClient socket;
        QVERIFY(socket.connectAs(webSocketUrl(*m_server), alice.token));
        const QJsonObject frameData{{u"conversation_id"_s, idText(group)},
                                    {u"body_text"_s, u"hi"_s}};

        QCOMPARE(rest.postJson(messages, {{u"body_text"_s, u"one"_s}}).status, 201);
        QCOMPARE(rest.postJson(messages, {{u"body_text"_s, u"two"_s}}).status, 201);
        QCOMPARE(socket.request(QString(events::kMessageSend), frameData)->type, u"ack"_s);
        QCOMPARE(socket.request(QString(events::kMessageSend), frameData)->type, u"ack"_s);
        // Four sent, two each way: the budget of four is spent on both transports.
        verifyRefused(rest.postJson(messages, {{u"body_text"_s, u"five"_s}}));
        const auto refused = socket.request(QString(events::kMessageSend), frameData);
        QVERIFY(refused);
        QCOMPARE(refused->type, u"error"_s);
        QVERIFY(refused->error);
        QCOMPARE(refused->error->code, ErrorCode::RateLimited);
        QVERIFY(refused->error->retryAfterSeconds >= 1);
        // The socket stays open and usable.
        QCOMPARE(socket.request(QString(events::kPing), {})->type, QString(events::kPong));
    }

    void reportsSearchesAndGroupsAreLimited()
    {
        const TestUser mallory = m_chat->user(u"mallory"_s);
        const TestUser target = m_chat->user(u"target"_s);
        HttpClient client;
        client.setBearer(mallory.token);

        const QUrl reports = m_server->url(u"/api/v1/reports"_s);
        const QJsonObject report{{u"username"_s, target.username}, {u"reason"_s, u"spam"_s}};
        QCOMPARE(client.postJson(reports, report).status, 201);
        QCOMPARE(client.postJson(reports, report).status, 201);
        verifyRefused(client.postJson(reports, report));

        const QUrl search = m_server->url(u"/api/v1/users/search?q=ta"_s);
        for (int i = 0; i < 3; ++i)
            QCOMPARE(client.get(search).status, 200);
        verifyRefused(client.get(search));

        const QUrl conversations = m_server->url(u"/api/v1/conversations"_s);
        const QJsonObject group{{u"type"_s, u"group"_s},
                                {u"title"_s, u"g"_s},
                                {u"usernames"_s, QJsonArray{target.username}}};
        QCOMPARE(client.postJson(conversations, group).status, 201);
        QCOMPARE(client.postJson(conversations, group).status, 201);
        verifyRefused(client.postJson(conversations, group));
    }

    void groupSizeIsCheckedBeforeAnyLookup()
    {
        // ~10k usernames in one 64 KB body used to cost one query each before the size check.
        const TestUser creator = m_chat->user(u"bulk_creator"_s);
        QJsonArray usernames;
        for (int i = 0; i < 3000; ++i)
            usernames.append(u"nobody%1"_s.arg(i));
        HttpClient client;
        client.setBearer(creator.token);
        const auto response = client.postJson(
            m_server->url(u"/api/v1/conversations"_s),
            {{u"type"_s, u"group"_s}, {u"title"_s, u"big"_s}, {u"usernames"_s, usernames}});
        QCOMPARE(response.status, 400);
        // Refused for its size, not for the first unknown name it would have looked up.
        const QString why = response.json()[u"error"_s][u"fields"_s][u"usernames"_s].toString();
        QVERIFY2(why.contains(u"at most"_s), qPrintable(why));
    }

    void refusalsAreCounted()
    {
        const QByteArray metrics = HttpClient().get(m_server->metricsUrl()).body;
        QVERIFY(counter(metrics, u"natter_rate_limited_total{limit=\"signin\"}"_s) >= 3);
        QVERIFY(counter(metrics, u"natter_rate_limited_total{limit=\"send\"}"_s) >= 2);
        QCOMPARE(counter(metrics, u"natter_rate_limited_total{limit=\"upload\"}"_s), 0.0);
    }

    void limitsOffForBenchmarksOnly()
    {
        ServerProcess bench;
        QProcessEnvironment env;
        env.insert(u"NATTER_RATE_SIGNIN"_s, u"0.01/1"_s);
        env.insert(u"NATTER_RATE_LIMITS"_s, u"off"_s);
        QVERIFY(bench.start(m_database->url(), env));
        for (int i = 0; i < 5; ++i)
            QCOMPARE(devLogin("198.51.100.50", u"bench%1"_s.arg(i), &bench).status, 200);
        QVERIFY(bench.logs().contains("RATE LIMITS ARE OFF"));
        QCOMPARE(bench.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestRateLimits)
#include "tst_ratelimits.moc"
