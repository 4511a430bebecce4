// SPDX-License-Identifier: Apache-2.0
// What receipts may claim, through the REST API of a real server (docs/protocol.md, "Receipts"
// and "Blocks"): watermarks start at joining, so "read by" never names someone for a message
// from before they were there; history pages carry their authors, former members included;
// and in a DM with a block each side sees what the protocol promises.
#include "chatfixture.h"

#include "natter/receipt.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QList<Receipt> receiptsOf(const HttpResponse &response)
{
    QList<Receipt> receipts;
    const QJsonArray rows = response.json().value(u"receipts"_s).toArray();
    for (const QJsonValue &row : rows) {
        auto receipt = Receipt::fromJson(row.toObject());
        if (receipt)
            receipts.append(receipt.value());
    }
    return receipts;
}

//! Every message of the page as (seq, sender).
QList<std::pair<qint64, QUuid>> messagesOf(const HttpResponse &response)
{
    QList<std::pair<qint64, QUuid>> messages;
    const QJsonArray array = response.json().value(u"messages"_s).toArray();
    for (const QJsonValue &value : array)
        messages.append(
            {value[u"seq"_s].toInteger(), QUuid::fromString(value[u"sender_id"_s].toString())});
    return messages;
}

QStringList bodiesOf(const HttpResponse &response)
{
    QStringList bodies;
    const QJsonArray array = response.json().value(u"messages"_s).toArray();
    for (const QJsonValue &value : array)
        bodies.append(value[u"body_text"_s].toString());
    return bodies;
}

QSet<QString> authorNames(const HttpResponse &response)
{
    QSet<QString> names;
    const QJsonArray users = response.json().value(u"users"_s).toArray();
    for (const QJsonValue &user : users)
        names.insert(user[u"username"_s].toString());
    return names;
}

} // namespace

