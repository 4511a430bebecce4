// SPDX-License-Identifier: Apache-2.0
// Receipts over real sockets (docs/protocol.md, "Receipts" and "Blocks"): "delivered" moves
// only when a client says it holds the messages (`receipt.delivered`), never because the
// server wrote a frame to a socket; and in a DM with a block, neither typing nor receipts
// cross it, and what the blocked person writes never reaches the blocker, live or replayed.
#include "chatfixture.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QJsonObject seqData(const QUuid &conversationId, qint64 seq)
{
    return {{u"conversation_id"_s, idText(conversationId)}, {u"seq"_s, seq}};
}

QJsonObject room(const QUuid &conversationId)
{
    return {{u"conversation_id"_s, idText(conversationId)}};
}

//! A receipt.updated frame about `userId` matching `match` on its data.
std::function<bool(const Frame &)> receiptOf(const QUuid &userId,
                                             std::function<bool(const QJsonObject &)> match)
{
    return [userId, match = std::move(match)](const Frame &frame) {
        return frame.type == "receipt.updated"_L1 &&
               frame.data.value(u"user_id"_s).toString() == idText(userId) && match(frame.data);
    };
}

} // namespace

class TestReceipts : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_db;
    std::unique_ptr<ServerProcess> m_server;
    QUrl m_ws;

    //! A socket of `user` that joined `conversationId` (so no join window holds its messages).
    bool connectJoined(WsClient &socket, const TestUser &user, const QUuid &conversationId)
    {
        if (!socket.connectAs(m_ws, user.token))
            return false;
        const auto joined = socket.request(u"room.join"_s, room(conversationId));
        return joined && joined->type == "ack"_L1;
    }

