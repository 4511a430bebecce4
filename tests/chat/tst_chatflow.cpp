// SPDX-License-Identifier: Apache-2.0
// The chat API's happy paths and their edges, as a client walks them: find people, open a DM,
// make a group, send, page through history both ways, read, leave.
#include "chatfixture.h"

#include "natter/events.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QList<qint64> seqsOf(const HttpResponse &response)
{
    QList<qint64> seqs;
    const QJsonArray messages = response.json().value(u"messages"_s).toArray();
    for (const QJsonValue &message : messages)
        seqs.append(message.toObject().value(u"seq"_s).toInteger());
    return seqs;
}

QList<qint64> range(qint64 first, qint64 last)
{
    QList<qint64> values;
    for (qint64 v = first; first <= last ? v <= last : v >= last; v += first <= last ? 1 : -1)
        values.append(v);
    return values;
}

QStringList usernamesOf(const HttpResponse &response)
{
    QStringList names;
    const QJsonArray users = response.json().value(u"users"_s).toArray();
    for (const QJsonValue &user : users)
        names.append(user.toObject().value(u"username"_s).toString());
    return names;
}

} // namespace

class TestChatFlow : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;
    Account m_alice, m_bob, m_carol, m_dave;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_chat.start());
        m_alice = m_chat.createUser(u"alice"_s, u"Alice Liddell"_s);
        m_bob = m_chat.createUser(u"bob"_s, u"Bob Builder"_s);
        m_carol = m_chat.createUser(u"carol"_s, u"Carol Danvers"_s);
        m_dave = m_chat.createUser(u"dave"_s, u"Dave"_s);
        QVERIFY(!m_dave.user.id.isNull());
    }
    void cleanupTestCase() { m_chat.stop(); }

    void searchByUsernamePrefixAndDisplayName()
    {
        m_chat.createUser(u"alison"_s, u"Someone Else"_s);
        m_chat.createUser(u"zed"_s, u"Malice Cooper"_s);
        m_chat.createUser(u"xavier_al"_s, u"X"_s);
        m_chat.createUser(u"xavierzal"_s, u"Y"_s);
        m_chat.createUser({}, u"Alice Without Username"_s);

        const auto found = m_chat.get(m_bob, u"/users/search?q=ALI"_s);
        QCOMPARE(found.status, 200);
        // Username prefixes first, then display names that contain it; users without a
        // username cannot be addressed, so they are not offered.
        QCOMPARE(usernamesOf(found), (QStringList{u"alice"_s, u"alison"_s, u"zed"_s}));

        const auto exact = m_chat.get(m_bob, u"/users/search?q=alice"_s);
        QCOMPARE(usernamesOf(exact).first(), u"alice"_s);

        QCOMPARE(usernamesOf(m_chat.get(m_bob, u"/users/search?q=builder"_s)),
                 QStringList{u"bob"_s});
        QCOMPARE(usernamesOf(m_chat.get(m_bob, u"/users/search?q=al&limit=1"_s)).size(), 1);
        // LIKE metacharacters are literal: "_" is not "any character".
        QCOMPARE(usernamesOf(m_chat.get(m_bob, u"/users/search?q=xavier_"_s)),
                 QStringList{u"xavier_al"_s});
        QCOMPARE(usernamesOf(m_chat.get(m_bob, u"/users/search?q=%25"_s)), QStringList{});

        QCOMPARE(m_chat.get(m_bob, u"/users/search?q="_s).errorCode(), u"validation_failed"_s);
        const auto badLimit = m_chat.get(m_bob, u"/users/search?q=a&limit=51"_s);
        QCOMPARE(badLimit.status, 400);
        QVERIFY(badLimit.json()[u"error"_s][u"fields"_s].toObject().contains(u"limit"_s));
    }

    void publicProfile()
    {
        const auto profile = m_chat.get(m_alice, u"/users/Bob"_s);
        QCOMPARE(profile.status, 200);
        QCOMPARE(profile.json().value(u"id"_s).toString(), m_bob.id());
        QCOMPARE(profile.json().value(u"username"_s).toString(), u"bob"_s);
        QCOMPARE(profile.json().value(u"display_name"_s).toString(), u"Bob Builder"_s);
        QVERIFY(profile.json().contains(u"created_at"_s));

        const auto missing = m_chat.get(m_alice, u"/users/nobody_here"_s);
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorCode(), u"not_found"_s);
    }

    void oneDmPerPair()
    {
        EventListener events(m_chat.database());
        QVERIFY(events.isListening());
        const auto first = m_chat.openDm(m_alice, u"carol"_s);
        QCOMPARE(first.status, 201);
        const QJsonObject dm = first.json();
        QCOMPARE(dm.value(u"type"_s).toString(), u"dm"_s);
        QCOMPARE(dm.value(u"members"_s).toArray().size(), 2);
        QVERIFY(dm.value(u"last_message"_s).isNull());
        QCOMPARE(dm.value(u"unread_count"_s).toInt(), 0);
        QCOMPARE(events.waitFor(2).size(), 2);
        QCOMPARE(events.ofType(QString(events::kConversationNew)).size(), 2);

        // Either side asking again gets the same DM, with 200 and no new events.
        const auto again = m_chat.openDm(m_carol, u"ALICE"_s);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(u"id"_s), dm.value(u"id"_s));
        QCOMPARE(m_chat.openDm(m_alice, u"carol"_s).status, 200);
        QCOMPARE(events.waitFor(3, 300).size(), 2);

        const auto self = m_chat.openDm(m_alice, u"alice"_s);
        QCOMPARE(self.status, 400);
        QCOMPARE(self.errorCode(), u"validation_failed"_s);
        QCOMPARE(m_chat.openDm(m_alice, u"nobody_here"_s).status, 404);
    }

    void groupLifecycle()
    {
        EventListener events(m_chat.database());
        const auto created = m_chat.createGroup(m_alice, u"Tea party"_s, {u"bob"_s, u"BOB"_s});
        QCOMPARE(created.status, 201);
        const QJsonObject group = created.json();
        const QString id = group.value(u"id"_s).toString();
        QCOMPARE(group.value(u"type"_s).toString(), u"group"_s);
        QCOMPARE(group.value(u"title"_s).toString(), u"Tea party"_s);
        QCOMPARE(group.value(u"created_by"_s).toString(), m_alice.id());
        const QJsonArray members = group.value(u"members"_s).toArray();
        QCOMPARE(members.size(), 2); // bob once, however he was spelled
        QCOMPARE(members[0][u"user"_s][u"username"_s].toString(), u"alice"_s);
        QCOMPARE(members[0][u"role"_s].toString(), u"admin"_s);
        QCOMPARE(members[1][u"role"_s].toString(), u"member"_s);
        events.waitFor(2);
        QCOMPARE(events.ofType(QString(events::kConversationNew)).size(), 2);
        events.clear();

        // Adding: the admin may; the new member hears conversation.new, the room member_joined.
        const auto added = m_chat.addMember(m_alice, id, u"carol"_s);
        QCOMPARE(added.status, 201);
        QCOMPARE(added.json()[u"user"_s][u"username"_s].toString(), u"carol"_s);
        QCOMPARE(added.json()[u"role"_s].toString(), u"member"_s);
        events.waitFor(2);
        const auto conversationNew = events.ofType(QString(events::kConversationNew));
        QCOMPARE(conversationNew.size(), 1);
        QCOMPARE(conversationNew[0][u"user_id"_s].toString(), m_carol.id());
        const auto joined = events.ofType(QString(events::kRoomMemberJoined));
        QCOMPARE(joined.size(), 1);
        QCOMPARE(joined[0][u"user"_s][u"id"_s].toString(), m_carol.id());
        events.clear();

        QCOMPARE(m_chat.addMember(m_alice, id, u"carol"_s).status, 409);
        QCOMPARE(m_chat.addMember(m_alice, id, u"nobody_here"_s).status, 404);
        const auto byMember = m_chat.addMember(m_bob, id, u"dave"_s);
        QCOMPARE(byMember.status, 403);
        QCOMPARE(byMember.errorCode(), u"forbidden"_s);

        const auto details = m_chat.get(m_carol, u"/conversations/"_s + id);
        QCOMPARE(details.status, 200);
        QCOMPARE(details.json().value(u"members"_s).toArray().size(), 3);

        // Carol leaves by herself; Bob cannot remove Alice; Alice removes Bob.
        QCOMPARE(m_chat.del(m_bob, u"/conversations/%1/members/%2"_s.arg(id, m_alice.id())).status,
                 403);
        QCOMPARE(
            m_chat.del(m_carol, u"/conversations/%1/members/%2"_s.arg(id, m_carol.id())).status,
            204);
        QCOMPARE(m_chat.get(m_carol, u"/conversations/"_s + id).status, 404);
        QCOMPARE(
            m_chat.del(m_alice, u"/conversations/%1/members/%2"_s.arg(id, m_carol.id())).status,
            404);
        events.waitFor(1);
        QCOMPARE(events.ofType(QString(events::kRoomMemberLeft)).size(), 1);
        QCOMPARE(events.ofType(QString(events::kRoomMemberLeft))[0][u"user_id"_s].toString(),
                 m_carol.id());

        // When the only admin leaves, the longest-standing member takes over.
        QCOMPARE(
            m_chat.del(m_alice, u"/conversations/%1/members/%2"_s.arg(id, m_alice.id())).status,
            204);
        const auto afterAdminLeft = m_chat.get(m_bob, u"/conversations/"_s + id).json();
        QCOMPARE(afterAdminLeft[u"members"_s].toArray().size(), 1);
        QCOMPARE(afterAdminLeft[u"members"_s][0][u"role"_s].toString(), u"admin"_s);
        QCOMPARE(m_chat.addMember(m_bob, id, u"dave"_s).status, 201);
    }

    void aDmCannotBeLeftOrExtended()
    {
        const QString id = m_chat.openDm(m_bob, u"dave"_s).json().value(u"id"_s).toString();
        QCOMPARE(m_chat.addMember(m_bob, id, u"carol"_s).status, 403);
        QCOMPARE(m_chat.del(m_bob, u"/conversations/%1/members/%2"_s.arg(id, m_bob.id())).status,
                 403);
    }

    void groupSizeIsCapped()
    {
        ChatFixture small;
        QProcessEnvironment env;
        env.insert(u"NATTER_MAX_GROUP_SIZE"_s, u"3"_s);
        QVERIFY(small.start(env));
        const Account a = small.createUser(u"amy"_s);
        small.createUser(u"ben"_s);
        small.createUser(u"cat"_s);
        small.createUser(u"dan"_s);
        const auto tooBig = small.createGroup(a, u"G"_s, {u"ben"_s, u"cat"_s, u"dan"_s});
        QCOMPARE(tooBig.status, 400);
        QVERIFY(tooBig.json()[u"error"_s][u"fields"_s].toObject().contains(u"usernames"_s));
        const QString id =
            small.createGroup(a, u"G"_s, {u"ben"_s, u"cat"_s}).json()[u"id"_s].toString();
        const auto full = small.addMember(a, id, u"dan"_s);
        QCOMPARE(full.status, 409);
        QCOMPARE(full.errorCode(), u"conflict"_s);
        small.stop();
    }

    void sendAndPageThroughHistory()
    {
        const auto created = m_chat.createGroup(m_alice, u"History"_s, {u"bob"_s});
        const QString id = created.json().value(u"id"_s).toString();

        // Empty conversation: every page is empty.
        QCOMPARE(seqsOf(m_chat.get(m_bob, u"/conversations/%1/messages"_s.arg(id))),
                 QList<qint64>{});
        QCOMPARE(seqsOf(m_chat.get(m_bob, u"/conversations/%1/messages?after=0"_s.arg(id))),
                 QList<qint64>{});

        EventListener events(m_chat.database());
        const auto first = m_chat.send(m_alice, id, u"  hello  "_s, u"c-1"_s);
        QCOMPARE(first.status, 201);
        const QJsonObject message = first.json();
        QCOMPARE(message.value(u"seq"_s).toInt(), 1);
        QCOMPARE(message.value(u"body_text"_s).toString(), u"  hello  "_s); // stored as sent
        QCOMPARE(message.value(u"sender_id"_s).toString(), m_alice.id());
        QCOMPARE(message.value(u"conversation_id"_s).toString(), id);
        QCOMPARE(message.value(u"client_msg_id"_s).toString(), u"c-1"_s);
        QVERIFY(message.value(u"created_at"_s).toString().endsWith(u'Z'));
        events.waitFor(1);
        const auto announced = events.ofType(QString(events::kMessageNew));
        QCOMPARE(announced.size(), 1);
        QCOMPARE(announced[0][u"message"_s].toObject(), message);

        // A retry is the first message again, 200, no second event.
        const auto retry = m_chat.send(m_alice, id, u"hello again?"_s, u"c-1"_s);
        QCOMPARE(retry.status, 200);
        QCOMPARE(retry.json(), message);
        QCOMPARE(events.waitFor(2, 300).size(), 1);

        for (int i = 2; i <= 120; ++i)
            QCOMPARE(m_chat.send(i % 2 ? m_alice : m_bob, id, u"m%1"_s.arg(i)).status, 201);

        const QString base = u"/conversations/%1/messages"_s.arg(id);
        // Latest page, newest first, default limit 50.
        QCOMPARE(seqsOf(m_chat.get(m_bob, base)), range(120, 71));
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?before=71"_s)), range(70, 21));
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?before=21"_s)), range(20, 1));
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?before=1"_s)), QList<qint64>{});
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?before=2&limit=100"_s)), QList<qint64>{1});
        // Exactly one page.
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?before=101&limit=100"_s)), range(100, 1));
        // Catch-up, oldest first.
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?after=0&limit=100"_s)), range(1, 100));
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?after=100&limit=100"_s)), range(101, 120));
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?after=119"_s)), QList<qint64>{120});
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?after=120"_s)), QList<qint64>{});
        QCOMPARE(seqsOf(m_chat.get(m_bob, base + u"?after=99999"_s)), QList<qint64>{});

        for (const QString &bad : {u"?limit=0"_s, u"?limit=101"_s, u"?limit=x"_s, u"?before=-1"_s,
                                   u"?after=abc"_s, u"?before=5&after=1"_s}) {
            const auto refused = m_chat.get(m_bob, base + bad);
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.errorCode(), u"validation_failed"_s);
        }
    }

    void listUnreadAndReceipts()
    {
        const QString older =
            m_chat.createGroup(m_carol, u"Older"_s, {u"dave"_s}).json()[u"id"_s].toString();
        const QString newer =
            m_chat.createGroup(m_carol, u"Newer"_s, {u"dave"_s}).json()[u"id"_s].toString();
        QString lastId;
        QString thirdId;
        for (int i = 1; i <= 5; ++i) {
            const auto sent = m_chat.send(m_carol, older, u"o%1"_s.arg(i));
            lastId = sent.json()[u"id"_s].toString();
            if (i == 3)
                thirdId = lastId;
        }
        m_chat.send(m_carol, newer, u"n1"_s);
        // Activity, not creation, orders the list: "older" spoke last.
        m_chat.send(m_carol, older, u"o6"_s);

        auto list = m_chat.get(m_dave, u"/conversations"_s);
        QCOMPARE(list.status, 200);
        QJsonArray conversations = list.json()[u"conversations"_s].toArray();
        QStringList order;
        for (const QJsonValue &c : conversations)
            order.append(c[u"id"_s].toString());
        QVERIFY(order.indexOf(older) < order.indexOf(newer));
        const QJsonObject olderView = conversations[order.indexOf(older)].toObject();
        QCOMPARE(olderView[u"unread_count"_s].toInt(), 6);
        QCOMPARE(olderView[u"last_read_seq"_s].toInt(), 0);
        QCOMPARE(olderView[u"last_message"_s][u"body_text"_s].toString(), u"o6"_s);
        QCOMPARE(olderView[u"members"_s].toArray().size(), 2);
        // One's own messages are never unread (though sending does not move the read watermark).
        QCOMPARE(
            m_chat.get(m_carol, u"/conversations/"_s + older).json()[u"unread_count"_s].toInt(), 0);

        EventListener events(m_chat.database());
        QCOMPARE(m_chat.post(m_dave, u"/messages/%1/read"_s.arg(lastId)).status, 204);
        events.waitFor(1);
        const auto receipts = events.ofType(QString(events::kReceiptUpdated));
        QCOMPARE(receipts.size(), 1);
        QCOMPARE(receipts[0][u"user_id"_s].toString(), m_dave.id());
        QCOMPARE(receipts[0][u"read_seq"_s].toInt(), 5);
        QCOMPARE(receipts[0][u"conversation_id"_s].toString(), older);

        // An older message does not move the watermark back, and announces nothing.
        QCOMPARE(m_chat.post(m_dave, u"/messages/%1/read"_s.arg(thirdId)).status, 204);
        QCOMPARE(events.waitFor(2, 300).size(), 1);
        const auto view = m_chat.get(m_dave, u"/conversations/"_s + older).json();
        QCOMPARE(view[u"last_read_seq"_s].toInt(), 5);
        QCOMPARE(view[u"unread_count"_s].toInt(), 1);

        const auto all = m_chat.get(m_dave, u"/conversations/%1/receipts"_s.arg(older));
        QCOMPARE(all.status, 200);
        const QJsonArray rows = all.json()[u"receipts"_s].toArray();
        QCOMPARE(rows.size(), 2);
        for (const QJsonValue &row : rows) {
            if (row[u"user_id"_s].toString() == m_dave.id()) {
                QCOMPARE(row[u"read_seq"_s].toInt(), 5);
                QCOMPARE(row[u"delivered_seq"_s].toInt(), 5);
            } else {
                QCOMPARE(row[u"user_id"_s].toString(), m_carol.id());
                // Sending delivers to the sender but reads nothing (issue 10 / lead 11:14).
                QCOMPARE(row[u"read_seq"_s].toInt(), 0);
                QCOMPARE(row[u"delivered_seq"_s].toInt(), 6);
            }
        }
        QCOMPARE(m_chat
                     .post(m_dave, u"/messages/%1/read"_s.arg(
                                       QUuid::createUuid().toString(QUuid::WithoutBraces)))
                     .status,
                 404);
    }
};

QTEST_GUILESS_MAIN(TestChatFlow)
#include "tst_chatflow.moc"