class TestReceiptRules : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;

    //! A group `title` of `creator` with `members`, and `count` messages of `sender` in it.
    QString groupWithMessages(const Account &creator, const QString &title,
                              const QStringList &members, const Account &sender, int count,
                              const QString &text)
    {
        const QString group =
            m_chat.createGroup(creator, title, members).json()[u"id"_s].toString();
        for (int i = 1; i <= count; ++i)
            sendAndId(sender, group, u"%1 %2"_s.arg(text).arg(i));
        return group;
    }

    QString sendAndId(const Account &as, const QString &conversation, const QString &text)
    {
        const HttpResponse sent = m_chat.send(as, conversation, text);
        if (sent.status != 201)
            qWarning("send failed: %d %s", sent.status, sent.body.constData());
        return sent.json()[u"id"_s].toString();
    }

    //! Who "read" message `seq` of `sender`, by the rule every client applies.
    QSet<QUuid> readersOf(const Account &as, const QString &conversation, qint64 seq,
                          const QUuid &sender)
    {
        QSet<QUuid> readers;
        const auto receipts =
            receiptsOf(m_chat.get(as, u"/conversations/%1/receipts"_s.arg(conversation)));
        for (const Receipt &receipt : receipts) {
            if (receipt.hasRead(seq, sender))
                readers.insert(receipt.userId);
        }
        return readers;
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_chat.start()); }
    void cleanupTestCase() { m_chat.stop(); }

    void watermarksStartAtJoining()
    {
        const Account alice = m_chat.createUser(u"alice"_s);
        const Account bob = m_chat.createUser(u"bob"_s);
        const Account cara = m_chat.createUser(u"cara"_s);
        const QString group =
            groupWithMessages(alice, u"Hike"_s, {u"bob"_s}, alice, 5, u"before cara"_s);
        QCOMPARE(
            m_chat.post(bob, u"/messages/%1/read"_s.arg(sendAndId(alice, group, u"6"_s))).status,
            204);

        QCOMPARE(m_chat.addMember(alice, group, u"cara"_s).status, 201);
        // Cara comes in at seq 6: nothing before is unread for her, nor ever read by her. The
        // system line that added her (seq 7, issue 18) is the one thing new to her.
        const auto view = m_chat.get(cara, u"/conversations/"_s + group).json();
        QCOMPARE(view[u"unread_count"_s].toInt(), 1);
        QCOMPARE(view[u"last_message"_s][u"kind"_s].toString(), u"system"_s);
        const QJsonArray members = view[u"members"_s].toArray();
        QCOMPARE(members.size(), 3);
        for (const QJsonValue &member : members) {
            const bool isCara = member[u"user"_s][u"id"_s].toString() == cara.id();
            QCOMPARE(member[u"joined_seq"_s].toInteger(), isCara ? 6 : 0);
        }
        const auto receipts =
            receiptsOf(m_chat.get(alice, u"/conversations/%1/receipts"_s.arg(group)));
        QCOMPARE(receipts.size(), 3);
        for (const Receipt &receipt : receipts) {
            if (receipt.userId == cara.user.id) {
                QCOMPARE(receipt.joinedSeq, 6);
                QCOMPARE(receipt.readSeq, 6);
                QCOMPARE(receipt.deliveredSeq, 6);
            }
        }
        for (qint64 seq = 1; seq <= 6; ++seq) {
            const QSet<QUuid> readers = readersOf(alice, group, seq, alice.user.id);
            QVERIFY2(!readers.contains(cara.user.id), qPrintable(u"seq %1"_s.arg(seq)));
            QCOMPARE(readers.contains(bob.user.id), seq <= 6);
        }

        // Reading an old message moves nothing; reading a new one makes her a reader of it
        // alone.
        const auto old = m_chat.get(cara, u"/conversations/%1/messages?after=0"_s.arg(group));
        QCOMPARE(old.status, 200);
        QCOMPARE(messagesOf(old).size(), 7); // with the line that added her
        const QString third = old.json()[u"messages"_s][2][u"id"_s].toString();
        QCOMPARE(m_chat.post(cara, u"/messages/%1/read"_s.arg(third)).status, 204);
        QVERIFY(!readersOf(alice, group, 3, alice.user.id).contains(cara.user.id));
        const QString eighth = sendAndId(alice, group, u"8"_s);
        QCOMPARE(m_chat.post(cara, u"/messages/%1/read"_s.arg(eighth)).status, 204);
        QVERIFY(readersOf(alice, group, 8, alice.user.id).contains(cara.user.id));
        QVERIFY(!readersOf(alice, group, 6, alice.user.id).contains(cara.user.id));

        // Removed and added again later: she starts over from the new joining point.
        QCOMPARE(m_chat.del(alice, u"/conversations/%1/members/%2"_s.arg(group, cara.id())).status,
                 204);
        // Seq 9 is "Alice removed cara"; seq 10 is sent while she is away.
        sendAndId(alice, group, u"10, while cara is away"_s);
        QCOMPARE(m_chat.addMember(alice, group, u"cara"_s).status, 201);
        for (const Receipt &receipt :
             receiptsOf(m_chat.get(alice, u"/conversations/%1/receipts"_s.arg(group)))) {
            if (receipt.userId == cara.user.id)
                QCOMPARE(receipt.joinedSeq, 10);
        }
        for (qint64 seq = 1; seq <= 10; ++seq)
            QVERIFY(!readersOf(alice, group, seq, alice.user.id).contains(cara.user.id));
        // Nobody is ever a reader of their own message.
        QVERIFY(!readersOf(bob, group, 8, alice.user.id).contains(alice.user.id));
    }

    void sendingIsNotReading()
    {
        // Replying while scrolled up must not mark what the sender has not seen: a send moves
        // the sender's delivered watermark, not the read one, and one's own messages are never
        // unread.
        const Account alice = m_chat.createUser(u"alma"_s);
        const Account bob = m_chat.createUser(u"boris"_s);
        const QString group =
            groupWithMessages(alice, u"Scroll"_s, {u"boris"_s}, bob, 3, u"unseen"_s);
        const QString reply = sendAndId(alice, group, u"a reply from far up"_s);
        QVERIFY(!reply.isEmpty());
        for (const Receipt &receipt :
             receiptsOf(m_chat.get(alice, u"/conversations/%1/receipts"_s.arg(group)))) {
            if (receipt.userId == alice.user.id) {
                QCOMPARE(receipt.readSeq, 0);
                QCOMPARE(receipt.deliveredSeq, 4);
            }
        }
        const auto view = m_chat.get(alice, u"/conversations/"_s + group).json();
        QCOMPARE(view[u"unread_count"_s].toInt(), 3);
        for (qint64 seq = 1; seq <= 3; ++seq)
            QVERIFY(!readersOf(bob, group, seq, bob.user.id).contains(alice.user.id));
        QCOMPARE(m_chat.post(alice, u"/messages/%1/read"_s.arg(reply)).status, 204);
        QCOMPARE(m_chat.get(alice, u"/conversations/"_s + group).json()[u"unread_count"_s].toInt(),
                 0);
    }

    void historyNamesItsAuthorsAlsoAfterTheyLeft()
    {
        const Account ann = m_chat.createUser(u"ann"_s, u"Ann Ames"_s);
        const Account ben = m_chat.createUser(u"ben"_s, u"Ben Bell"_s);
        const Account cid = m_chat.createUser(u"cid"_s, u"Cid Cole"_s);
        const QString group =
            m_chat.createGroup(ann, u"Club"_s, {u"ben"_s, u"cid"_s}).json()[u"id"_s].toString();
        sendAndId(ann, group, u"from ann"_s);
        sendAndId(cid, group, u"from cid"_s);
        QCOMPARE(m_chat.del(cid, u"/conversations/%1/members/%2"_s.arg(group, cid.id())).status,
                 204);

        const auto page = m_chat.get(ben, u"/conversations/%1/messages"_s.arg(group));
        QCOMPARE(page.status, 200);
        QCOMPARE(authorNames(page), (QSet<QString>{u"ann"_s, u"cid"_s}));
        const QJsonArray users = page.json()[u"users"_s].toArray();
        for (const QJsonValue &user : users) {
            if (user[u"username"_s].toString() == "cid"_L1)
                QCOMPARE(user[u"display_name"_s].toString(), u"Cid Cole"_s);
        }
        // Only the senders of the page, whichever direction it pages in.
        const auto first =
            m_chat.get(ben, u"/conversations/%1/messages?after=0&limit=1"_s.arg(group));
        QCOMPARE(authorNames(first), (QSet<QString>{u"ann"_s}));
        // Seq 3 is the system line "Cid Cole left", whose sender is Cid.
        const auto empty = m_chat.get(ben, u"/conversations/%1/messages?after=3"_s.arg(group));
        QCOMPARE(empty.json()[u"users"_s].toArray().size(), 0);
    }

    void aBlockedPersonWritesIntoTheVoid()
    {
        const Account bea = m_chat.createUser(u"bea"_s, u"Bea"_s);
        const Account abe = m_chat.createUser(u"abe"_s, u"Abe"_s);
        const QString dm = m_chat.openDm(abe, u"bea"_s).json()[u"id"_s].toString();
        const QString before = sendAndId(abe, dm, u"before the block"_s);
        QCOMPARE(m_chat.post(bea, u"/messages/%1/read"_s.arg(before)).status, 204);
        QCOMPARE(m_chat.post(bea, u"/blocks/abe"_s).status, 204);

        // Abe is not told: his send is stored and answered as any other.
        const auto sent = m_chat.send(abe, dm, u"are you there?"_s);
        QCOMPARE(sent.status, 201);
        const QString withheld = sent.json()[u"id"_s].toString();
        const qint64 withheldSeq = sent.json()[u"seq"_s].toInteger();
        QVERIFY(!sent.body.contains("withheld"));
        QVERIFY(bodiesOf(m_chat.get(abe, u"/conversations/%1/messages"_s.arg(dm)))
                    .contains(u"are you there?"_s));

        // Bea never sees it: not in history, not as the last message, not as unread; she
        // cannot mark it read, and cannot write to him.
        QVERIFY(!m_chat.get(bea, u"/conversations/%1/messages"_s.arg(dm))
                     .body.contains("are you there?"));
        const auto beaView = m_chat.get(bea, u"/conversations/"_s + dm).json();
        QCOMPARE(beaView[u"unread_count"_s].toInt(), 0);
        QVERIFY(!beaView[u"last_message"_s].isObject() ||
                beaView[u"last_message"_s][u"id"_s].toString() != withheld);
        QCOMPARE(m_chat.post(bea, u"/messages/%1/read"_s.arg(withheld)).status, 404);
        const auto refused = m_chat.send(bea, dm, u"go away"_s);
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), u"forbidden"_s);
        QCOMPARE(refused.json()[u"error"_s][u"message"_s].toString(), u"You blocked @abe."_s);
        for (const Receipt &receipt :
             receiptsOf(m_chat.get(abe, u"/conversations/%1/receipts"_s.arg(dm)))) {
            QVERIFY(!receipt.hasDelivered(withheldSeq, abe.user.id));
            QVERIFY(!receipt.hasRead(withheldSeq, abe.user.id));
        }

        // After the unblock it stays withheld; what Abe writes from then on reaches her.
        QCOMPARE(m_chat.del(bea, u"/blocks/abe"_s).status, 204);
        const auto after = m_chat.get(bea, u"/conversations/%1/messages"_s.arg(dm));
        QCOMPARE(bodiesOf(after), QStringList{u"before the block"_s});
        QVERIFY(m_chat.get(bea, u"/conversations/%1/messages?after=0"_s.arg(dm))
                    .body.contains("before the block"));
        QCOMPARE(m_chat.get(bea, u"/conversations/"_s + dm).json()[u"unread_count"_s].toInt(), 0);
        QCOMPARE(m_chat.send(abe, dm, u"hello again"_s).status, 201);
        QCOMPARE(m_chat.get(bea, u"/conversations/"_s + dm).json()[u"unread_count"_s].toInt(), 1);
        QCOMPARE(bodiesOf(m_chat.get(bea, u"/conversations/%1/messages"_s.arg(dm))),
                 (QStringList{u"hello again"_s, u"before the block"_s}));
        QCOMPARE(m_chat.send(bea, dm, u"hi"_s).status, 201);
    }
};

QTEST_GUILESS_MAIN(TestReceiptRules)
#include "tst_receiptrules.moc"