private Q_SLOTS:
    void init()
    {
        m_db = std::make_unique<TestDatabase>();
        QVERIFY2(m_db->isValid(), qPrintable(m_db->error()));
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_db->url()));
        QVERIFY(m_server->waitForHealth(200, 15000));
        m_ws = m_server->url(u"/api/v1/ws"_s);
        m_ws.setScheme(u"ws"_s);
    }

    void cleanup()
    {
        if (QTest::currentTestFailed() && m_server)
            qWarning("server log:\n%s", m_server->logs().right(4000).constData());
        m_server.reset();
        m_db.reset();
    }

    void deliveredOnlyWhenTheClientSaysSo()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const TestUser carol = chat.user(u"carol"_s);
        const QUuid group = chat.group(alice, {bob, carol});
        WsClient aliceSocket, bobSocket, carolSocket;
        QVERIFY(connectJoined(aliceSocket, alice, group));
        QVERIFY(connectJoined(bobSocket, bob, group));
        QVERIFY(connectJoined(carolSocket, carol, group));

        for (int i = 1; i <= 3; ++i)
            chat.send(group, alice, u"m%1"_s.arg(i));
        for (WsClient *socket : {&bobSocket, &carolSocket}) {
            QList<qint64> seqs;
            QTRY_VERIFY_WITH_TIMEOUT(
                (seqs += seqsOf(socket->drain(u"message.new"_s, 0)), seqs.size() >= 3), 10000);
        }

        // Bob's app stored the first two: that much is delivered to him, and said so.
        const auto ack = bobSocket.request(u"receipt.delivered"_s, seqData(group, 2));
        QVERIFY(ack);
        QCOMPARE(ack->type, u"ack"_s);
        const auto bobDelivered = aliceSocket.waitFor(receiptOf(bob.id, [](const QJsonObject &d) {
            return d.value(u"delivered_seq"_s).toInteger() == 2;
        }));
        QVERIFY(bobDelivered);
        QCOMPARE(bobDelivered->data.value(u"read_seq"_s).toInteger(), 0);
        QCOMPARE(bobDelivered->data.value(u"joined_seq"_s).toInteger(), 0);
        QCOMPARE(chat.deliveredSeq(group, bob), 2);
        // Carol's socket was written all three frames, but her app never acknowledged them:
        // nothing is delivered to her (her flush would have run with Bob's).
        QCOMPARE(chat.deliveredSeq(group, carol), 0);

        // Past the newest message is clamped; lower than the watermark changes nothing.
        QVERIFY(bobSocket.request(u"receipt.delivered"_s, seqData(group, 99)));
        QVERIFY(aliceSocket.waitFor(receiptOf(bob.id, [](const QJsonObject &d) {
            return d.value(u"delivered_seq"_s).toInteger() == 3;
        })));
        QVERIFY(bobSocket.request(u"receipt.delivered"_s, seqData(group, 1)));
        QCOMPARE(chat.deliveredSeq(group, bob), 3);

        // Bad frames are answered and change nothing.
        const auto negative = bobSocket.request(u"receipt.delivered"_s, seqData(group, -1));
        QVERIFY(negative);
        QCOMPARE(negative->error->code, ErrorCode::ValidationFailed);
        const auto missing = bobSocket.request(u"receipt.delivered"_s, room(group));
        QVERIFY(missing);
        QCOMPARE(missing->error->code, ErrorCode::ValidationFailed);
        const TestUser mallory = chat.user(u"mallory"_s);
        WsClient mallorySocket;
        QVERIFY(mallorySocket.connectAs(m_ws, mallory.token));
        const auto stranger = mallorySocket.request(u"receipt.delivered"_s, seqData(group, 3));
        QVERIFY(stranger);
        QCOMPARE(stranger->error->code, ErrorCode::NotFound);
        QCOMPARE(chat.deliveredSeq(group, carol), 0);
    }

    void everyAcknowledgementOfAFlushIsAnnounced()
    {
        // Acknowledgements are written in batches; each one that moved a watermark must be
        // announced, not only the first row of the batch (issue 10: the batch's rows were
        // read while publishing, which dropped the rest of them).
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        QList<TestUser> readers;
        for (int i = 0; i < 5; ++i)
            readers.append(chat.user(u"reader%1"_s.arg(i)));
        const QUuid group = chat.group(alice, readers);
        WsClient aliceSocket;
        QVERIFY(connectJoined(aliceSocket, alice, group));
        std::vector<std::unique_ptr<WsClient>> sockets;
        for (const TestUser &reader : std::as_const(readers)) {
            sockets.push_back(std::make_unique<WsClient>());
            QVERIFY(connectJoined(*sockets.back(), reader, group));
        }
        chat.send(group, alice, u"one message for everyone"_s);
        for (const auto &socket : sockets)
            QVERIFY(socket->waitForType(u"message.new"_s));

        // All five within a few milliseconds: one flush (two at most), five watermarks moved.
        for (const auto &socket : sockets)
            socket->send(u"receipt.delivered"_s, seqData(group, 1));
        for (const TestUser &reader : std::as_const(readers)) {
            QVERIFY2(aliceSocket.waitFor(
                         receiptOf(reader.id,
                                   [](const QJsonObject &d) {
                                       return d.value(u"delivered_seq"_s).toInteger() == 1;
                                   })),
                     qPrintable(reader.username));
            QCOMPARE(chat.deliveredSeq(group, reader), 1);
        }
    }

    void aSocketSendIsNotReading()
    {
        // The group commit moves the sender's delivered watermark only, as REST sends do.
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const QUuid group = chat.group(alice, {bob});
        chat.send(group, bob, u"unseen 1"_s);
        chat.send(group, bob, u"unseen 2"_s);
        WsClient aliceSocket;
        QVERIFY(connectJoined(aliceSocket, alice, group));
        const auto sent =
            aliceSocket.request(u"message.send"_s, {{u"conversation_id"_s, idText(group)},
                                                    {u"body_text"_s, u"reply from far up"_s}});
        QVERIFY(sent);
        QCOMPARE(sent->type, u"ack"_s);
        QCOMPARE(sent->data[u"message"_s][u"seq"_s].toInteger(), 3);
        QCOMPARE(chat.readSeq(group, alice), 0);
        QCOMPARE(chat.deliveredSeq(group, alice), 3);
    }

    void aMemberAddedLaterStartsAtTheirJoiningSeq()
    {
        ChatFixture chat(*m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser cara = chat.user(u"cara"_s);
        const QUuid group = chat.group(alice, {});
        for (int i = 1; i <= 4; ++i)
            chat.send(group, alice, u"before cara %1"_s.arg(i));
        WsClient caraSocket;
        QVERIFY(caraSocket.connectAs(m_ws, cara.token));
        chat.addMember(group, cara);
        const auto added = caraSocket.waitForType(u"conversation.new"_s);
        QVERIFY(added);
        const QJsonArray members =
            added->data.value(u"conversation"_s).toObject().value(u"members"_s).toArray();
        QCOMPARE(members.size(), 2);
        for (const QJsonValue &member : members) {
            const bool isCara = member[u"user"_s][u"id"_s].toString() == idText(cara.id);
            QCOMPARE(member[u"joined_seq"_s].toInteger(), isCara ? 4 : 0);
        }
        // Acknowledging or reading below her joining seq moves nothing.
        QVERIFY(caraSocket.request(u"receipt.delivered"_s, seqData(group, 2)));
        QVERIFY(caraSocket.request(u"receipt.read"_s, seqData(group, 2)));
        QCOMPARE(chat.deliveredSeq(group, cara), 4);
        QCOMPARE(chat.readSeq(group, cara), 4);
    }

    void nothingCrossesABlockInADm()
    {
        ChatFixture chat(*m_db);
        const TestUser abe = chat.user(u"abe"_s);
        const TestUser bea = chat.user(u"bea"_s);
        const TestUser cid = chat.user(u"cid"_s);
        const QUuid dm = chat.dm(abe, bea);
        const QUuid witness = chat.group(cid, {bea});
        chat.send(dm, abe, u"before the block"_s);
        WsClient abeSocket, abeOther, beaSocket;
        QVERIFY(connectJoined(abeSocket, abe, dm));
        QVERIFY(connectJoined(abeOther, abe, dm));
        QVERIFY(connectJoined(beaSocket, bea, dm));
        QVERIFY(beaSocket.request(u"room.join"_s, room(witness)));
        QVERIFY(beaSocket.request(u"receipt.read"_s, seqData(dm, 1)));
        // Before the block her receipts flow, to both of them.
        for (WsClient *socket : {&abeSocket, &beaSocket}) {
            QVERIFY(socket->waitFor(receiptOf(bea.id, [](const QJsonObject &d) {
                return d.value(u"read_seq"_s).toInteger() == 1;
            })));
        }
        chat.send(dm, bea, u"a reply before the block"_s);
        QVERIFY(abeSocket.waitForType(u"message.new"_s));
        QVERIFY(beaSocket.waitForType(u"message.new"_s)); // her own, echoed
        chat.block(bea, abe);

        // Abe reads her last message: stored, but she is not told.
        QVERIFY(abeSocket.request(u"receipt.read"_s, seqData(dm, 2)));
        QCOMPARE(chat.readSeq(dm, abe), 2);
        // Abe writes: his send is acked and reaches his own sockets, never Bea's.
        const auto sent =
            abeSocket.request(u"message.send"_s, {{u"conversation_id"_s, idText(dm)},
                                                  {u"body_text"_s, u"are you there?"_s}});
        QVERIFY(sent);
        QCOMPARE(sent->type, u"ack"_s);
        QCOMPARE(sent->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger(), 3);
        const auto echo = abeOther.waitFor([](const Frame &frame) {
            return frame.type == "message.new"_L1 &&
                   frame.data.value(u"message"_s).toObject().value(u"seq"_s).toInteger() == 3;
        });
        QVERIFY(echo);
        QVERIFY(!echo->data.contains(u"withheld_from"_s));
        QVERIFY(!echo->data.value(u"message"_s).toObject().contains(u"withheld_from"_s));

        // Bea cannot write; typing crosses in neither direction.
        const auto refused = beaSocket.request(
            u"message.send"_s, {{u"conversation_id"_s, idText(dm)}, {u"body_text"_s, u"no"_s}});
        QVERIFY(refused);
        QCOMPARE(refused->error->code, ErrorCode::Forbidden);
        QCOMPARE(refused->error->message, u"You blocked @abe."_s);
        abeSocket.send(u"typing.start"_s, room(dm));
        beaSocket.send(u"typing.start"_s, room(dm));

        // Her watermarks cannot pass what was withheld from her, whatever her client says.
        QVERIFY(beaSocket.request(u"receipt.delivered"_s, seqData(dm, 99)));
        // Her acknowledgement in another conversation is flushed with (or after) the one above.
        chat.send(witness, cid, u"witness"_s);
        QVERIFY(beaSocket.waitForType(u"message.new"_s));
        QVERIFY(beaSocket.request(u"receipt.delivered"_s, seqData(witness, 1)));
        QVERIFY(beaSocket.waitFor([&](const Frame &frame) {
            return frame.type == "receipt.updated"_L1 &&
                   frame.data.value(u"conversation_id"_s).toString() == idText(witness) &&
                   frame.data.value(u"delivered_seq"_s).toInteger() == 1;
        }));
        QCOMPARE(chat.deliveredSeq(dm, bea), 2);
        QVERIFY(beaSocket.request(u"receipt.read"_s, seqData(dm, 99)));
        QCOMPARE(chat.readSeq(dm, bea), 2);

        QVERIFY(beaSocket.drain(u"message.new"_s, 300).isEmpty());
        for (WsClient *socket : {&abeSocket, &beaSocket}) {
            QVERIFY(socket->drain(u"typing"_s, 0).isEmpty());
            const QList<Frame> receipts = socket->drain(u"receipt.updated"_s, 0);
            for (const Frame &receipt : receipts)
                QCOMPARE_NE(receipt.data.value(u"conversation_id"_s).toString(), idText(dm));
        }

        // Unblocked: what was withheld stays so, in a replay too; new messages flow again.
        chat.unblock(bea, abe);
        WsClient beaLater;
        QVERIFY(beaLater.connectAs(m_ws, bea.token));
        QVERIFY(beaLater.request(u"room.join"_s,
                                 {{u"conversation_id"_s, idText(dm)}, {u"after_seq"_s, 0}}));
        QCOMPARE(seqsOf(beaLater.drain(u"message.new"_s, 0)), (QList<qint64>{1, 2}));
        chat.send(dm, abe, u"hello again"_s);
        for (WsClient *socket : {&beaSocket, &beaLater}) {
            const auto live = socket->waitForType(u"message.new"_s);
            QVERIFY(live);
            QCOMPARE(live->data.value(u"message"_s).toObject().value(u"seq"_s).toInteger(), 4);
        }
    }
};

QTEST_GUILESS_MAIN(TestReceipts)
#include "tst_receipts.moc"
