// SPDX-License-Identifier: Apache-2.0
// The optional NATS event bus (NATTER_BUS_URL): two natter-server processes on one database
// and a real nats-server behave as one, exactly as over PostgreSQL's NOTIFY, and a bus that
// goes away and comes back loses and duplicates nothing that was acknowledged.
#include "chatfixture.h"
#include "httpclient.h"
#include "natsserver.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QHostAddress>
#include <QTcpSocket>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QJsonObject sendData(const QUuid &conversationId, const QString &text)
{
    return {{u"conversation_id"_s, idText(conversationId)}, {u"body_text"_s, text}};
}

QProcessEnvironment busEnvironment(const NatsServer &nats)
{
    QProcessEnvironment env;
    env.insert(u"NATTER_BUS_URL"_s, nats.url());
    return env;
}

//! A database, a nats-server and two natter-server processes on that bus.
struct TwoProcessesOnABus
{
    TestDatabase db;
    NatsServer nats;
    ServerProcess first, second;

    [[nodiscard]] bool start()
    {
        return db.isValid() && nats.start() &&
               startTwoProcesses(first, second, db.url(), busEnvironment(nats));
    }
};

//! Connects `socket` to `server` as `user` and joins `group`: a member watching it.
bool watchGroup(WsClient &socket, const ServerProcess &server, const TestUser &user,
                const QUuid &group)
{
    return socket.connectAs(server.socketUrl(), user.token) &&
           socket.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}).has_value();
}

QList<qint64> oneTo(qint64 last)
{
    QList<qint64> seqs;
    for (qint64 seq = 1; seq <= last; ++seq)
        seqs.append(seq);
    return seqs;
}

//! Sends `count` messages from each socket, interleaved, without waiting for one ack before
//! the next send: concurrent senders on both processes. Returns the acked seqs (-1 when a
//! send was not acked).
QList<qint64> sendConcurrently(const QList<WsClient *> &senders, const QUuid &conversationId,
                               int count, const QString &tag)
{
    QList<QString> ids;
    for (int i = 0; i < count; ++i) {
        for (int s = 0; s < senders.size(); ++s) {
            const QString id = u"%1-%2-%3"_s.arg(tag).arg(s).arg(i);
            senders.at(s)->send(u"message.send"_s, sendData(conversationId, id), id);
            ids.append(id);
        }
    }
    QList<qint64> acked;
    for (int s = 0; s < senders.size(); ++s) {
        for (int i = 0; i < count; ++i) {
            const QString id = u"%1-%2-%3"_s.arg(tag).arg(s).arg(i);
            const auto ack =
                senders.at(s)->waitFor([&id](const Frame &frame) { return frame.id == id; }, 20000);
            acked.append(ack && ack->type == u"ack"_s
                             ? ack->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger()
                             : -1);
        }
    }
    std::sort(acked.begin(), acked.end());
    return acked;
}

//! Publishes `payload` on the bus's subject as a bare NATS client (the protocol is text:
//! CONNECT, PUB, and a PING whose PONG says the server has it).
bool publishRaw(const NatsServer &nats, const QByteArray &payload)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, nats.port());
    if (!socket.waitForConnected(5000))
        return false;
    socket.write("CONNECT {\"verbose\":false}\r\nPUB natter.events " +
                 QByteArray::number(payload.size()) + "\r\n" + payload + "\r\nPING\r\n");
    QByteArray answer;
    QDeadlineTimer deadline(5000);
    while (!answer.contains("PONG") && !deadline.hasExpired() && socket.waitForReadyRead(100))
        answer += socket.readAll();
    return answer.contains("PONG");
}

struct WebSignIn
{
    QString userId;
    QString accessToken;
    QString refreshToken;
};

//! A real sign-in (development login, a refresh family of its own) on `server`.
WebSignIn signIn(const ServerProcess &server, const QString &name)
{
    HttpClient http;
    const auto login = http.postJson(server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, name}});
    if (login.status != 200)
        return {};
    const QJsonObject body = login.json();
    http.setBearer(body.value(u"access_token"_s).toString());
    http.put(server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, name}});
    return {body.value(u"user"_s).toObject().value(u"id"_s).toString(),
            body.value(u"access_token"_s).toString(), body.value(u"refresh_token"_s).toString()};
}

} // namespace

