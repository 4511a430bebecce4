// SPDX-License-Identifier: Apache-2.0
// A WebSocket lives no longer than its sign-in (issue #11, finding 2, and the socket guards of
// finding 4): auth.expiring, renewal on the same socket, 4001 at expiry, 4003 on logout and
// refresh-token reuse on every server process, the per-user socket cap and the typing
// throttle. Real server processes, real sockets, real PostgreSQL.
#include "attacker.h"
#include "auth/tokenservice.h"
#include "chatfixture.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include "natter/events.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>

#include <array>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;
using namespace natter::testing;

namespace {

constexpr char kSigningKey[] = "test-signing-key-that-is-at-least-32-bytes-long";

//! An access token for `userId` that expires `seconds` from now.
QString tokenLasting(const QUuid &userId, int seconds)
{
    return TokenService(kSigningKey, seconds, 30).issueAccess(userId).token;
}

} // namespace

class TestSocketSessions : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ChatFixture> m_chat;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ServerProcess> m_other; //!< a second process on the same database

    static QUrl wsUrl(const ServerProcess &server) { return webSocketUrl(server); }
    SignIn devLogin(const QString &name) { return testing::devLogin(*m_server, name); }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_chat = std::make_unique<ChatFixture>(*m_database);
        QProcessEnvironment env;
        env.insert(u"NATTER_WS_MAX_PER_USER"_s, u"3"_s);
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_database->url(), env));
        m_other = std::make_unique<ServerProcess>();
        QVERIFY(m_other->start(m_database->url(), env));
        QVERIFY(m_server->waitForHealth(200, 10000));
        QVERIFY(m_other->waitForHealth(200, 10000));
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
        if (m_other)
            QCOMPARE(m_other->stop(), 0);
    }

    void renewedOnTheSameSocketWithoutLosingAnything()
    {
        const TestUser ann = m_chat->user(u"ann"_s);
        const TestUser ben = m_chat->user(u"ben"_s);
        const QUuid group = m_chat->group(ann, {ben});
        WsClient socket;
        QVERIFY(socket.connectAs(wsUrl(*m_server), tokenLasting(ann.id, 6)));
        QVERIFY(
            socket.request(QString(events::kRoomJoin), {{u"conversation_id"_s, idText(group)}}));

        const auto expiring = socket.waitForType(QString(events::kAuthExpiring), 10000);
        QVERIFY2(expiring, "no auth.expiring before the token ran out");
        QVERIFY(!expiring->data.value(u"expires_at"_s).toString().isEmpty());
        const auto renewed =
            socket.request(QString(events::kAuth), {{u"token"_s, tokenLasting(ann.id, 900)}});
        QVERIFY(renewed);
        QCOMPARE(renewed->type, QString(events::kAuthOk));

        // Past the first token's expiry the socket is still open, still subscribed.
        QCOMPARE(socket.waitForClose(5000), -1);
        m_chat->send(group, ben, u"still here?"_s);
        const auto message = socket.waitForType(QString(events::kMessageNew));
        QVERIFY(message);
        QCOMPARE(message->data[u"message"_s][u"body_text"_s].toString(), u"still here?"_s);
    }

    void unrenewedSocketClosesAtExpiry()
    {
        const TestUser cid = m_chat->user(u"cid"_s);
        WsClient socket;
        QVERIFY(socket.connectAs(wsUrl(*m_server), tokenLasting(cid.id, 4)));
        QVERIFY(socket.waitForType(QString(events::kAuthExpiring), 10000));
        QCOMPARE(socket.waitForClose(10000), 4001);
    }

    void renewalIsForTheSameUserOnly()
    {
        const TestUser dee = m_chat->user(u"dee"_s);
        const TestUser eve = m_chat->user(u"eve_s"_s);
        WsClient socket;
        QVERIFY(socket.connectAs(wsUrl(*m_server), dee.token));
        const auto swapped = socket.request(QString(events::kAuth), {{u"token"_s, eve.token}});
        QVERIFY(swapped);
        QCOMPARE(swapped->type, u"error"_s);
        const auto garbage = socket.request(QString(events::kAuth), {{u"token"_s, u"x.y.z"_s}});
        QVERIFY(garbage);
        QCOMPARE(garbage->type, u"error"_s);
        // Still dee, still open.
        QCOMPARE(socket.request(QString(events::kPing), {})->type, QString(events::kPong));
    }

    void logoutClosesTheSessionsSocketsOnEveryProcess()
    {
        const SignIn fay = devLogin(u"Fay"_s);
        const SignIn fayElsewhere = devLogin(u"Fay"_s); // another sign-in: stays
        WsClient here;
        WsClient there;
        WsClient otherDevice;
        QVERIFY(here.connectAs(wsUrl(*m_server), fay.access));
        QVERIFY(there.connectAs(wsUrl(*m_other), fay.access));
        QVERIFY(otherDevice.connectAs(wsUrl(*m_other), fayElsewhere.access));

        QElapsedTimer sinceLogout;
        sinceLogout.start();
        QCOMPARE(HttpClient()
                     .postJson(m_server->url(u"/api/v1/auth/logout"_s),
                               {{u"refresh_token"_s, fay.refresh}})
                     .status,
                 204);
        QCOMPARE(here.waitForClose(10000), 4003);
        QCOMPARE(there.waitForClose(10000), 4003);
        qInfo("both sockets of the ended sign-in closed %lld ms after logout",
              sinceLogout.elapsed());
        QCOMPARE(otherDevice.request(QString(events::kPing), {})->type, QString(events::kPong));

        // The access token still verifies for a few minutes, but opens no socket any more.
        WsClient afterwards;
        QVERIFY(afterwards.open(wsUrl(*m_other)));
        afterwards.send(QString(events::kAuth), {{u"token"_s, fay.access}});
        QCOMPARE(afterwards.waitForClose(10000), 4003);
    }

    void refreshTokenReuseClosesTheSockets()
    {
        const SignIn gil = devLogin(u"Gil"_s);
        WsClient socket;
        QVERIFY(socket.connectAs(wsUrl(*m_other), gil.access));
        const QUrl refresh = m_server->url(u"/api/v1/auth/refresh"_s);
        QCOMPARE(HttpClient().postJson(refresh, {{u"refresh_token"_s, gil.refresh}}).status, 200);
        // The rotated token again: someone else holds it, so the whole sign-in ends.
        QCOMPARE(HttpClient().postJson(refresh, {{u"refresh_token"_s, gil.refresh}}).status, 401);
        QCOMPARE(socket.waitForClose(10000), 4003);
    }

    //! Sockets whose tokens arrive together are checked in one batch (realtime/
    //! socketadmissions.h); each still gets its own answer, and an ended sign-in among live
    //! ones is closed alone.
    void socketsAuthenticatingTogetherEachGetTheirOwnAnswer()
    {
        constexpr int kPeople = 9;
        QList<SignIn> signIns;
        for (int i = 0; i < kPeople; ++i) {
            signIns.append(testing::devLogin(*m_server, u"Burst%1"_s.arg(i),
                                             "192.0.2." + QByteArray::number(10 + i)));
            QCOMPARE(signIns.last().status, 200);
        }
        // Every third sign-in ends before its socket authenticates.
        for (int i = 0; i < kPeople; i += 3) {
            QCOMPARE(HttpClient()
                         .postJson(m_server->url(u"/api/v1/auth/logout"_s),
                                   {{u"refresh_token"_s, signIns.at(i).refresh}})
                         .status,
                     204);
        }
        std::array<WsClient, kPeople> sockets;
        for (WsClient &socket : sockets)
            QVERIFY(socket.open(wsUrl(*m_server)));
        // Every token in one go, so the server reads them in the same pass of its event loop.
        for (int i = 0; i < kPeople; ++i)
            sockets.at(i).send(QString(events::kAuth), {{u"token"_s, signIns.at(i).access}});
        for (int i = 0; i < kPeople; ++i) {
            if (i % 3 == 0) {
                QCOMPARE(sockets.at(i).waitForClose(10000), 4003);
                continue;
            }
            const auto ok = sockets.at(i).waitForType(QString(events::kAuthOk), 10000);
            QVERIFY2(ok, qPrintable(u"no auth.ok for socket %1"_s.arg(i)));
            QCOMPARE(ok->data.value(u"user"_s).toObject().value(u"id"_s).toString(),
                     signIns.at(i).userId);
            QCOMPARE(sockets.at(i).request(QString(events::kPing), {})->type,
                     QString(events::kPong));
        }
    }

    void socketsPerUserAreCapped()
    {
        const TestUser hal = m_chat->user(u"hal"_s);
        std::array<WsClient, 4> sockets;
        for (WsClient &socket : sockets) {
            QVERIFY(socket.connectAs(wsUrl(*m_server), hal.token));
            QTest::qWait(20); // so "oldest" is well defined
        }
        // The cap is 3 here: the first socket made way for the fourth.
        QCOMPARE(sockets[0].waitForClose(5000), 4008);
        for (std::size_t i = 1; i < sockets.size(); ++i)
            QCOMPARE(sockets[i].request(QString(events::kPing), {})->type, QString(events::kPong));
    }

    void aFailedUpgradeLeavesNoTokenBehind()
    {
        // Behind a proxy every peer is 127.0.0.1: the token of an upgrade whose handshake
        // failed was kept by address and port, and a later connection from that port that
        // sent no token at all was signed in as its owner.
        const TestUser kay = m_chat->user(u"kay"_s);
        quint16 localPort = 0; // the first connection's, chosen by the kernel
        const QByteArray upgrade = "GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                   "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                                   "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
        {
            QTcpSocket first;
            QVERIFY(first.bind(QHostAddress::LocalHost, 0, QAbstractSocket::ReuseAddressHint));
            localPort = first.localPort();
            first.connectToHost(QHostAddress::LocalHost, m_server->port());
            QVERIFY(first.waitForConnected(5000));
            // An unsupported version: our check passes, Qt's handshake then fails.
            first.write(upgrade + "Sec-WebSocket-Version: 99\r\nAuthorization: Bearer " +
                        kay.token.toLatin1() + "\r\n\r\n");
            QVERIFY(first.waitForReadyRead(5000));
            first.waitForDisconnected(3000);
        }
        QTcpSocket second;
        QVERIFY(second.bind(QHostAddress::LocalHost, localPort, QAbstractSocket::ReuseAddressHint));
        second.connectToHost(QHostAddress::LocalHost, m_server->port());
        QVERIFY(second.waitForConnected(5000));
        second.write(upgrade + "Sec-WebSocket-Version: 13\r\n\r\n");
        QByteArray received;
        const QDeadlineTimer deadline(3000);
        while (!deadline.hasExpired() && second.state() == QAbstractSocket::ConnectedState) {
            second.waitForReadyRead(100);
            received += second.readAll();
        }
        QVERIFY2(received.startsWith("HTTP/1.1 101"), received.constData());
        QVERIFY2(!received.contains("auth.ok"), "a connection without a token was signed in");
    }

    void aBlockersTypingAndReceiptsStayHidden()
    {
        const TestUser una = m_chat->user(u"una"_s);
        const TestUser vic = m_chat->user(u"vic"_s);
        const QUuid dm = m_chat->dm(una, vic);
        m_chat->send(dm, vic, u"one"_s);
        m_chat->send(dm, vic, u"two"_s);
        WsClient blocker;
        WsClient blocked;
        QVERIFY(blocker.connectAs(wsUrl(*m_server), una.token));
        QVERIFY(blocked.connectAs(wsUrl(*m_server), vic.token));
        const QJsonObject room{{u"conversation_id"_s, idText(dm)}};
        QVERIFY(blocker.request(QString(events::kRoomJoin), room));
        QVERIFY(blocked.request(QString(events::kRoomJoin), room));
        const auto read = [&](qint64 seq) {
            return blocker.request(QString(events::kReceiptRead),
                                   {{u"conversation_id"_s, idText(dm)}, {u"seq"_s, seq}});
        };

        // Before the block vic sees both (the test can see them).
        QVERIFY(read(1));
        QVERIFY(blocked.waitFor([&](const Frame &frame) {
            return frame.type == QString(events::kReceiptUpdated) &&
                   frame.data.value(u"user_id"_s).toString() == idText(una.id);
        }));
        QVERIFY(blocker.request(QString(events::kTypingStart), room));
        QVERIFY(blocked.waitForType(QString(events::kTyping)));

        m_chat->block(una, vic);
        QTest::qWait(2500); // the block reaches the server; the typing throttle interval passes
        (void)blocked.drain(QString(events::kTyping), 0);
        QVERIFY(read(2));
        QVERIFY(blocker.request(QString(events::kTypingStart), room));
        QVERIFY(blocked.drain(QString(events::kTyping), 1000).isEmpty());
        const QList<Frame> receipts = blocked.drain(QString(events::kReceiptUpdated), 0);
        for (const Frame &receipt : receipts)
            QVERIFY2(receipt.data.value(u"user_id"_s).toString() != idText(una.id),
                     "the blocked user learnt what the blocker read");
    }

    void alternatingTypingIsThrottled()
    {
        const TestUser ida = m_chat->user(u"ida"_s);
        const TestUser jon = m_chat->user(u"jon"_s);
        const QUuid group = m_chat->group(ida, {jon});
        WsClient typist;
        WsClient watcher;
        QVERIFY(typist.connectAs(wsUrl(*m_server), ida.token));
        QVERIFY(watcher.connectAs(wsUrl(*m_server), jon.token));
        const QJsonObject room{{u"conversation_id"_s, idText(group)}};
        QVERIFY(watcher.request(QString(events::kRoomJoin), room));
        QVERIFY(typist.request(QString(events::kRoomJoin), room));
        // start/stop/start/stop... used to reset the throttle: one notification each.
        for (int i = 0; i < 20; ++i) {
            typist.send(QString(events::kTypingStart), room);
            typist.send(QString(events::kTypingStop), room);
        }
        QCOMPARE(typist.request(QString(events::kPing), {})->type, QString(events::kPong));
        const QList<Frame> seen = watcher.drain(QString(events::kTyping), 1000);
        QVERIFY2(seen.size() <= 2, qPrintable(u"%1 typing frames for 40"_s.arg(seen.size())));
        QVERIFY(!seen.isEmpty()); // the first start still shows
    }
};

QTEST_GUILESS_MAIN(TestSocketSessions)
#include "tst_socketsessions.moc"
