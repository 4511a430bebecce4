// SPDX-License-Identifier: Apache-2.0
// Denial of service over plain HTTP (issue #11, findings 1, 4 and 7): request sizes that no
// header can lift, slow and idle connections cut off, and the server's memory watched while
// it is attacked.
#include "httpclient.h"
#include "rawhttp.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace natter::testing;

namespace {

constexpr qint64 kMiB = 1024 * 1024;
//! The 64 KiB body cap plus Qt's buffers: anything far past this means a body was buffered.
constexpr qint64 kAllowedGrowth = 40 * kMiB;

} // namespace

class TestDosGuards : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;
    QTemporaryDir m_webRoot;

    QByteArray exchange(const QByteArray &request, int timeoutMs = 10000)
    {
        RawHttp raw;
        if (!raw.connectTo(m_server->port()))
            return {};
        raw.write(request);
        return raw.readUntilClosed(timeoutMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QFile index(m_webRoot.filePath(u"index.html"_s));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("<!doctype html><title>Natter</title>");
        index.close();
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_server = std::make_unique<ServerProcess>();
        QProcessEnvironment env;
        env.insert(u"NATTER_HTTP_HEADER_TIMEOUT"_s, u"2"_s);
        env.insert(u"NATTER_HTTP_IDLE_TIMEOUT"_s, u"3"_s);
        env.insert(u"NATTER_WEB_ROOT"_s, m_webRoot.path());
        QVERIFY(m_server->start(m_database->url(), env));
        QVERIFY(m_server->waitForHealth(200, 10000));
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    // Finding 1: an Upgrade header used to switch the body guard off, and Qt then buffered a
    // 200 MB body (611 MB peak RSS).
    void upgradeHeaderDoesNotLiftTheBodyLimit_data()
    {
        QTest::addColumn<QByteArray>("upgrade");
        QTest::newRow("made-up protocol") << "Upgrade: foo\r\nConnection: upgrade\r\n"_ba;
        QTest::newRow("h2c") << "Upgrade: h2c\r\nConnection: Upgrade, HTTP2-Settings\r\n"_ba;
        QTest::newRow("websocket on a POST") << "Upgrade: websocket\r\nConnection: Upgrade\r\n"_ba;
    }
    void upgradeHeaderDoesNotLiftTheBodyLimit()
    {
        QFETCH(QByteArray, upgrade);
        const qint64 peakBefore = peakRssBytes(m_server->pid());
        QVERIFY(peakBefore > 0);

        RawHttp raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.write("POST /api/v1/auth/token HTTP/1.1\r\nHost: localhost\r\n"_ba + upgrade +
                  "Content-Type: application/json\r\nContent-Length: 209715200\r\n\r\n"_ba);
        raw.stream(200 * kMiB);
        const QByteArray reply = raw.readUntilClosed(10000);
        const qint64 growth = peakRssBytes(m_server->pid()) - peakBefore;
        QVERIFY2(growth < kAllowedGrowth,
                 qPrintable(u"peak RSS grew by %1 MiB"_s.arg(growth / kMiB)));
        QVERIFY2(reply.startsWith("HTTP/1.1 413"), reply.left(200).constData());
        QCOMPARE(HttpClient().get(m_server->url(u"/healthz"_s)).status, 200);
    }

    // Found by fuzz_http: Qt's parser ends header lines at a bare LF too, and the guard used to
    // know only CRLF. A head with bare LFs hid its Content-Length from the guard, which then
    // took the body for more request heads (each "\r\n\r\n" ending one) while Qt buffered
    // all 200 MB of it.
    void bareLineFeedsDoNotHideABody_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::newRow("LF only")
            << "POST /api/v1/auth/token HTTP/1.1\nHost: x\n"
               "Content-Type: application/json\nContent-Length: 209715200\n\n"_ba;
        QTest::newRow("LF then CRLF") << "POST /api/v1/auth/token HTTP/1.1\r\nHost: x\n"
                                         "Content-Length: 209715200\r\n\r\n"_ba;
        QTest::newRow("chunked behind a LF") << "POST /api/v1/auth/token HTTP/1.1\r\nHost: x\n"
                                                "Transfer-Encoding: chunked\r\n\r\n"_ba;
    }
    void bareLineFeedsDoNotHideABody()
    {
        QFETCH(QByteArray, head);
        const qint64 peakBefore = peakRssBytes(m_server->pid());
        QVERIFY(peakBefore > 0);

        RawHttp raw;
        QVERIFY(raw.connectTo(m_server->port()));
        raw.write(head);
        raw.stream(200 * kMiB, "{}\r\n\r\n"_ba);
        const QByteArray reply = raw.readUntilClosed(10000);
        const qint64 growth = peakRssBytes(m_server->pid()) - peakBefore;
        QVERIFY2(growth < kAllowedGrowth,
                 qPrintable(u"peak RSS grew by %1 MiB"_s.arg(growth / kMiB)));
        QVERIFY2(reply.startsWith("HTTP/1.1 413") || reply.startsWith("HTTP/1.1 411"),
                 reply.left(200).constData());
        QCOMPARE(HttpClient().get(m_server->url(u"/healthz"_s)).status, 200);
    }

    void bodyWithoutLengthIsRefused()
    {
        const QByteArray chunked =
            exchange("POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\nUpgrade: foo\r\n"
                     "Transfer-Encoding: chunked\r\n\r\n10\r\n0123456789abcdef\r\n"_ba);
        QVERIFY2(chunked.startsWith("HTTP/1.1 411"), chunked.constData());
    }

    void conflictingLengthsAreRefused()
    {
        // Two lengths are how requests get smuggled past a proxy that reads the other one.
        const QByteArray reply =
            exchange("POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\n"
                     "Content-Length: 2\r\nContent-Length: 70000\r\n\r\n{}"_ba);
        QVERIFY2(reply.startsWith("HTTP/1.1 400"), reply.constData());
    }

    void webSocketUpgradeCarriesNoBody()
    {
        const QByteArray reply = exchange(
            "GET /api/v1/ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
            "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nContent-Length: 1000\r\n\r\n"_ba +
            QByteArray(1000, 'x'));
        QVERIFY2(reply.startsWith("HTTP/1.1 400"), reply.constData());
    }

    // Finding 4: slowloris. Headers that trickle in are cut off at the header deadline (2 s
    // here), however steadily they trickle.
    void slowHeadersAreCutOff()
    {
        RawHttp raw;
        QVERIFY(raw.connectTo(m_server->port()));
        QVERIFY(raw.write("GET /healthz HTTP/1.1\r\nHost: x\r\n"_ba));
        bool cutOff = false;
        for (int i = 0; i < 40 && !cutOff; ++i) {
            QThread::msleep(250);
            cutOff = !raw.write("X-Trickle-%1: a\r\n"_ba.replace("%1", QByteArray::number(i)));
        }
        const QByteArray reply = raw.readUntilClosed(5000);
        QVERIFY2(cutOff || raw.socket().state() != QAbstractSocket::ConnectedState,
                 "a trickling client kept its connection for 10 s");
        QVERIFY2(reply.isEmpty() || reply.startsWith("HTTP/1.1 408"), reply.constData());
    }

    void stalledBodyIsCutOff()
    {
        RawHttp raw;
        QVERIFY(raw.connectTo(m_server->port()));
        QVERIFY(raw.write("POST /api/v1/auth/token HTTP/1.1\r\nHost: x\r\n"
                          "Content-Length: 1000\r\n\r\n{\"co"_ba));
        QVERIFY2(raw.waitForClose(20000), "a body that stopped arriving kept its connection");
    }

    void idleConnectionsAreClosed()
    {
        RawHttp silent;
        QVERIFY(silent.connectTo(m_server->port()));
        QVERIFY2(silent.waitForClose(15000), "a connection that never spoke was kept");

        // Kept alive after a request, then idle: closed too.
        RawHttp keptAlive;
        QVERIFY(keptAlive.connectTo(m_server->port()));
        QVERIFY(keptAlive.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"_ba));
        const QByteArray reply = keptAlive.readUntilClosed(15000);
        QVERIFY(reply.startsWith("HTTP/1.1 200"));
        QVERIFY(keptAlive.socket().state() != QAbstractSocket::ConnectedState);
    }

    void aPromptClientIsServedOnOneConnection()
    {
        // The deadlines must not get in the way of a normal keep-alive client.
        RawHttp raw;
        QVERIFY(raw.connectTo(m_server->port()));
        for (int i = 0; i < 3; ++i) {
            QVERIFY(raw.write("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"_ba));
            QVERIFY(raw.socket().waitForReadyRead(5000));
            QThread::msleep(50);
            QVERIFY(raw.socket().readAll().startsWith("HTTP/1.1 200"));
        }
    }

    // Finding 7: uptime checks and curl ask for / without Accept: text/html.
    void rootServesTheAppWhateverTheAccept()
    {
        HttpClient client;
        client.setHeader("Accept", "*/*");
        const auto root = client.get(m_server->url(u"/"_s));
        QCOMPARE(root.status, 200);
        QVERIFY(root.body.contains("<title>Natter</title>"));
        const QByteArray head =
            exchange("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"_ba);
        QVERIFY2(head.startsWith("HTTP/1.1 200"), head.constData());
        // A missing asset stays a 404 a developer can see.
        QCOMPARE(client.get(m_server->url(u"/assets/missing.js"_s)).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestDosGuards)
#include "tst_dosguards.moc"
