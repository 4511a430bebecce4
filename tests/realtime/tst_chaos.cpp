// SPDX-License-Identifier: Apache-2.0
// Crash consistency under load (issue 10, `ctest -L chaos`): a server process killed with
// SIGKILL while its sockets send about 2,000 messages a second, PostgreSQL restarted under
// load, and the network to PostgreSQL cut under load (as root: a network namespace; skipped
// otherwise). Whatever was acked is stored once and reaches every member; clients that resend what
// was not acked, with the same client_msg_id, create no duplicates; no seq has a gap.
#include "chatfixture.h"
#include "networknamespace.h"
#include "postgrescluster.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QHash>

#include <functional>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

//! Load, not flood control, is under test: the socket's frame budget is lifted.
QProcessEnvironment unlimited()
{
    QProcessEnvironment env;
    env.insert(u"NATTER_RATE_LIMITS"_s, u"off"_s);
    return env;
}

QJsonObject sendData(const QUuid &conversationId, const QString &clientMsgId)
{
    return {{u"conversation_id"_s, idText(conversationId)},
            {u"body_text"_s, u"chaos "_s + clientMsgId},
            {u"client_msg_id"_s, clientMsgId}};
}

//! One sender: its socket, its conversation, and what it sent and had acked.
struct Sender
{
    TestUser user;
    QUuid conversationId;
    std::unique_ptr<WsClient> socket;
    QStringList sent;             //!< client_msg_ids, in order
    QHash<QString, qint64> acked; //!< client_msg_id -> seq
    QStringList refused;          //!< answered with an error frame

    //! Takes every answer that arrived so far.
    void collectAnswers()
    {
        for (;;) {
            const auto answer = socket->waitFor(
                [](const Frame &frame) {
                    return (frame.type == "ack"_L1 || frame.type == "error"_L1) &&
                           !frame.id.isEmpty();
                },
                0);
            if (!answer)
                return;
            if (answer->type == "ack"_L1)
                acked.insert(answer->id, answer->data[u"message"_s][u"seq"_s].toInteger());
            else
                refused.append(answer->id);
        }
    }
};

} // namespace

