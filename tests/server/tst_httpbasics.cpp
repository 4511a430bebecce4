// SPDX-License-Identifier: Apache-2.0
// The server as an operator and any client meet it: health, metrics, errors, request ids,
// size limits, the web app fallback, configuration errors and graceful shutdown.
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::testing;

class TestHttpBasics : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_webRoot;

private Q_SLOTS:
    void initTestCase()
    {
        QDir(m_webRoot.path()).mkpath(u"assets"_s);
        QFile index(m_webRoot.filePath(u"index.html"_s));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("<!doctype html><title>Natter</title>");
        index.close();
        QFile script(m_webRoot.filePath(u"assets/app-1234.js"_s));
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("console.log('natter')");
        script.close();

        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_server = std::make_unique<ServerProcess>();
        QProcessEnvironment env;
        env.insert(u"NATTER_WEB_ROOT"_s, m_webRoot.path());
        QVERIFY(m_server->start(m_database->url(), env));
        QVERIFY(m_server->waitForHealth(200, 10000));
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0); // graceful on SIGTERM
    }

    void healthz()
    {
        const auto response = HttpClient().get(m_server->url(u"/healthz"_s));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json(), (QJsonObject{{u"status"_s, u"ok"_s}, {u"db"_s, u"ok"_s}}));
    }

    void requestIds()
    {
        HttpClient client;
        const auto generated = client.get(m_server->url(u"/healthz"_s));
        QVERIFY(!generated.headers.value("x-request-id").isEmpty());
        client.setHeader("X-Request-Id", "trace-abc.123");
        QCOMPARE(client.get(m_server->url(u"/healthz"_s)).headers.value("x-request-id"),
                 "trace-abc.123");
        client.setHeader("X-Request-Id", "evil\"}{injected");
        const auto replaced =
            client.get(m_server->url(u"/healthz"_s)).headers.value("x-request-id");
        QVERIFY(!replaced.contains("evil"));
        QCOMPARE(replaced.size(), 36);
    }

    void errorsUseTheContractBody()
    {
        HttpClient client;
        const auto missing = client.get(m_server->url(u"/api/v1/no-such-thing"_s));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), u"not_found"_s);
        QVERIFY(
            !missing.json().value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
        QVERIFY(!missing.headers.value("x-request-id").isEmpty());

        const auto wrongMethod = client.post(m_server->url(u"/healthz"_s), "{}");
        QCOMPARE(wrongMethod.status, 405);
        QCOMPARE(wrongMethod.headers.value("allow"), "GET");
    }

    void oversizedBodiesAreRefusedUnread()
    {
        const auto response =
            HttpClient().post(m_server->url(u"/api/v1/anything"_s), QByteArray(200 * 1024, 'x'));
        QCOMPARE(response.status, 413);
        QCOMPARE(response.errorCode(), u"payload_too_large"_s);

        // A huge declared length is refused before any of the body arrives.
        QTcpSocket socket;
        socket.connectToHost(u"127.0.0.1"_s, m_server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /api/v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: 300000000\r\n\r\n");
        QVERIFY(socket.waitForReadyRead(5000));
        QVERIFY(socket.readAll().startsWith("HTTP/1.1 413"));

        // So is an endless header.
        QTcpSocket flood;
        flood.connectToHost(u"127.0.0.1"_s, m_server->port());
        QVERIFY(flood.waitForConnected(5000));
        flood.write("GET /healthz HTTP/1.1\r\nX-Junk: " + QByteArray(20000, 'a'));
        QVERIFY(flood.waitForReadyRead(5000));
        QVERIFY(flood.readAll().startsWith("HTTP/1.1 431"));

        // The server is still fine.
        QCOMPARE(HttpClient().get(m_server->url(u"/healthz"_s)).status, 200);
    }

    void metricsInPrometheusFormat()
    {
        HttpClient().get(m_server->url(u"/healthz"_s));
        // Only on its own listener: the public one does not tell strangers about its load.
        QCOMPARE(HttpClient().get(m_server->url(u"/metrics"_s)).status, 404);
        const auto response = HttpClient().get(m_server->metricsUrl());
        QCOMPARE(response.status, 200);
        QVERIFY(response.headers.value("content-type").startsWith("text/plain"));
        QVERIFY(response.body.contains(
            "natter_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"));
        QVERIFY(response.body.contains("natter_http_request_duration_seconds_bucket"));
        QVERIFY(response.body.contains("natter_db_up 1"));
    }

    void webAppFallback()
    {
        HttpClient client;
        client.setHeader("Accept", "text/html,application/xhtml+xml");
        const auto deepLink = client.get(m_server->url(u"/app/c/some-conversation"_s));
        QCOMPARE(deepLink.status, 200);
        QVERIFY(deepLink.body.contains("<title>Natter</title>"));
        QVERIFY(deepLink.headers.value("content-security-policy").contains("default-src 'self'"));

        const auto api = client.get(m_server->url(u"/api/v1/unknown"_s));
        QCOMPARE(api.status, 404);
        QCOMPARE(api.errorCode(), u"not_found"_s);

        const auto asset = HttpClient().get(m_server->url(u"/assets/app-1234.js"_s));
        QCOMPARE(asset.status, 200);
        QVERIFY(asset.headers.value("content-type").contains("javascript"));
        QVERIFY(asset.headers.value("cache-control").contains("immutable"));

        const auto traversal =
            HttpClient().get(m_server->url(u"/assets/..%2F..%2F..%2Fetc%2Fpasswd"_s));
        QVERIFY(!traversal.body.contains("root:"));
    }

    void helpAndBadConfiguration()
    {
        auto [code, output] =
            ServerProcess::runOnce({u"--help"_s}, QProcessEnvironment::systemEnvironment());
        QCOMPARE(code, 0);
        QVERIFY(output.contains("NATTER_PUBLIC_URL"));

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DATABASE_URL"_s, m_database->url());
        env.insert(u"NATTER_LISTEN"_s, u"not-an-address"_s);
        std::tie(code, output) = ServerProcess::runOnce({u"serve"_s}, env);
        QCOMPARE(code, 2);
        QVERIFY2(output.contains("NATTER_LISTEN"), output);
    }
};

QTEST_GUILESS_MAIN(TestHttpBasics)
#include "tst_httpbasics.moc"
