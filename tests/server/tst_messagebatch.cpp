// SPDX-License-Identifier: Apache-2.0
// The group commit's batch statement (db/messagebatch.h, issue 10) run as its own transaction
// with its own notification, as the send writer runs it: a batch mixing new sends, a retried
// client_msg_id and a sender who is no member stores exactly the new ones, numbers them
// without a gap, answers each send for itself, and announces the batch once, after COMMIT.
#include "db/messagebatch.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;
using natter::testing::TestDatabase;

namespace {

const QString kChannel = u"natter_events"_s;

QUuid addUser(QSqlDatabase &db, const QString &username)
{
    const QUuid id = QUuid::createUuid();
    QSqlQuery query(db);
    query.prepare(u"INSERT INTO users (id, username, display_name) VALUES (?, ?, ?)"_s);
    query.addBindValue(id.toString(QUuid::WithoutBraces));
    query.addBindValue(username);
    query.addBindValue(username);
    return query.exec() ? id : QUuid();
}

bool run(QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant &value : values)
        query.addBindValue(value);
    return query.exec();
}

qint64 scalar(QSqlDatabase &db, const QString &statement, const QVariantList &values = {})
{
    QSqlQuery query(db);
    query.prepare(statement);
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec() || !query.next())
        return -1;
    return query.value(0).toLongLong();
}

} // namespace

class TestMessageBatch : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    QUuid m_ann;
    QUuid m_bob;
    QUuid m_stranger;
    QUuid m_group;