class TestChaos : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedUnderLoadLosesNothingAcked()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        ServerProcess stable, doomed;
        QVERIFY(stable.start(db.url(), unlimited()));
        QVERIFY(doomed.start(db.url(), unlimited()));
        QVERIFY(stable.waitForHealth(200, 15000));
        QVERIFY(doomed.waitForHealth(200, 15000));

        // Four groups, two senders each on the doomed process; a reader in all of them.
        ChatFixture chat(db);
        const TestUser reader = chat.user(u"reader"_s);
        std::vector<Sender> senders;
        QList<QUuid> groups;
        for (int g = 0; g < 4; ++g) {
            const TestUser first = chat.user(u"s%1a"_s.arg(g));
            const TestUser second = chat.user(u"s%1b"_s.arg(g));
            groups.append(chat.group(first, {second, reader}));
            for (const TestUser &user : {first, second})
                senders.push_back(
                    Sender{user, groups.last(), std::make_unique<WsClient>(), {}, {}, {}});
        }
        for (Sender &sender : senders)
            QVERIFY(sender.socket->connectAs(doomed.socketUrl(), sender.user.token));

        // About 2,000 sends a second (8 sockets, one every 4 ms each); the process is killed
        // in the middle of it, without warning.
        constexpr int kRounds = 150;
        for (int round = 0; round < kRounds; ++round) {
            if (round == kRounds / 2)
                doomed.kill();
            for (Sender &sender : senders) {
                if (!sender.socket->isOpen())
                    continue;
                const QString id = u"%1-%2"_s.arg(sender.user.username).arg(round);
                sender.sent.append(id);
                sender.socket->send(u"message.send"_s, sendData(sender.conversationId, id), id);
            }
            QTest::qWait(4);
        }
        int ackedBeforeCrash = 0;
        for (Sender &sender : senders) {
            sender.collectAnswers();
            ackedBeforeCrash += int(sender.acked.size());
        }
        QVERIFY2(ackedBeforeCrash > 0, "nothing was acked before the crash: no load at all");
        qInfo("%d sends, %d acked before the crash", int(kRounds / 2 * senders.size()),
              ackedBeforeCrash);

        // The clients reconnect to the other process and resend what was not acked.
        QHash<QString, qint64> firstAcks;
        for (Sender &sender : senders) {
            for (auto it = sender.acked.cbegin(); it != sender.acked.cend(); ++it)
                firstAcks.insert(it.key(), it.value());
            sender.socket = std::make_unique<WsClient>();
            QVERIFY(sender.socket->connectAs(stable.socketUrl(), sender.user.token));
            for (const QString &id : std::as_const(sender.sent)) {
                if (sender.acked.contains(id))
                    continue;
                const auto answer = sender.socket->request(
                    u"message.send"_s, sendData(sender.conversationId, id), 10000);
                QVERIFY2(answer && answer->type == "ack"_L1, qPrintable(id));
                sender.acked.insert(id, answer->data[u"message"_s][u"seq"_s].toInteger());
            }
            QCOMPARE(sender.acked.size(), sender.sent.size());
        }

        // Stored once each, with the seq it was acked with, and no gap in any conversation.
        QSqlDatabase admin = db.connection();
        for (const QUuid &group : std::as_const(groups)) {
            QSqlQuery gaps(admin);
            QVERIFY(gaps.exec(u"SELECT count(*), COALESCE(max(m.seq), 0), c.last_seq, "
                              "count(DISTINCT m.client_msg_id) FROM conversations c "
                              "LEFT JOIN messages m ON m.conversation_id = c.id "
                              "WHERE c.id = '%1' GROUP BY c.last_seq"_s.arg(idText(group))));
            QVERIFY(gaps.next());
            const qint64 count = gaps.value(0).toLongLong();
            QCOMPARE(gaps.value(1).toLongLong(), count);
            QCOMPARE(gaps.value(2).toLongLong(), count);
            QCOMPARE(gaps.value(3).toLongLong(), count); // no client_msg_id twice
        }
        qint64 expectedTotal = 0;
        for (const Sender &sender : senders) {
            expectedTotal += sender.sent.size();
            for (auto it = sender.acked.cbegin(); it != sender.acked.cend(); ++it) {
                if (firstAcks.contains(it.key()))
                    QCOMPARE(firstAcks.value(it.key()), it.value());
            }
        }
        QSqlQuery total(admin);
        QVERIFY(total.exec(u"SELECT count(*) FROM messages"_s));
        QVERIFY(total.next());
        QCOMPARE(total.value(0).toLongLong(), expectedTotal);

        // The reader, reconnecting with after_seq 0, gets every message once, in order.
        WsClient readerSocket;
        QVERIFY(readerSocket.connectAs(stable.socketUrl(), reader.token));
        for (const QUuid &group : std::as_const(groups)) {
            QVERIFY(readerSocket.request(
                u"room.join"_s, {{u"conversation_id"_s, idText(group)}, {u"after_seq"_s, 0}},
                15000));
        }
        QList<Frame> frames;
        QTRY_VERIFY_WITH_TIMEOUT(
            (frames += readerSocket.drain(u"message.new"_s, 0), frames.size() >= expectedTotal),
            20000);
        QVERIFY(readerSocket.drain(u"message.new"_s, 300).isEmpty());
        QHash<QString, qint64> delivered;
        QHash<QUuid, qint64> lastSeq;
        for (const Frame &frame : std::as_const(frames)) {
            const QJsonObject message = frame.data[u"message"_s].toObject();
            const QUuid conversation = QUuid::fromString(message[u"conversation_id"_s].toString());
            const qint64 seq = message[u"seq"_s].toInteger();
            QCOMPARE(seq, lastSeq.value(conversation) + 1);
            lastSeq[conversation] = seq;
            delivered.insert(message[u"client_msg_id"_s].toString(), seq);
        }
        for (const Sender &sender : senders) {
            for (auto it = sender.acked.cbegin(); it != sender.acked.cend(); ++it)
                QCOMPARE(delivered.value(it.key(), -1), it.value());
        }
    }

    void databaseRestartUnderLoadFailsFastAndRecovers()
    {
        PostgresCluster cluster;
        QVERIFY(cluster.start());
        ServerProcess server;
        QVERIFY(server.start(cluster.url(), unlimited()));
        QVERIFY(server.waitForHealth(200, 15000));
        outageFailsFastAndRecovers(
            server, cluster.url(), [&] { return cluster.stop(); }, [&] { return cluster.start(); });
    }

    //! The network between the server and PostgreSQL cut (packets dropped, nothing reset),
    //! then mended, while the server's clients still reach it: the server in a network
    //! namespace of its own, PostgreSQL at the other end of one of its links.
    void networkCutUnderLoadFailsFastAndRecovers()
    {
        NetworkNamespace network;
        if (!network.isValid())
            QSKIP(qPrintable(u"needs root for a network namespace: "_s + network.error()));
        PostgresCluster cluster;
        QVERIFY(cluster.listenOn(network.databaseAddress(), network.databaseSubnet()));
        QVERIFY(cluster.start());
        ServerProcess server;
        server.runInNamespace(network.name(), network.serverAddress());
        QVERIFY(server.start(cluster.url(), unlimited()));
        QVERIFY(server.waitForHealth(200, 15000));
        outageFailsFastAndRecovers(
            server, cluster.localUrl(), [&] { return network.cutDatabase(); },
            [&] { return network.mendDatabase(); });
    }

