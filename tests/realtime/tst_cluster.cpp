// SPDX-License-Identifier: Apache-2.0
// Several natter-server processes on one database behave as one: events published by one
// reach sockets on the others, and a process killed under its clients loses nothing they
// were told was stored.
#include "chatfixture.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QJsonObject sendData(const QUuid &conversationId, const QString &text)
{
    return {{u"conversation_id"_s, idText(conversationId)}, {u"body_text"_s, text}};
}

} // namespace

class TestCluster : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void twoProcessesBehaveAsOne()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        ServerProcess first, second;
        QVERIFY(startTwoProcesses(first, second, db.url()));

        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient aliceSocket, bobSocket;
        QVERIFY(aliceSocket.connectAs(first.socketUrl(), alice.token));
        QVERIFY(bobSocket.connectAs(second.socketUrl(), bob.token));
        QVERIFY(aliceSocket.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));
        QVERIFY(bobSocket.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));

        // Both ways, each seen once and in order by both sides.
        for (int i = 0; i < 10; ++i) {
            WsClient &sender = i % 2 ? bobSocket : aliceSocket;
            const auto ack = sender.request(u"message.send"_s, sendData(group, u"m%1"_s.arg(i)));
            QVERIFY(ack);
            QCOMPARE(ack->type, u"ack"_s);
        }
        const QList<qint64> expected{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        QCOMPARE(seqsOf(aliceSocket.collect(u"message.new"_s, 10)), expected);
        QCOMPARE(seqsOf(bobSocket.collect(u"message.new"_s, 10)), expected);
        QVERIFY(aliceSocket.drain(u"message.new"_s).isEmpty());

        // Typing crosses processes too.
        bobSocket.send(u"typing.start"_s, {{u"conversation_id"_s, idText(group)}});
        const auto typing = aliceSocket.waitForType(u"typing"_s);
        QVERIFY(typing);
        QCOMPARE(typing->data.value(u"user_id"_s).toString(), idText(bob.id));

        // A send the REST way (the chat service) reaches sockets on both processes.
        chat.send(group, alice, u"over rest"_s);
        QCOMPARE(seqsOf(aliceSocket.collect(u"message.new"_s, 1)), (QList<qint64>{11}));
        QCOMPARE(seqsOf(bobSocket.collect(u"message.new"_s, 1)), (QList<qint64>{11}));
    }

    //! NATTER_REUSE_PORT=1: two processes on one port, the kernel spreading the sockets.
    void twoProcessesShareOnePort()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QProcessEnvironment shared;
        shared.insert(u"NATTER_REUSE_PORT"_s, u"1"_s);
        ServerProcess first, second;
        QVERIFY(first.start(db.url(), shared));
        QVERIFY(second.start(db.url(), shared, first.port()));
        QVERIFY(first.waitForHealth(200, 15000));
        QVERIFY(second.waitForHealth(200, 15000));

        // Without the flag a third server on the port is refused, as a second server started
        // by mistake should be.
        ServerProcess intruder;
        QVERIFY(!intruder.start(db.url(), {}, first.port()));
        QVERIFY(intruder.logs().contains("cannot listen"));

        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        // 24 sockets from other source ports: all on one process by chance is 2 in 2^24.
        std::vector<std::unique_ptr<WsClient>> sockets;
        for (int i = 0; i < 24; ++i) {
            sockets.push_back(std::make_unique<WsClient>());
            QVERIFY(sockets.back()->connectAs(first.socketUrl(), bob.token));
            QVERIFY(
                sockets.back()->request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));
        }
        const int onFirst = first.authenticatedSockets();
        const int onSecond = second.authenticatedSockets();
        QCOMPARE(onFirst + onSecond, 24);
        QVERIFY2(onFirst > 0 && onSecond > 0,
                 qPrintable(u"%1 and %2 sockets"_s.arg(onFirst).arg(onSecond)));

        // Every socket gets the message once, whichever process holds it.
        chat.send(group, alice, u"to all of bob's tabs"_s);
        for (const auto &socket : sockets)
            QCOMPARE(seqsOf(socket->collect(u"message.new"_s, 1)), (QList<qint64>{1}));

        // One process leaves: new sockets go to the one still listening.
        QCOMPARE(first.stop(), 0);
        WsClient late;
        QVERIFY(late.connectAs(second.socketUrl(), bob.token));
        QTRY_COMPARE_WITH_TIMEOUT(second.authenticatedSockets(), onSecond + 1, 5000);
    }

    void killedProcessLosesNothingAcknowledged()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        ServerProcess stable, doomed;
        QVERIFY(stable.start(db.url()));
        QVERIFY(stable.waitForHealth(200, 15000));
        QVERIFY(doomed.start(db.url()));
        QVERIFY(doomed.waitForHealth(200, 15000));
        const quint16 doomedPort = doomed.port();

        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient bobSocket;
        QVERIFY(bobSocket.connectAs(stable.socketUrl(), bob.token));

        auto aliceSocket = std::make_unique<WsClient>();
        QVERIFY(aliceSocket->connectAs(doomed.socketUrl(), alice.token));
        QVERIFY(aliceSocket->request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));

        // Bob keeps sending; alice's process dies in the middle.
        QList<qint64> acknowledged;
        qint64 aliceHas = 0;
        for (int i = 0; i < 40; ++i) {
            if (i == 15) {
                const QList<qint64> seen = seqsOf(aliceSocket->drain(u"message.new"_s, 200));
                if (!seen.isEmpty())
                    aliceHas = seen.last();
                doomed.kill();
                QCOMPARE(aliceSocket->waitForClose(5000) != -1, true);
            }
            if (i == 25) {
                QVERIFY(doomed.start(db.url(), {}, doomedPort));
                QVERIFY(doomed.waitForHealth(200, 15000));
            }
            const auto ack = bobSocket.request(u"message.send"_s, sendData(group, u"b%1"_s.arg(i)));
            QVERIFY(ack);
            QCOMPARE(ack->type, u"ack"_s);
            acknowledged.append(
                ack->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger());
        }

        // Alice reconnects to the restarted process and catches up from what she had.
        aliceSocket = std::make_unique<WsClient>();
        QVERIFY(aliceSocket->connectAs(doomed.socketUrl(), alice.token));
        QVERIFY(aliceSocket->request(
            u"room.join"_s, {{u"conversation_id"_s, idText(group)}, {u"after_seq"_s, aliceHas}}));
        QList<qint64> expected;
        for (qint64 seq : std::as_const(acknowledged)) {
            if (seq > aliceHas)
                expected.append(seq);
        }
        QCOMPARE(seqsOf(aliceSocket->collect(u"message.new"_s, int(expected.size()))), expected);
        QVERIFY(aliceSocket->drain(u"message.new"_s).isEmpty());
    }

    void listenerRecoversAfterItsConnectionDies()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        ServerProcess server;
        QVERIFY(server.start(db.url()));
        QVERIFY(server.waitForHealth(200, 15000));
        ChatFixture chat(db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient aliceSocket;
        QVERIFY(aliceSocket.connectAs(server.socketUrl(), alice.token));
        QVERIFY(aliceSocket.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));

        // Kill every connection of the server (its LISTEN one among them), then send while
        // nobody listens: the hub reads what it missed once the listener is back.
        QSqlDatabase admin = db.connection();
        QSqlQuery kill(admin);
        QVERIFY(kill.exec(u"SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE pid <> pg_backend_pid() AND datname = current_database()"_s));
        QVERIFY(kill.next());
        for (int i = 0; i < 3; ++i)
            chat.send(group, bob, u"while deaf %1"_s.arg(i));
        QCOMPARE(seqsOf(aliceSocket.collect(u"message.new"_s, 3, 15000)), (QList<qint64>{1, 2, 3}));
        chat.send(group, bob, u"live again"_s);
        QCOMPARE(seqsOf(aliceSocket.collect(u"message.new"_s, 1)), (QList<qint64>{4}));
    }
};

QTEST_GUILESS_MAIN(TestCluster)
#include "tst_cluster.moc"
