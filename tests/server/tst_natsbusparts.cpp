// SPDX-License-Identifier: Apache-2.0
// The two pieces the NATS bus rests on, each against what it promises: sql::afterCommit runs
// an action only once its transaction committed (a real PostgreSQL transaction), and the
// per-process numbering tells a receiver when it missed something.
#include "db/sql.h"
#include "realtime/busframe.h"
#include "testdatabase.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::server;
using namespace natter::server::realtime;
using natter::testing::TestDatabase;

class TestNatsBusParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void actionsRunOnlyAfterCommit()
    {
        TestDatabase database;
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        QSqlDatabase db = database.connection();
        QStringList ran;

        { // Committed: runs at COMMIT, not before.
            sql::Transaction transaction(db);
            QVERIFY(transaction.began());
            sql::afterCommit(db, [&] { ran.append(u"committed"_s); });
            QVERIFY(ran.isEmpty());
            QVERIFY(transaction.commit());
            QCOMPARE(ran, QStringList{u"committed"_s});
        }
        { // Rolled back: never runs, not even with the next transaction's commit.
            sql::Transaction transaction(db);
            sql::afterCommit(db, [&] { ran.append(u"rolled back"_s); });
        }
        {
            sql::Transaction transaction(db);
            QVERIFY(transaction.commit());
        }
        QCOMPARE(ran, QStringList{u"committed"_s});
        { // A savepoint rolled back drops what it queued; the outer transaction's stays.
            sql::Transaction outer(db);
            sql::afterCommit(db, [&] { ran.append(u"outer"_s); });
            {
                sql::Transaction inner(db);
                sql::afterCommit(db, [&] { ran.append(u"inner"_s); });
            }
            {
                sql::Transaction kept(db);
                sql::afterCommit(db, [&] { ran.append(u"kept"_s); });
                QVERIFY(kept.commit());
            }
            QCOMPARE(ran.size(), 1);
            QVERIFY(outer.commit());
        }
        QCOMPARE(ran, (QStringList{u"committed"_s, u"outer"_s, u"kept"_s}));
        // Outside a transaction: at once.
        sql::afterCommit(db, [&] { ran.append(u"now"_s); });
        QCOMPARE(ran.last(), u"now"_s);
    }

    void framesRoundTrip()
    {
        const BusFrame frame{"origin-1", 42, R"({"type":"typing"})"};
        const auto decoded = decodeBusFrame(encodeBusFrame(frame));
        QVERIFY(decoded);
        QCOMPARE(decoded->origin, frame.origin);
        QCOMPARE(decoded->number, frame.number);
        QCOMPARE(decoded->event, frame.event);
        QVERIFY(decodeBusFrame(encodeBusFrame({"origin-1", 7, {}}))->isHeartbeat());
        QVERIFY(!decodeBusFrame("no header"));
        QVERIFY(!decodeBusFrame("origin x\n{}"));
    }

    void numbersTellWhatWasMissed()
    {
        using Heard = PublisherSequences::Heard;
        PublisherSequences sequences;
        const auto event = [](quint64 number) { return BusFrame{"a", number, "{}"}; };
        const auto heartbeat = [](quint64 number) { return BusFrame{"a", number, {}}; };
        QCOMPARE(sequences.hear(event(1)), Heard::InOrder);
        QCOMPARE(sequences.hear(event(2)), Heard::InOrder);
        QCOMPARE(sequences.hear(heartbeat(2)), Heard::InOrder);
        QCOMPARE(sequences.hear(event(2)), Heard::Old);
        // 3 was lost: seen at 4, or by the heartbeat when nothing follows.
        QCOMPARE(sequences.hear(event(4)), Heard::Missed);
        QCOMPARE(sequences.hear(event(5)), Heard::InOrder);
        QCOMPARE(sequences.hear(heartbeat(6)), Heard::Missed);
        QCOMPARE(sequences.hear(heartbeat(6)), Heard::InOrder);
        QCOMPARE(sequences.hear(event(7)), Heard::InOrder);
        // A process heard from for the first time: fine from its start, else maybe missed.
        QCOMPARE(sequences.hear(BusFrame{"b", 1, "{}"}), Heard::InOrder);
        QCOMPARE(sequences.hear(BusFrame{"c", 0, {}}), Heard::InOrder);
        QCOMPARE(sequences.hear(BusFrame{"d", 9, "{}"}), Heard::Missed);
        QCOMPARE(sequences.hear(BusFrame{"e", 3, {}}), Heard::Missed);
    }
};

QTEST_GUILESS_MAIN(TestNatsBusParts)
#include "tst_natsbusparts.moc"
