// SPDX-License-Identifier: Apache-2.0
#include "natter/conversation.h"
#include "natter/receipt.h"
#include "natter/timestamps.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;

class TestProtocol : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void timestampsAreRfc3339WithMilliseconds()
    {
        const QDateTime time(QDate(2026, 11, 26), QTime(9, 15, 0, 123), Qt::UTC);
        QCOMPARE(formatTimestamp(time), u"2026-11-26T09:15:00.123Z"_s);
        QCOMPARE(parseTimestamp(u"2026-11-26T09:15:00.123Z"_s), time);
    }

    static Message sampleMessage()
    {
        Message message;
        message.id = QUuid::createUuid();
        message.conversationId = QUuid::createUuid();
        message.seq = 42;
        message.senderId = QUuid::createUuid();
        message.bodyText = u"<img src=x onerror=alert(1)>"_s;
        message.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5, 6), Qt::UTC);
        message.clientMsgId = u"c-1"_s;
        return message;
    }

    void messageRoundTrip()
    {
        const Message message = sampleMessage();
        const QJsonObject json = message.toJson();
        QCOMPARE(json.value(u"seq"_s).toInteger(), 42);
        QCOMPARE(json.value(u"body_text"_s).toString(), message.bodyText);
        QCOMPARE(Message::fromJson(json).value(), message);
        // The v1.1 members are always there, empty for a plain message.
        QVERIFY(json.value(u"reply_to"_s).isNull());
        QVERIFY(json.value(u"edited_at"_s).isNull());
        QCOMPARE(json.value(u"deleted"_s).toBool(true), false);
        QCOMPARE(json.value(u"reactions"_s).toArray().size(), 0);
        QCOMPARE(json.value(u"mentions"_s).toArray().size(), 0);
        QVERIFY(json.value(u"attachments"_s).isArray());
        QCOMPARE(json.value(u"rev"_s).toInteger(-1), 0);
    }

    void changedMessageRoundTrip()
    {
        Message message = sampleMessage();
        message.replyTo =
            ReplyPreview{QUuid::createUuid(), 7, QUuid::createUuid(), u"first"_s, false};
        message.editedAt = QDateTime(QDate(2026, 1, 2), QTime(3, 5, 0, 0), Qt::UTC);
        message.reactions = {{u"👍"_s, {QUuid::createUuid(), QUuid::createUuid()}},
                             {u"🎉"_s, {QUuid::createUuid()}}};
        message.mentions = {QUuid::createUuid()};
        message.rev = 9;
        const QJsonObject json = message.toJson();
        QCOMPARE(json.value(u"reply_to"_s).toObject().value(u"seq"_s).toInteger(), 7);
        QCOMPARE(json.value(u"reactions"_s).toArray().at(0).toObject().value(u"emoji"_s).toString(),
                 u"👍"_s);
        QCOMPARE(Message::fromJson(json).value(), message);
    }

    void fromJsonNamesTheBadField()
    {
        Message message = sampleMessage();
        message.senderId = {};
        QJsonObject json = message.toJson();
        json.insert(u"seq"_s, u"one"_s);
        const auto result = Message::fromJson(json);
        QVERIFY(!result.ok());
        QVERIFY(result.error().fields.contains(u"message.seq"_s));
    }

    void userWithoutUsernameIsNull()
    {
        User user{QUuid::createUuid(), {}, u"Alice"_s, {}, QDateTime::currentDateTimeUtc()};
        QVERIFY(user.toJson().value(u"username"_s).isNull());
        QCOMPARE(User::fromJson(user.toJson()).value().displayName, u"Alice"_s);
    }

    void conversationRoundTrip()
    {
        User alice{
            QUuid::createUuid(), u"alice"_s, u"Alice"_s, {}, QDateTime::currentDateTimeUtc()};
        Conversation conversation;
        conversation.id = QUuid::createUuid();
        conversation.type = ConversationType::Group;
        conversation.title = u"Friends"_s;
        conversation.createdBy = alice.id;
        conversation.createdAt = QDateTime::currentDateTimeUtc();
        conversation.members = {Member{alice, MemberRole::Admin, QDateTime::currentDateTimeUtc()}};
        conversation.membersIncluded = true;
        conversation.unreadCount = 3;
        const auto parsed = Conversation::fromJson(conversation.toJson());
        QVERIFY(parsed.ok());
        QCOMPARE(parsed->members.size(), 1);
        QVERIFY(parsed->members.first().isAdmin());
        QCOMPARE(parsed->unreadCount, 3);
        QVERIFY(!parsed->lastMessage.has_value());
    }

    void receiptEventCarriesConversation()
    {
        Receipt receipt{QUuid::createUuid(), QUuid::createUuid(), 5, 3};
        QVERIFY(receipt.toEventJson().contains(u"conversation_id"_s));
        QCOMPARE(Receipt::fromJson(receipt.toEventJson()).value(), receipt);
    }

    void receiptsCountOnlyMessagesAfterJoiningAndFromOthers()
    {
        const QUuid cara = QUuid::createUuid();
        const QUuid alice = QUuid::createUuid();
        const Receipt receipt{QUuid::createUuid(), cara, 9, 7, 4};
        QCOMPARE(Receipt::fromJson(receipt.toJson()).value().joinedSeq, 4);
        QVERIFY(!receipt.hasRead(4, alice)); // before she joined
        QVERIFY(receipt.hasRead(5, alice));
        QVERIFY(receipt.hasRead(7, alice));
        QVERIFY(!receipt.hasRead(8, alice));
        QVERIFY(receipt.hasDelivered(9, alice));
        QVERIFY(!receipt.hasDelivered(10, alice));
        QVERIFY(!receipt.hasDelivered(3, alice));
        QVERIFY(!receipt.hasRead(6, cara)); // her own message is not "read by" her
        // Delivered never trails read, even from a server that kept it lower.
        const Receipt lagging{{}, cara, 2, 6, 0};
        QVERIFY(lagging.hasDelivered(6, alice));
        // An older server sends no joined_seq: counted from the start.
        QJsonObject old = receipt.toJson();
        old.remove(u"joined_seq"_s);
        QCOMPARE(Receipt::fromJson(old).value().joinedSeq, 0);
    }
};

QTEST_GUILESS_MAIN(TestProtocol)
#include "tst_protocol.moc"