private Q_SLOTS:
    void init()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        QSqlDatabase db = m_database->connection();
        m_ann = addUser(db, u"ann_batch"_s);
        m_bob = addUser(db, u"bob_batch"_s);
        m_stranger = addUser(db, u"stranger_batch"_s);
        QVERIFY(!m_ann.isNull() && !m_bob.isNull() && !m_stranger.isNull());
        m_group = QUuid::createUuid();
        QVERIFY(run(db,
                    u"INSERT INTO conversations (id, type, title, created_by) "
                    "VALUES (?, 'group', 'Batch', ?)"_s,
                    {m_group.toString(QUuid::WithoutBraces), m_ann.toString(QUuid::WithoutBraces)}));
        for (const QUuid &member : {m_ann, m_bob})
            QVERIFY(run(db,
                        u"INSERT INTO conversation_members (conversation_id, user_id) "
                        "VALUES (?, ?)"_s,
                        {m_group.toString(QUuid::WithoutBraces),
                         member.toString(QUuid::WithoutBraces)}));
    }
    void cleanup() { m_database.reset(); }

    void aMixedBatchStoresTheNewOnesGaplessAndAnnouncesItselfOnce()
    {
        QSqlDatabase db = m_database->connection();
        // An earlier send of Ann's, whose client_msg_id she retries below.
        auto first = appendBatch(db, {{m_group, m_ann, u"first"_s, u"c-1"_s, {}}});
        QVERIFY(first);
        QCOMPARE(first->at(0).kind, BatchedOutcome::Created);
        const Message original = first->at(0).message;
        QCOMPARE(original.seq, 1);

        // Listening on a connection of its own, as the other server processes do.
        QSqlDatabase listener = m_database->settings().open(u"batch-listener"_s);
        QVERIFY(listener.isOpen());
        QList<QJsonObject> events;
        QVERIFY(listener.driver()->subscribeToNotification(kChannel));
        connect(listener.driver(), &QSqlDriver::notification, this,
                [&events](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                    events.append(QJsonDocument::fromJson(payload.toString().toUtf8()).object());
                });

        const QList<BatchedSend> sends{
            {m_group, m_ann, u"second"_s, u"c-2"_s, {}},
            {m_group, m_ann, u"first again"_s, u"c-1"_s, {}}, // a retry: the original answers
            {m_group, m_stranger, u"let me in"_s, u"c-9"_s, {}}, // no member: refused
            {m_group, m_bob, u"third"_s, {}, {}},
        };
        auto outcomes = appendBatch(db, sends,
                                    BatchNotification{kChannel, u"message.batch"_s, u"me"_s});
        QVERIFY(outcomes);
        QCOMPARE(outcomes->size(), 4);
        QCOMPARE(outcomes->at(0).kind, BatchedOutcome::Created);
        QCOMPARE(outcomes->at(0).message.seq, 2);
        QCOMPARE(outcomes->at(0).message.bodyText, u"second"_s);
        QCOMPARE(outcomes->at(1).kind, BatchedOutcome::Duplicate);
        QCOMPARE(outcomes->at(1).message.id, original.id);
        QCOMPARE(outcomes->at(1).message.seq, 1);
        QCOMPARE(outcomes->at(1).message.bodyText, u"first"_s);
        QCOMPARE(outcomes->at(2).kind, BatchedOutcome::NotMember);
        QCOMPARE(outcomes->at(3).kind, BatchedOutcome::Created);
        QCOMPARE(outcomes->at(3).message.seq, 3);
        QCOMPARE(outcomes->at(3).message.senderId, m_bob);

        // Committed by the statement itself (no transaction was open): another connection
        // sees exactly the new messages, numbered 1..3, and the conversation's last_seq.
        QSqlDatabase other = m_database->settings().open(u"batch-reader"_s);
        QVERIFY(other.isOpen());
        const QVariantList group{m_group.toString(QUuid::WithoutBraces)};
        QCOMPARE(scalar(other, u"SELECT count(*) FROM messages WHERE conversation_id = ?"_s, group),
                 3);
        QCOMPARE(scalar(other,
                        u"SELECT count(DISTINCT seq) FROM messages WHERE conversation_id = ? "
                        "AND seq BETWEEN 1 AND 3"_s,
                        group),
                 3);
        QCOMPARE(scalar(other, u"SELECT last_seq FROM conversations WHERE id = ?"_s, group), 3);
        QCOMPARE(scalar(other, u"SELECT count(*) FROM messages WHERE sender_id = ?"_s,
                        {m_stranger.toString(QUuid::WithoutBraces)}),
                 0);
        // The senders' own delivered watermarks moved with their messages.
        QCOMPARE(scalar(other,
                        u"SELECT delivered_seq FROM conversation_members "
                        "WHERE conversation_id = ? AND user_id = ?"_s,
                        {m_group.toString(QUuid::WithoutBraces),
                         m_bob.toString(QUuid::WithoutBraces)}),
                 3);

        // One notification for the batch: its origin and the range of what it stored.
        QVERIFY(QTest::qWaitFor([&events] { return !events.isEmpty(); }, 10000));
        QTest::qWait(200); // nothing else follows
        QCOMPARE(events.size(), 1);
        const QJsonObject event = events.constFirst();
        QCOMPARE(event.value(u"type"_s).toString(), u"message.batch"_s);
        QCOMPARE(event.value(u"origin"_s).toString(), u"me"_s);
        const QJsonArray ranges = event.value(u"ranges"_s).toArray();
        QCOMPARE(ranges.size(), 1);
        const QJsonObject range = ranges.at(0).toObject();
        QCOMPARE(QUuid::fromString(range.value(u"conversation_id"_s).toString()), m_group);
        QCOMPARE(range.value(u"from"_s).toInteger(), 2);
        QCOMPARE(range.value(u"to"_s).toInteger(), 3);
        listener.close();
        other.close();
    }

    void aBatchWithNothingNewAnnouncesNothing()
    {
        QSqlDatabase db = m_database->connection();
        QSqlDatabase listener = m_database->settings().open(u"batch-listener-2"_s);
        QVERIFY(listener.isOpen());
        int events = 0;
        QVERIFY(listener.driver()->subscribeToNotification(kChannel));
        connect(listener.driver(), &QSqlDriver::notification, this,
                [&events](const QString &, QSqlDriver::NotificationSource, const QVariant &) {
                    ++events;
                });
        auto outcomes = appendBatch(db, {{m_group, m_stranger, u"no"_s, {}, {}}},
                                    BatchNotification{kChannel, u"message.batch"_s, u"me"_s});
        QVERIFY(outcomes);
        QCOMPARE(outcomes->at(0).kind, BatchedOutcome::NotMember);
        // A marker notification sent afterwards arrives alone: the batch sent none.
        QVERIFY(run(db, u"SELECT pg_notify(?, '{}')"_s, {kChannel}));
        QVERIFY(QTest::qWaitFor([&events] { return events > 0; }, 10000));
        QTest::qWait(200);
        QCOMPARE(events, 1);
        listener.close();
    }

    void withoutANotificationTheCallersTransactionDecides()
    {
        QSqlDatabase db = m_database->connection();
        QVERIFY(db.transaction());
        auto outcomes = appendBatch(db, {{m_group, m_ann, u"rolled back"_s, {}, {}}});
        QVERIFY(outcomes);
        QCOMPARE(outcomes->at(0).kind, BatchedOutcome::Created);
        QVERIFY(db.rollback());
        QCOMPARE(scalar(db, u"SELECT count(*) FROM messages"_s), 0);
        QCOMPARE(scalar(db, u"SELECT last_seq FROM conversations WHERE id = ?"_s,
                        {m_group.toString(QUuid::WithoutBraces)}),
                 0);
    }
};

QTEST_GUILESS_MAIN(TestMessageBatch)
#include "tst_messagebatch.moc"