class TestNatsBus : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void messagesCrossProcessesOnceAndInOrder()
    {
        TwoProcessesOnABus cluster;
        QVERIFY(cluster.start());
        auto &[db, nats, first, second] = cluster;

        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const TestUser carol = chat.user(u"carol"_s);
        const QUuid group = chat.group(alice, {bob, carol});
        // Alice and carol on the first process, bob on the second.
        WsClient aliceSocket, bobSocket, carolSocket;
        QVERIFY(watchGroup(aliceSocket, first, alice, group));
        QVERIFY(watchGroup(bobSocket, second, bob, group));
        QVERIFY(watchGroup(carolSocket, first, carol, group));

        // One way, then concurrent senders on both processes.
        for (int i = 0; i < 5; ++i)
            QCOMPARE(aliceSocket.request(u"message.send"_s, sendData(group, u"a%1"_s.arg(i)))->type,
                     u"ack"_s);
        QCOMPARE(sendConcurrently({&aliceSocket, &bobSocket}, group, 40, u"c"_s), oneTo(85).mid(5));

        for (WsClient *socket : {&aliceSocket, &bobSocket, &carolSocket}) {
            QCOMPARE(seqsOf(socket->collect(u"message.new"_s, 85, 20000)), oneTo(85));
            QVERIFY(socket->drain(u"message.new"_s, 500).isEmpty()); // nothing twice
        }
        // Both processes say the bus is up.
        HttpClient http;
        for (ServerProcess *server : {&first, &second})
            QVERIFY(http.get(server->metricsUrl()).body.contains("natter_bus_up 1"));
    }

    void receiptsBlocksAndSignOutsCrossProcesses()
    {
        TwoProcessesOnABus cluster;
        QVERIFY(cluster.start());
        auto &[db, nats, first, second] = cluster;

        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const TestUser carol = chat.user(u"carol"_s);
        const QUuid group = chat.group(alice, {bob, carol});
        WsClient aliceSocket, bobSocket, carolSocket;
        QVERIFY(watchGroup(aliceSocket, first, alice, group));
        QVERIFY(watchGroup(bobSocket, second, bob, group));
        QVERIFY(watchGroup(carolSocket, second, carol, group));

        // A receipt made on the second process reaches the first.
        QCOMPARE(aliceSocket.request(u"message.send"_s, sendData(group, u"hello"_s))->type,
                 u"ack"_s);
        QCOMPARE(seqsOf(bobSocket.collect(u"message.new"_s, 1, 20000)), (QList<qint64>{1}));
        QCOMPARE(seqsOf(aliceSocket.collect(u"message.new"_s, 1, 20000)), (QList<qint64>{1}));
        QCOMPARE(
            bobSocket
                .request(u"receipt.read"_s, {{u"conversation_id"_s, idText(group)}, {u"seq"_s, 1}})
                ->type,
            u"ack"_s);
        const auto receipt = aliceSocket.waitFor(
            [&](const Frame &frame) {
                return frame.type == u"receipt.updated"_s &&
                       frame.data.value(u"user_id"_s).toString() == idText(bob.id) &&
                       frame.data.value(u"read_seq"_s).toInteger() == 1;
            },
            15000);
        QVERIFY(receipt);

        // Alice blocks bob through the second process; her socket on the first stops getting
        // his messages, and carol's message after his still comes (so the block was applied
        // in commit order, before his send).
        HttpClient aliceHttp;
        aliceHttp.setBearer(alice.token);
        const auto blocked =
            aliceHttp.postJson(second.url(u"/api/v1/blocks/%1"_s.arg(bob.username)), {});
        QCOMPARE(blocked.status, 204);
        QCOMPARE(bobSocket.request(u"message.send"_s, sendData(group, u"from bob"_s))->type,
                 u"ack"_s);
        QCOMPARE(carolSocket.request(u"message.send"_s, sendData(group, u"from carol"_s))->type,
                 u"ack"_s);
        QCOMPARE(seqsOf(aliceSocket.collect(u"message.new"_s, 1, 20000)), (QList<qint64>{3}));
        QVERIFY(aliceSocket.drain(u"message.new"_s, 500).isEmpty());

        // A sign-in ended on the first process closes its socket on the second with 4003.
        const WebSignIn dave = signIn(first, u"dave"_s);
        QVERIFY(!dave.refreshToken.isEmpty());
        WsClient daveSocket;
        QVERIFY(daveSocket.connectAs(second.socketUrl(), dave.accessToken));
        HttpClient other;
        const auto logout = other.postJson(first.url(u"/api/v1/auth/logout"_s),
                                           {{u"refresh_token"_s, dave.refreshToken}});
        QVERIFY2(logout.status == 204 || logout.status == 200, logout.body.constData());
        QCOMPARE(daveSocket.waitForClose(15000), 4003);
    }

    void aBusRestartLosesAndDuplicatesNothing()
    {
        TwoProcessesOnABus cluster;
        QVERIFY(cluster.start());
        auto &[db, nats, first, second] = cluster;
        const quint16 natsPort = nats.port();

        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient aliceSocket, bobSocket;
        QVERIFY(watchGroup(aliceSocket, first, alice, group));
        QVERIFY(watchGroup(bobSocket, second, bob, group));

        // Traffic from both processes, the bus killed in the middle of it, traffic while it is
        // gone (stored and acked: PostgreSQL is the authority), then it comes back.
        QList<qint64> acked = sendConcurrently({&aliceSocket, &bobSocket}, group, 10, u"before"_s);
        nats.kill();
        acked += sendConcurrently({&aliceSocket, &bobSocket}, group, 10, u"during"_s);
        // The servers stay up and answer while the bus is away.
        QVERIFY(first.waitForHealth(200, 5000));
        QVERIFY(second.waitForHealth(200, 5000));
        QTRY_VERIFY_WITH_TIMEOUT(first.logs().contains("event bus lost its connection"), 15000);
        QTRY_VERIFY_WITH_TIMEOUT(second.logs().contains("event bus lost its connection"), 15000);
        QVERIFY(nats.start(natsPort));
        acked += sendConcurrently({&aliceSocket, &bobSocket}, group, 10, u"after"_s);
        std::sort(acked.begin(), acked.end());
        QCOMPARE(acked, oneTo(60));

        // Every acked message exactly once and in order on both processes' sockets.
        for (WsClient *socket : {&aliceSocket, &bobSocket}) {
            QCOMPARE(seqsOf(socket->collect(u"message.new"_s, 60, 30000)), oneTo(60));
            QVERIFY(socket->drain(u"message.new"_s, 500).isEmpty());
        }
        HttpClient http;
        for (ServerProcess *server : {&first, &second}) {
            QVERIFY(server->isRunning());
            QTRY_VERIFY_WITH_TIMEOUT(
                http.get(server->metricsUrl()).body.contains("natter_bus_up 1"), 15000);
        }
    }

    void aProcessThatMissedEventsReadsThemFromTheDatabase()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        NatsServer nats;
        QVERIFY(nats.start());
        ServerProcess server;
        QVERIFY(server.start(db.url(), busEnvironment(nats)));
        QVERIFY(server.waitForHealth(200, 15000));
        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient aliceSocket;
        QVERIFY(watchGroup(aliceSocket, server, alice, group));

        // Stored, but its event never reaches the bus (this test process publishes with
        // NOTIFY, which a process on NATS does not hear): as if NATS had dropped it.
        chat.send(group, bob, u"dropped on the way"_s);
        QVERIFY(aliceSocket.drain(u"message.new"_s, 1000).isEmpty());
        // A heartbeat of some process saying it published 3 events this one never heard: the
        // server recovers from PostgreSQL, and the message arrives, once.
        QVERIFY(publishRaw(nats, "ghost-process 3\n"));
        QCOMPARE(seqsOf(aliceSocket.collect(u"message.new"_s, 1, 20000)), (QList<qint64>{1}));
        QVERIFY(aliceSocket.drain(u"message.new"_s, 500).isEmpty());
        QVERIFY(server.logs().contains("event bus missed events; recovering"));
    }

    void processesStartBeforeTheBusAndJoinItLater()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        // A port where no bus answers yet.
        NatsServer nats;
        QVERIFY(nats.start());
        const quint16 natsPort = nats.port();
        nats.kill();
        ServerProcess first, second;
        QVERIFY(startTwoProcesses(first, second, db.url(), busEnvironment(nats)));
        HttpClient http;
        QVERIFY(http.get(first.metricsUrl()).body.contains("natter_bus_up 0"));

        QVERIFY(nats.start(natsPort));
        for (ServerProcess *server : {&first, &second})
            QTRY_VERIFY_WITH_TIMEOUT(
                http.get(server->metricsUrl()).body.contains("natter_bus_up 1"), 15000);
        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient aliceSocket, bobSocket;
        QVERIFY(watchGroup(aliceSocket, first, alice, group));
        QVERIFY(watchGroup(bobSocket, second, bob, group));
        QCOMPARE(aliceSocket.request(u"message.send"_s, sendData(group, u"hi"_s))->type, u"ack"_s);
        QCOMPARE(seqsOf(bobSocket.collect(u"message.new"_s, 1, 20000)), (QList<qint64>{1}));
    }
};

QTEST_GUILESS_MAIN(TestNatsBus)
#include "tst_natsbus.moc"
