// SPDX-License-Identifier: Apache-2.0
// The WebSocket gateway of one server process, seen from real sockets: fan-out, receipts,
// typing, membership, blocks, authentication and hostile input.
#include "chatfixture.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QSet>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QJsonObject sendData(const QUuid &conversationId, const QString &text, const QString &clientId = {})
{
    QJsonObject data{{u"conversation_id"_s, idText(conversationId)}, {u"body_text"_s, text}};
    if (!clientId.isEmpty())
        data.insert(u"client_msg_id"_s, clientId);
    return data;
}

} // namespace

class TestGateway : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<ServerProcess> m_server;
    QUrl m_ws;

    QString logs() const { return QString::fromUtf8(m_server->logs().right(3000)); }

    bool startServer(const QProcessEnvironment &env = {})
    {
        m_server = std::make_unique<ServerProcess>();
        if (!m_server->start(m_db->url(), env) || !m_server->waitForHealth(200, 15000))
            return false;
        m_ws = m_server->url(u"/api/v1/ws"_s);
        m_ws.setScheme(u"ws"_s);
        return true;
    }

    //! Connects `socket` and sends a WebSocket upgrade signed in with `token`, then leaves it
    //! as plain TCP: no WebSocket code on this side reads frames or answers pings.
    [[nodiscard]] bool upgradeWithoutWebSocket(QTcpSocket &socket, const QString &token)
    {
        socket.connectToHost(u"127.0.0.1"_s, m_server->port());
        if (!socket.waitForConnected(5000))
            return false;
        socket.write("GET /api/v1/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                     "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                     "Sec-WebSocket-Version: 13\r\nAuthorization: Bearer " +
                     token.toLatin1() + "\r\n\r\n");
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        QVERIFY(startServer());
    }

    void cleanup()
    {
        if (QTest::currentTestFailed() && m_server)
            qWarning("server log:\n%s", m_server->logs().right(4000).constData());
        m_server.reset();
        m_db.reset();
    }

    void twoUsersChatOnOneProcess()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});

        WsClient aliceTab, aliceDesktop, bobSocket, bobSecond;
        QVERIFY(aliceTab.connectAs(m_ws, alice.token));
        QVERIFY(aliceDesktop.open(m_ws, alice.token)); // header authentication
        QVERIFY(aliceDesktop.waitForType(u"auth.ok"_s));
        QVERIFY(bobSocket.connectAs(m_ws, bob.token));
        QVERIFY(bobSecond.connectAs(m_ws, bob.token));

        for (int i = 1; i <= 5; ++i) {
            WsClient &sender = i % 2 ? bobSocket : aliceTab;
            const auto ack = sender.request(
                u"message.send"_s, sendData(group, u"hello %1"_s.arg(i), u"c-%1"_s.arg(i)));
            QVERIFY(ack);
            QCOMPARE(ack->type, u"ack"_s);
            QCOMPARE(ack->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger(), i);
        }
        const QList<qint64> oneToFive{1, 2, 3, 4, 5};
        for (WsClient *socket : {&aliceTab, &aliceDesktop, &bobSocket, &bobSecond}) {
            QList<qint64> seqs;
            QTRY_VERIFY_WITH_TIMEOUT(
                (seqs += seqsOf(socket->drain(u"message.new"_s, 0)), seqs.size() >= 5), 5000);
            QCOMPARE(seqs, oneToFive);
        }
        // Every socket, the senders' own included, sees each message once, in order.
        WsClient fresh;
        QVERIFY(fresh.connectAs(m_ws, alice.token));
        QVERIFY(bobSocket.request(u"message.send"_s, sendData(group, u"six"_s)));
        for (WsClient *socket : {&aliceTab, &aliceDesktop, &bobSecond, &fresh}) {
            const auto message = socket->waitForType(u"message.new"_s);
            QVERIFY(message);
            QCOMPARE(message->data.value(u"message"_s).toObject().value(u"body_text"_s).toString(),
                     u"six"_s);
        }
        QVERIFY(fresh.drain(u"message.new"_s).isEmpty());

        // Resending the same client_msg_id returns the first message and publishes nothing.
        const auto again =
            bobSocket.request(u"message.send"_s, sendData(group, u"hello 1"_s, u"c-1"_s));
        QVERIFY(again);
        QCOMPARE(again->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger(), 1);
        QVERIFY(fresh.drain(u"message.new"_s, 500).isEmpty());

        // Typing goes to members who joined the room, and stops by itself.
        QVERIFY(aliceTab.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));
        bobSocket.send(u"typing.start"_s, {{u"conversation_id"_s, idText(group)}});
        const auto typing = aliceTab.waitForType(u"typing"_s);
        QVERIFY(typing);
        QCOMPARE(typing->data.value(u"user_id"_s).toString(), idText(bob.id));
        QCOMPARE(typing->data.value(u"state"_s).toString(), u"start"_s);
        QVERIFY(aliceDesktop.drain(u"typing"_s).isEmpty()); // did not join
        const auto stopped = aliceTab.waitForType(u"typing"_s, 9000);
        QVERIFY(stopped);
        QCOMPARE(stopped->data.value(u"state"_s).toString(), u"stop"_s);

        // Delivered watermarks move when a client says it holds the messages, and are
        // broadcast; read watermarks move by receipt.read.
        const auto ackedDelivered = aliceDesktop.request(
            u"receipt.delivered"_s, {{u"conversation_id"_s, idText(group)}, {u"seq"_s, 6}});
        QVERIFY(ackedDelivered);
        QCOMPARE(ackedDelivered->type, u"ack"_s);
        const auto delivered = bobSocket.waitFor([&](const Frame &frame) {
            return frame.type == "receipt.updated"_L1 &&
                   frame.data.value(u"user_id"_s).toString() == idText(alice.id) &&
                   frame.data.value(u"delivered_seq"_s).toInteger() == 6;
        });
        QVERIFY(delivered);
        QCOMPARE(delivered->data.value(u"conversation_id"_s).toString(), idText(group));
        // Sending her own messages 2 and 4 read nothing for her: sending is not reading.
        QCOMPARE(delivered->data.value(u"read_seq"_s).toInteger(), 0);
        QCOMPARE(chat.deliveredSeq(group, alice), 6);

        const auto read = aliceTab.request(u"receipt.read"_s,
                                           {{u"conversation_id"_s, idText(group)}, {u"seq"_s, 6}});
        QVERIFY(read);
        QCOMPARE(read->type, u"ack"_s);
        const auto receipt = bobSecond.waitFor([&](const Frame &frame) {
            return frame.type == "receipt.updated"_L1 &&
                   frame.data.value(u"user_id"_s).toString() == idText(alice.id) &&
                   frame.data.value(u"read_seq"_s).toInteger() == 6;
        });
        QVERIFY(receipt);
    }

    void burstsAreGroupCommittedInOrder()
    {
        // Sends fired together from several sockets into several conversations are written in
        // batches (issue 10): each is acked once with its own seq, every member's socket gets
        // every message once, in seq order and without gaps, and a quick retry of a
        // client_msg_id inside the burst is still the first message.
        ChatFixture chat(*m_db);
        const TestUser ann = chat.user(u"ann"_s);
        const TestUser ben = chat.user(u"ben"_s);
        const TestUser cyd = chat.user(u"cyd"_s);
        const QList<QUuid> groups{chat.group(ann, {ben, cyd}), chat.group(ben, {ann, cyd}),
                                  chat.group(cyd, {ann, ben})};
        WsClient annSocket, benSocket, cydSocket;
        QVERIFY(annSocket.connectAs(m_ws, ann.token));
        QVERIFY(benSocket.connectAs(m_ws, ben.token));
        QVERIFY(cydSocket.connectAs(m_ws, cyd.token));
        for (const QUuid &group : groups) {
            for (WsClient *socket : {&annSocket, &benSocket, &cydSocket})
                (void)socket->request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}});
        }

        constexpr int kRounds = 30;
        QHash<QString, QUuid> sentTo; // request id -> conversation
        for (int round = 0; round < kRounds; ++round) {
            for (int g = 0; g < groups.size(); ++g) {
                WsClient &socket = g == 0 ? annSocket : g == 1 ? benSocket : cydSocket;
                const QString id = u"b%1-%2"_s.arg(g).arg(round);
                socket.send(u"message.send"_s,
                            sendData(groups[g], u"burst %1"_s.arg(round), u"cm-%1"_s.arg(id)), id);
                sentTo.insert(id, groups[g]);
            }
        }
        // A retry of the very first send, in the same burst, and an empty client_msg_id.
        annSocket.send(u"message.send"_s, sendData(groups[0], u"burst 0"_s, u"cm-b0-0"_s),
                       u"retry"_s);
        annSocket.send(u"message.send"_s,
                       {{u"conversation_id"_s, idText(groups[0])},
                        {u"body_text"_s, u"x"_s},
                        {u"client_msg_id"_s, u""_s}},
                       u"empty-id"_s);

        QHash<QUuid, QSet<qint64>> ackedSeqs;
        for (auto it = sentTo.cbegin(); it != sentTo.cend(); ++it) {
            WsClient &socket = it.value() == groups[0]   ? annSocket
                               : it.value() == groups[1] ? benSocket
                                                         : cydSocket;
            const QString id = it.key();
            const auto ack =
                socket.waitFor([&id](const Frame &frame) { return frame.id == id; }, 15000);
            QVERIFY2(ack, qPrintable(id));
            QCOMPARE(ack->type, u"ack"_s);
            const qint64 seq = ack->data[u"message"_s][u"seq"_s].toInteger();
            QVERIFY2(!ackedSeqs[it.value()].contains(seq), qPrintable(id));
            ackedSeqs[it.value()].insert(seq);
        }
        const auto retry = annSocket.waitFor([](const Frame &f) { return f.id == "retry"_L1; });
        QVERIFY(retry);
        QCOMPARE(retry->type, u"ack"_s);
        QCOMPARE(retry->data[u"message"_s][u"client_msg_id"_s].toString(), u"cm-b0-0"_s);
        const qint64 firstSeq = retry->data[u"message"_s][u"seq"_s].toInteger();
        QVERIFY(firstSeq >= 1 && firstSeq <= kRounds);
        const auto empty = annSocket.waitFor([](const Frame &f) { return f.id == "empty-id"_L1; });
        QVERIFY(empty);
        QCOMPARE(empty->type, u"error"_s);
        QCOMPARE(empty->error->code, ErrorCode::ValidationFailed);

        QList<qint64> oneToRounds;
        for (int seq = 1; seq <= kRounds; ++seq)
            oneToRounds.append(seq);
        for (const QUuid &group : groups)
            QCOMPARE(ackedSeqs.value(group).size(), kRounds);
        // Each socket is in all three groups: 90 messages, each group's in seq order.
        for (WsClient *socket : {&annSocket, &benSocket, &cydSocket}) {
            QList<Frame> frames;
            QTRY_VERIFY_WITH_TIMEOUT(
                (frames += socket->drain(u"message.new"_s, 0), frames.size() >= 3 * kRounds),
                15000);
            QVERIFY(socket->drain(u"message.new"_s, 300).isEmpty());
            for (const QUuid &group : groups) {
                QList<qint64> seqs;
                for (const Frame &frame : std::as_const(frames)) {
                    if (frame.data[u"message"_s][u"conversation_id"_s].toString() == idText(group))
                        seqs.append(frame.data[u"message"_s][u"seq"_s].toInteger());
                }
                QCOMPARE(seqs, oneToRounds);
            }
        }
    }

    void restSendReachesSockets()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient socket;
        QVERIFY(socket.connectAs(m_ws, alice.token));
        for (int i = 0; i < 3; ++i)
            chat.send(group, bob, u"over rest %1"_s.arg(i));
        QList<qint64> seqs;
        QTRY_VERIFY_WITH_TIMEOUT(
            (seqs += seqsOf(socket.drain(u"message.new"_s, 0)), seqs.size() >= 3), 5000);
        QCOMPARE(seqs, (QList<qint64>{1, 2, 3}));

        // 4000 three-byte characters do not fit a NOTIFY payload: announced by id, read once.
        const QString large(4000, QChar(0x20AC));
        chat.send(group, bob, large);
        const auto big = socket.waitForType(u"message.new"_s);
        QVERIFY(big);
        QCOMPARE(big->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger(), 4);
        QCOMPARE(big->data.value(u"message"_s).toObject().value(u"body_text"_s).toString(), large);
    }

    void membershipChanges()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const TestUser carol = chat.user(u"carol"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient aliceSocket, bobSocket, carolSocket;
        QVERIFY(aliceSocket.connectAs(m_ws, alice.token));
        QVERIFY(bobSocket.connectAs(m_ws, bob.token));
        QVERIFY(carolSocket.connectAs(m_ws, carol.token));

        // Not a member yet: cannot join or send, and hears nothing.
        const auto refused =
            carolSocket.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}});
        QVERIFY(refused);
        QCOMPARE(refused->error->code, ErrorCode::NotFound);
        chat.send(group, alice, u"before carol"_s);
        QVERIFY(bobSocket.waitForType(u"message.new"_s));

        chat.addMember(group, carol);
        const auto added = carolSocket.waitForType(u"conversation.new"_s);
        QVERIFY(added);
        QCOMPARE(added->data.value(u"conversation"_s).toObject().value(u"id"_s).toString(),
                 idText(group));
        const auto joined = aliceSocket.waitForType(u"room.member_joined"_s);
        QVERIFY(joined);
        QCOMPARE(joined->data.value(u"user"_s).toObject().value(u"id"_s).toString(),
                 idText(carol.id));
        chat.send(group, alice, u"welcome carol"_s);
        const auto welcome = carolSocket.waitForType(u"message.new"_s);
        QVERIFY(welcome);
        QCOMPARE(welcome->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger(), 2);
        QVERIFY(carolSocket.drain(u"message.new"_s).isEmpty()); // not the one before she joined

        QCOMPARE(seqsOf(bobSocket.drain(u"message.new"_s)), (QList<qint64>{2}));
        chat.removeMember(group, bob);
        const auto left = bobSocket.waitForType(u"room.member_left"_s);
        QVERIFY(left);
        QCOMPARE(left->data.value(u"user_id"_s).toString(), idText(bob.id));
        QVERIFY(aliceSocket.waitForType(u"room.member_left"_s));
        chat.send(group, alice, u"bob is gone"_s);
        QVERIFY(carolSocket.waitForType(u"message.new"_s));
        QVERIFY(bobSocket.drain(u"message.new"_s, 500).isEmpty());
        const auto cannotSend = bobSocket.request(u"message.send"_s, sendData(group, u"hi"_s));
        QVERIFY(cannotSend);
        QCOMPARE(cannotSend->type, u"error"_s);
    }

    void blockedUsersMessagesDoNotReachTheBlocker()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const TestUser carol = chat.user(u"carol"_s);
        const QUuid group = chat.group(alice, {bob, carol});
        WsClient aliceSocket, carolSocket;
        QVERIFY(aliceSocket.connectAs(m_ws, alice.token));
        QVERIFY(carolSocket.connectAs(m_ws, carol.token));

        chat.block(alice, bob); // while alice is connected
        chat.send(group, bob, u"from bob"_s);
        chat.send(group, carol, u"from carol"_s);
        const auto first = aliceSocket.waitForType(u"message.new"_s);
        QVERIFY(first);
        QCOMPARE(first->data.value(u"message"_s).toObject().value(u"sender_id"_s).toString(),
                 idText(carol.id));
        // Bob's message (seq 1) would have come before carol's: nothing else is on its way.
        QVERIFY(aliceSocket.drain(u"message.new"_s).isEmpty());
        // Carol's socket is held for its join window like alice's and is released on its own
        // clock, so its messages are waited for, not looked for within a fixed 300 ms.
        QCOMPARE(seqsOf(carolSocket.collect(u"message.new"_s, 2)), (QList<qint64>{1, 2}));

        // Also for a socket opened after the block.
        WsClient later;
        QVERIFY(later.connectAs(m_ws, alice.token));
        const auto replay = later.request(
            u"room.join"_s, {{u"conversation_id"_s, idText(group)}, {u"after_seq"_s, 0}});
        QVERIFY(replay);
        QCOMPARE(seqsOf(later.drain(u"message.new"_s)), (QList<qint64>{2}));
    }

    void authenticationFailures()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);

        WsClient garbage;
        QVERIFY(garbage.open(m_ws));
        garbage.send(u"auth"_s, {{u"token"_s, u"not-a-token"_s}});
        const auto refused = garbage.waitForType(u"error"_s);
        QVERIFY(refused);
        QCOMPARE(refused->error->code, ErrorCode::Unauthorized);
        QCOMPARE(garbage.waitForClose(), 4001);

        WsClient expired;
        QVERIFY(expired.open(m_ws));
        expired.send(u"auth"_s, {{u"token"_s, ChatFixture::expiredToken(alice)}});
        QCOMPARE(expired.waitForClose(), 4001);

        WsClient badHeader;
        QVERIFY(badHeader.open(m_ws, u"forged"_s));
        QCOMPARE(badHeader.waitForClose(), 4001);

        WsClient notAuthFirst;
        QVERIFY(notAuthFirst.open(m_ws));
        notAuthFirst.send(u"ping"_s, {});
        QCOMPARE(notAuthFirst.waitForClose(), 4001);

        WsClient wrongOrigin;
        QVERIFY(!wrongOrigin.open(m_ws, alice.token, u"https://evil.example"_s));
        WsClient rightOrigin;
        QVERIFY(rightOrigin.open(m_ws, alice.token, u"http://localhost:8080"_s));
        QVERIFY(rightOrigin.waitForType(u"auth.ok"_s));

        WsClient silent;
        QVERIFY(silent.open(m_ws));
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(silent.waitForClose(15000), 4001);
        QVERIFY2(timer.elapsed() > 8000, "closed long before the 10 s deadline");
        QVERIFY(rightOrigin.isOpen()); // authenticated sockets are not affected
    }

    void hostileFramesNeverHurtOthers()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser mallory = chat.user(u"mallory"_s);
        const QUuid group = chat.group(alice, {mallory});
        WsClient aliceSocket;
        QVERIFY(aliceSocket.connectAs(m_ws, alice.token));

        WsClient hostile;
        QVERIFY(hostile.connectAs(m_ws, mallory.token));
        hostile.sendText("this is not json");
        QCOMPARE(hostile.waitForType(u"error"_s)->error->code, ErrorCode::BadRequest);
        hostile.sendText(R"({"type":"no.such.type","id":"u1"})");
        QCOMPARE(hostile.waitForType(u"error"_s)->id, u"u1"_s);
        hostile.sendText(R"({"type":"message.send","id":"m1","data":{"conversation_id":"x"}})");
        QCOMPARE(hostile.waitForType(u"error"_s)->error->code, ErrorCode::ValidationFailed);
        hostile.sendText(
            R"({"type":"room.join","id":"j1","data":{"conversation_id":"not-a-uuid"}})");
        QCOMPARE(hostile.waitForType(u"error"_s)->error->code, ErrorCode::ValidationFailed);
        const QJsonObject blank{{u"conversation_id"_s, idText(group)}, {u"body_text"_s, u"   "_s}};
        hostile.send(u"message.send"_s, blank, u"m2"_s);
        QCOMPARE(hostile.waitForType(u"error"_s)->error->code, ErrorCode::ValidationFailed);
        QVERIFY(hostile.isOpen());

        // A flood: refused with rate_limited, then closed; others are served meanwhile.
        for (int i = 0; i < 400; ++i)
            hostile.send(u"ping"_s, {});
        QCOMPARE(hostile.waitForClose(10000), 4008);
        const auto pong = aliceSocket.request(u"ping"_s, {});
        QVERIFY(pong);
        QCOMPARE(pong->type, u"pong"_s);

        WsClient binary;
        QVERIFY(binary.connectAs(m_ws, mallory.token));
        binary.sendBinary("\x00\x01\x02"_ba);
        QCOMPARE(binary.waitForClose(), 1003);

        WsClient oversized;
        QVERIFY(oversized.connectAs(m_ws, mallory.token));
        oversized.send(u"ping"_s, {{u"x"_s, QString(200 * 1024, u'a')}});
        QCOMPARE(oversized.waitForClose(), 1009);

        QVERIFY(aliceSocket.request(u"message.send"_s, sendData(group, u"still here"_s)));
        QVERIFY(aliceSocket.waitForType(u"message.new"_s));
        QVERIFY(m_server->isRunning());
    }

    void slowConsumerIsClosedWithoutStallingOthers()
    {
        // Only the queue bound may close the stalled socket here. It never answers a ping, and
        // on a busy machine the ~10 MB this test sends can take longer than the default
        // dead-peer timeout (3 pings, 45 s), which would close it for the wrong reason.
        QProcessEnvironment env;
        env.insert(u"NATTER_WS_PING_INTERVAL"_s, u"3600"_s);
        QVERIFY(startServer(env));
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient aliceSocket;
        QVERIFY(aliceSocket.connectAs(m_ws, alice.token));

        // Bob's client upgrades, then stops reading: Qt stops taking bytes from the kernel once
        // 1 KiB is buffered, so the server's queue for it can only grow.
        QTcpSocket stalled;
        stalled.setReadBufferSize(1024);
        QVERIFY(upgradeWithoutWebSocket(stalled, bob.token));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->authenticatedSockets(), 2, 5000);

        // About 20 MB of messages: past the 4 MiB queue bound plus what the kernels buffer.
        // Alice reads as a live client does. The sends (straight to the database, on this
        // thread) go out in rounds of 16 and Alice takes each round before the next, so she is
        // never more than 200 kB behind. A test that sent everything in one loop and read her
        // only between sends made Alice the slow one: on a busy machine her queue passed the
        // bound and the server rightly closed her (4002) as well. Rounds keep the run short, so
        // the stalled socket meets the queue bound long before the 45 s dead-peer timeout.
        const QString large(4000, QChar(0x20AC));
        constexpr int kRound = 16;
        QElapsedTimer elapsed;
        elapsed.start();
        int sent = 0;
        int received = 0;
        while (sent < 1700 && m_server->authenticatedSockets() == 2) {
            for (int i = 0; i < kRound; ++i, ++sent)
                chat.send(group, alice, large);
            while (received < sent) {
                const auto echoed = aliceSocket.waitForType(u"message.new"_s, 10000);
                QVERIFY2(echoed,
                         qPrintable(u"Alice was not served message %1"_s.arg(received + 1)));
                QCOMPARE(echoed->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger(),
                         ++received);
            }
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_server->authenticatedSockets(), 1, 10000);
        qInfo("stalled socket closed after %d messages of 12 kB, %lld ms", sent, elapsed.elapsed());
        QVERIFY2(m_server->logs().contains("slow consumer closed"), qPrintable(logs()));
        // Alice was served all along, and still is.
        QVERIFY(aliceSocket.isOpen());
        const auto ping = aliceSocket.request(u"ping"_s, {});
        QVERIFY(ping);
        QCOMPARE(ping->type, u"pong"_s);
    }

    void silentPeersArePingedAndDeadOnesDropped()
    {
        // The server pings a socket silent for one interval and drops one silent for two. With
        // a 1 s interval a peer that never answers is gone within seconds, while one whose
        // client answers pings (QWebSocket pongs by itself) stays although it says nothing.
        QProcessEnvironment env;
        env.insert(u"NATTER_WS_PING_INTERVAL"_s, u"1"_s);
        QVERIFY(startServer(env));
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        WsClient aliceSocket;
        QVERIFY(aliceSocket.connectAs(m_ws, alice.token));

        // Bob's "client" upgrades and then only reads: it never answers a ping.
        QTcpSocket dead;
        QVERIFY(upgradeWithoutWebSocket(dead, bob.token));
        QTRY_COMPARE_WITH_TIMEOUT(m_server->authenticatedSockets(), 2, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(dead.state(), QAbstractSocket::UnconnectedState, 15000);
        QVERIFY2(m_server->logs().contains("dead peer dropped"), qPrintable(logs()));
        QCOMPARE(m_server->authenticatedSockets(), 1);

        // Alice said nothing all this time but answered the pings: still served.
        QVERIFY(aliceSocket.isOpen());
        QVERIFY(aliceSocket.request(u"ping"_s, {}));
    }

    void reconnectCatchesUpExactly()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        WsClient bobSocket;
        QVERIFY(bobSocket.connectAs(m_ws, bob.token));

        qint64 have = 0;
        {
            WsClient first;
            QVERIFY(first.connectAs(m_ws, alice.token));
            QVERIFY(first.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));
            QVERIFY(bobSocket.request(u"message.send"_s, sendData(group, u"one"_s)));
            const auto message = first.waitForType(u"message.new"_s);
            QVERIFY(message);
            have = message->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger();
            first.abort();
        }
        for (int i = 0; i < 50; ++i)
            QVERIFY(bobSocket.request(u"message.send"_s, sendData(group, u"m%1"_s.arg(i))));

        WsClient second;
        QVERIFY(second.connectAs(m_ws, alice.token));
        const auto joined = second.request(
            u"room.join"_s, {{u"conversation_id"_s, idText(group)}, {u"after_seq"_s, have}});
        QVERIFY(joined);
        QCOMPARE(joined->data.value(u"last_seq"_s).toInteger(), have + 50);
        QList<qint64> expected;
        for (qint64 seq = have + 1; seq <= have + 50; ++seq)
            expected.append(seq);
        QCOMPARE(seqsOf(second.drain(u"message.new"_s, 0)), expected);
        QVERIFY(bobSocket.request(u"message.send"_s, sendData(group, u"live"_s)));
        QCOMPARE(seqsOf(second.drain(u"message.new"_s, 500)), (QList<qint64>{have + 51}));

        // Now while messages keep arriving: a sender writes every few milliseconds while the
        // client reconnects and joins with after_seq at various points.
        second.abort();
        // Sent the way REST sends, so a socket's rate limit does not pace the test.
        constexpr int kBurst = 80;
        QTimer ticker;
        int sent = 0;
        connect(&ticker, &QTimer::timeout, this, [&] {
            if (sent < kBurst) {
                chat.send(group, bob, u"burst %1"_s.arg(sent));
                ++sent;
            }
        });
        ticker.start(10);
        QTest::qWait(100);
        WsClient third;
        QVERIFY(third.connectAs(m_ws, alice.token));
        QVERIFY(third.request(
            u"room.join"_s, {{u"conversation_id"_s, idText(group)}, {u"after_seq"_s, have + 51}}));
        QTRY_COMPARE_WITH_TIMEOUT(sent, kBurst, 20000);
        ticker.stop();
        QList<qint64> all;
        QTRY_VERIFY_WITH_TIMEOUT((all += seqsOf(third.drain(u"message.new"_s, 0)),
                                  !all.isEmpty() && all.last() == have + 51 + kBurst),
                                 15000);
        QList<qint64> burst;
        for (qint64 seq = have + 52; seq <= have + 51 + kBurst; ++seq)
            burst.append(seq);
        if (all != burst)
            qWarning() << "got" << all;
        QCOMPARE(all, burst);
    }
};

QTEST_GUILESS_MAIN(TestGateway)
#include "tst_gateway.moc"