private:
    //! A database outage under load, as `breakIt` makes it and `mendIt` ends it: sends fail
    //! fast with `unavailable` on a socket that stays open, the server recovers by itself, and
    //! resending what failed stores each message exactly once, without a gap. `databaseUrl`
    //! reaches the database from the test however the server reaches it.
    static void outageFailsFastAndRecovers(ServerProcess &server, const QString &databaseUrl,
                                           const std::function<bool()> &breakIt,
                                           const std::function<bool()> &mendIt)
    {
        TestUser alice;
        QUuid group;
        {
            // The fixture needs a TestDatabase; this cluster's database is made by hand.
            auto settings = server::DatabaseSettings::parse(databaseUrl);
            QVERIFY(settings);
            QSqlDatabase db = settings->open(u"chaos-fixture"_s);
            QVERIFY(db.isOpen());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"INSERT INTO users (id, username, display_name) VALUES "
                               "('00000000-0000-4000-8000-00000000000a', 'alice', 'Alice'), "
                               "('00000000-0000-4000-8000-00000000000b', 'bob', 'Bob')"_s));
            QVERIFY(query.exec(u"INSERT INTO conversations (id, type, title) VALUES "
                               "('00000000-0000-4000-8000-0000000000c0', 'group', 'Chaos')"_s));
            QVERIFY(query.exec(u"INSERT INTO conversation_members (conversation_id, user_id) "
                               "SELECT '00000000-0000-4000-8000-0000000000c0', id FROM users"_s));
            db.close();
        }
        QSqlDatabase::removeDatabase(u"chaos-fixture"_s);
        alice = {QUuid::fromString(u"00000000-0000-4000-8000-00000000000a"_s), u"alice"_s,
                 ChatFixture::token(QUuid::fromString(u"00000000-0000-4000-8000-00000000000a"_s))};
        group = QUuid::fromString(u"00000000-0000-4000-8000-0000000000c0"_s);

        Sender sender{alice, group, std::make_unique<WsClient>(), {}, {}, {}};
        QVERIFY(sender.socket->connectAs(server.socketUrl(), alice.token));
        int round = 0;
        auto sendSome = [&](int count) {
            for (int i = 0; i < count; ++i, ++round) {
                const QString id = u"pg-%1"_s.arg(round);
                sender.sent.append(id);
                sender.socket->send(u"message.send"_s, sendData(group, id), id);
                QTest::qWait(2);
            }
        };
        sendSome(100);
        QVERIFY(breakIt());
        // While it is down, sends are refused at once with `unavailable`; the socket stays.
        sendSome(50);
        const bool allAnswered = QTest::qWaitFor(
            [&] {
                sender.collectAnswers();
                return sender.acked.size() + sender.refused.size() == sender.sent.size();
            },
            15000);
        if (!allAnswered)
            qWarning("sent %d, acked %d, refused %d; server log:\n%s", int(sender.sent.size()),
                     int(sender.acked.size()), int(sender.refused.size()),
                     server.logs().right(3000).constData());
        QVERIFY(allAnswered);
        QVERIFY(sender.socket->isOpen());
        QVERIFY2(!sender.refused.isEmpty(), "no send failed while the database was down");
        QVERIFY(mendIt());
        QVERIFY(server.waitForHealth(200, 20000));
        // It recovers by itself; resending what failed stores each exactly once.
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto probe =
                    sender.socket->request(u"message.send"_s, sendData(group, u"probe"_s), 5000);
                return probe && probe->type == "ack"_L1;
            }(),
            20000);
        for (const QString &id : std::as_const(sender.refused)) {
            const auto answer =
                sender.socket->request(u"message.send"_s, sendData(group, id), 10000);
            QVERIFY2(answer && answer->type == "ack"_L1, qPrintable(id));
            sender.acked.insert(id, answer->data[u"message"_s][u"seq"_s].toInteger());
        }
        auto settings = server::DatabaseSettings::parse(databaseUrl);
        QSqlDatabase db = settings->open(u"chaos-check"_s);
        QSqlQuery check(db);
        QVERIFY(check.exec(u"SELECT count(*), max(seq), count(DISTINCT client_msg_id) "
                           "FROM messages"_s));
        QVERIFY(check.next());
        const qint64 expected = sender.sent.size() + 1; // and the probe
        QCOMPARE(check.value(0).toLongLong(), expected);
        QCOMPARE(check.value(1).toLongLong(), expected);
        QCOMPARE(check.value(2).toLongLong(), expected);
        db.close();
    }
};

QTEST_GUILESS_MAIN(TestChaos)
#include "tst_chaos.moc"
