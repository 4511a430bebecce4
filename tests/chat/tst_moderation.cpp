// SPDX-License-Identifier: Apache-2.0
// Blocks and reports: what a block hides from the blocker (history, last_message, unread
// counts, live delivery's list), and which reports are accepted.
#include "chatfixture.h"

#include "db/sql.h"
#include "realtime/eventpublisher.h"

#include <QJsonArray>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

class TestModeration : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;
    Account m_alice, m_bob, m_carol, m_outsider;

    QStringList bodies(const Account &as, const QString &conversation, const QString &query = {})
    {
        QStringList texts;
        const QJsonArray messages =
            m_chat.get(as, u"/conversations/%1/messages%2"_s.arg(conversation, query))
                .json()[u"messages"_s]
                .toArray();
        for (const QJsonValue &message : messages)
            texts.append(message[u"body_text"_s].toString());
        return texts;
    }

    QJsonObject view(const Account &as, const QString &conversation)
    {
        return m_chat.get(as, u"/conversations/"_s + conversation).json();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_chat.start());
        m_alice = m_chat.createUser(u"alice"_s);
        m_bob = m_chat.createUser(u"bob"_s);
        m_carol = m_chat.createUser(u"carol"_s);
        m_outsider = m_chat.createUser(u"outsider"_s);
    }
    void cleanupTestCase() { m_chat.stop(); }

    void blockingIsIdempotentAndListed()
    {
        QCOMPARE(m_chat.get(m_alice, u"/blocks"_s).json()[u"users"_s].toArray().size(), 0);
        EventListener events(m_chat.database());
        QCOMPARE(m_chat.post(m_alice, u"/blocks/carol"_s).status, 204);
        // The realtime hubs hear of it, to start dropping Carol's messages for Alice live.
        events.waitFor(1);
        const auto changed = events.ofType(QString::fromLatin1(server::realtime::kBlockChanged));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed[0].value(u"blocker_id"_s).toString(), m_alice.id());
        QCOMPARE(m_chat.post(m_alice, u"/blocks/CAROL"_s).status, 204);
        const QJsonArray blocked = m_chat.get(m_alice, u"/blocks"_s).json()[u"users"_s].toArray();
        QCOMPARE(blocked.size(), 1);
        QCOMPARE(blocked[0][u"username"_s].toString(), u"carol"_s);
        // Carol's list is her own: Alice's block of her is not in it.
        QCOMPARE(m_chat.get(m_carol, u"/blocks"_s).json()[u"users"_s].toArray().size(), 0);

        QCOMPARE(m_chat.del(m_alice, u"/blocks/carol"_s).status, 204);
        QCOMPARE(m_chat.del(m_alice, u"/blocks/carol"_s).status, 204);
        QCOMPARE(m_chat.get(m_alice, u"/blocks"_s).json()[u"users"_s].toArray().size(), 0);

        QCOMPARE(m_chat.post(m_alice, u"/blocks/alice"_s).status, 400);
        QCOMPARE(m_chat.post(m_alice, u"/blocks/nobody_at_all"_s).status, 404);
        QCOMPARE(m_chat.del(m_alice, u"/blocks/nobody_at_all"_s).status, 404);
    }

    void theBlockerNoLongerSeesTheBlockedInAGroup()
    {
        const QString group = m_chat.createGroup(m_alice, u"Both"_s, {u"bob"_s, u"carol"_s})
                                  .json()[u"id"_s]
                                  .toString();
        QCOMPARE(m_chat.send(m_bob, group, u"bob 1"_s).status, 201);
        QCOMPARE(m_chat.send(m_carol, group, u"carol 1"_s).status, 201);
        const QString bobsLast = m_chat.send(m_bob, group, u"bob 2"_s).json()[u"id"_s].toString();
        QCOMPARE(view(m_alice, group)[u"unread_count"_s].toInt(), 3);

        QCOMPARE(m_chat.post(m_alice, u"/blocks/bob"_s).status, 204);
        // History both ways, last_message and unread all leave Bob out, for Alice only.
        QCOMPARE(bodies(m_alice, group), QStringList{u"carol 1"_s});
        QCOMPARE(bodies(m_alice, group, u"?after=0"_s), QStringList{u"carol 1"_s});
        QCOMPARE(bodies(m_carol, group), (QStringList{u"bob 2"_s, u"carol 1"_s, u"bob 1"_s}));
        QJsonObject seen = view(m_alice, group);
        QCOMPARE(seen[u"last_message"_s][u"body_text"_s].toString(), u"carol 1"_s);
        QCOMPARE(seen[u"unread_count"_s].toInt(), 1);
        QCOMPARE(view(m_carol, group)[u"last_message"_s][u"body_text"_s].toString(), u"bob 2"_s);
        bool listed = false;
        const QJsonArray list =
            m_chat.get(m_alice, u"/conversations"_s).json()[u"conversations"_s].toArray();
        for (const QJsonValue &c : list) {
            if (c[u"id"_s].toString() == group) {
                listed = true;
                QCOMPARE(c[u"last_message"_s][u"body_text"_s].toString(), u"carol 1"_s);
                QCOMPARE(c[u"unread_count"_s].toInt(), 1);
            }
        }
        QVERIFY(listed);
        // A message Alice cannot see cannot be "read" by her either.
        QCOMPARE(m_chat.post(m_alice, u"/messages/%1/read"_s.arg(bobsLast)).status, 404);

        // Reading the newest visible message clears the badge although Bob's is newer.
        const QString carols = m_chat.get(m_alice, u"/conversations/"_s + group)
                                   .json()[u"last_message"_s][u"id"_s]
                                   .toString();
        QCOMPARE(m_chat.post(m_alice, u"/messages/%1/read"_s.arg(carols)).status, 204);
        QCOMPARE(view(m_alice, group)[u"unread_count"_s].toInt(), 0);
        // Bob keeps talking; still nothing unread for Alice.
        QCOMPARE(m_chat.send(m_bob, group, u"bob 3"_s).status, 201);
        QCOMPARE(view(m_alice, group)[u"unread_count"_s].toInt(), 0);

        // Unblocking brings Bob's messages back, history included.
        QCOMPARE(m_chat.del(m_alice, u"/blocks/bob"_s).status, 204);
        QCOMPARE(bodies(m_alice, group),
                 (QStringList{u"bob 3"_s, u"bob 2"_s, u"carol 1"_s, u"bob 1"_s}));
        QCOMPARE(view(m_alice, group)[u"unread_count"_s].toInt(), 2); // bob 2 and bob 3
    }

    void reportsAreStoredForReview()
    {
        const QString group =
            m_chat.createGroup(m_alice, u"Reports"_s, {u"bob"_s}).json()[u"id"_s].toString();
        const QString bobs = m_chat.send(m_bob, group, u"offensive"_s).json()[u"id"_s].toString();
        const QString alices = m_chat.send(m_alice, group, u"fine"_s).json()[u"id"_s].toString();

        const auto plain = m_chat.post(m_alice, u"/reports"_s,
                                       {{u"username"_s, u"bob"_s}, {u"reason"_s, u"  spam  "_s}});
        QCOMPARE(plain.status, 201);
        QVERIFY(!QUuid::fromString(plain.json()[u"id"_s].toString()).isNull());
        const auto withMessage = m_chat.post(
            m_alice, u"/reports"_s,
            {{u"username"_s, u"bob"_s}, {u"reason"_s, u"abuse"_s}, {u"message_id"_s, bobs}});
        QCOMPARE(withMessage.status, 201);

        QSqlDatabase db = m_chat.database().connection();
        auto stored = server::sql::exec(db,
                                        u"SELECT reporter_id::text, reported_user_id::text, "
                                        u"message_id::text, reason FROM reports "
                                        "WHERE id = ?::uuid"_s,
                                        {withMessage.json()[u"id"_s].toString()});
        QVERIFY(stored.ok() && stored.value().next());
        QCOMPARE(stored.value().value(0).toString(), m_alice.id());
        QCOMPARE(stored.value().value(1).toString(), m_bob.id());
        QCOMPARE(stored.value().value(2).toString(), bobs);
        QCOMPARE(stored.value().value(3).toString(), u"abuse"_s);

        // The message must be that user's...
        const auto notHis = m_chat.post(
            m_alice, u"/reports"_s,
            {{u"username"_s, u"bob"_s}, {u"reason"_s, u"x"_s}, {u"message_id"_s, alices}});
        QCOMPARE(notHis.status, 400);
        // ...in a conversation the reporter is in (an outsider learns nothing: 404).
        const auto outsider = m_chat.post(
            m_outsider, u"/reports"_s,
            {{u"username"_s, u"bob"_s}, {u"reason"_s, u"x"_s}, {u"message_id"_s, bobs}});
        QCOMPARE(outsider.status, 404);
        const auto unknownMessage =
            m_chat.post(m_alice, u"/reports"_s,
                        {{u"username"_s, u"bob"_s},
                         {u"reason"_s, u"x"_s},
                         {u"message_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}});
        QCOMPARE(unknownMessage.status, 404);
        QCOMPARE(m_chat
                     .post(m_alice, u"/reports"_s,
                           {{u"username"_s, u"ghost_user"_s}, {u"reason"_s, u"x"_s}})
                     .status,
                 404);
        QCOMPARE(
            m_chat
                .post(m_alice, u"/reports"_s, {{u"username"_s, u"alice"_s}, {u"reason"_s, u"x"_s}})
                .status,
            400);
        QCOMPARE(
            m_chat.post(m_alice, u"/reports"_s, {{u"username"_s, u"bob"_s}, {u"reason"_s, u""_s}})
                .status,
            400);
        QCOMPARE(m_chat.post(m_alice, u"/reports"_s, {{u"username"_s, u"bob"_s}}).status, 400);

        auto count = server::sql::exec(db, u"SELECT count(*) FROM reports"_s);
        QVERIFY(count.ok() && count.value().next());
        QCOMPARE(count.value().value(0).toInt(), 2);
    }
};

QTEST_GUILESS_MAIN(TestModeration)
#include "tst_moderation.moc"
