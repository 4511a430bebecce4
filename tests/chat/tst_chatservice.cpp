// SPDX-License-Identifier: Apache-2.0
// chat::sendMessage() and chat::markReadUpTo() as the realtime gateway calls them: on a plain
// database connection, inside a job, with events that exist exactly when the change commits.
#include "chatfixture.h"

#include "chat/conversations.h"
#include "chat/historyjson.h"
#include "chat/messaging.h"
#include "db/sql.h"
#include "db/userrepository.h"
#include "natter/events.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;
using namespace natter::testing;

class TestChatService : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;

    User createUser(QSqlDatabase &db, const QString &name)
    {
        UserRepository users(db);
        return users.setUsername(users.create(name, {}).value().id, name).value();
    }

private Q_SLOTS:
    void init()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
    }
    void cleanup() { m_database.reset(); }

    void sendValidatesStoresAndPublishesOnce()
    {
        QSqlDatabase db = m_database->connection();
        const User alice = createUser(db, u"alice"_s);
        const User bob = createUser(db, u"bob"_s);
        const User carol = createUser(db, u"carol"_s);
        const Conversation group =
            chat::createGroup(db, alice, u"G"_s, {u"bob"_s}, 256).value().conversation;
        EventListener events(*m_database);
        QVERIFY(events.isListening());

        auto first = chat::sendMessage(db, bob, group.id, u"hi"_s, u"k1"_s);
        QVERIFY(first.ok());
        QVERIFY(first->created);
        QCOMPARE(first->message.seq, 1);
        auto retry = chat::sendMessage(db, bob, group.id, u"hi"_s, u"k1"_s);
        QVERIFY(retry.ok());
        QVERIFY(!retry->created);
        QCOMPARE(retry->message.id, first->message.id);
        QCOMPARE(events.waitFor(1).size(), 1);
        QCOMPARE(events.waitFor(2, 300).size(), 1);
        QCOMPARE(events.ofType(QString(events::kMessageNew)).size(), 1);

        QCOMPARE(chat::sendMessage(db, carol, group.id, u"hi"_s, {}).error().code,
                 ErrorCode::NotFound);
        QCOMPARE(chat::sendMessage(db, bob, group.id, u"   "_s, {}).error().fields.keys(),
                 QStringList{u"body_text"_s});
        QCOMPARE(chat::sendMessage(db, bob, group.id, u"x"_s, u"has space"_s).error().fields.keys(),
                 QStringList{u"client_msg_id"_s});
        // The same client_msg_id in another conversation is not "the first message".
        const Conversation other = chat::createGroup(db, bob, u"H"_s, {}, 256).value().conversation;
        QCOMPARE(chat::sendMessage(db, bob, other.id, u"hi"_s, u"k1"_s).error().code,
                 ErrorCode::Conflict);
    }

    void aRolledBackCallerTransactionLeavesNoMessageAndNoEvent()
    {
        QSqlDatabase db = m_database->connection();
        const User alice = createUser(db, u"alice"_s);
        const Conversation group =
            chat::createGroup(db, alice, u"G"_s, {}, 256).value().conversation;
        EventListener events(*m_database);
        {
            // A gateway job may wrap the send in work of its own; the send joins that
            // transaction instead of committing behind its back.
            sql::Transaction outer(db);
            QVERIFY(outer.began());
            QVERIFY(chat::sendMessage(db, alice, group.id, u"never"_s, {}).ok());
        } // rolled back
        QCOMPARE(events.waitFor(1, 500).size(), 0);
        QVERIFY(chat::history(db, alice.id, group.id, {}).value().messages.isEmpty());
        // And the seq it took is free again: no gap.
        QCOMPARE(chat::sendMessage(db, alice, group.id, u"kept"_s, {}).value().message.seq, 1);
        QCOMPARE(events.waitFor(1).size(), 1);
    }

    void markReadUpToClampsAndNeverMovesBack()
    {
        QSqlDatabase db = m_database->connection();
        const User alice = createUser(db, u"alice"_s);
        const User bob = createUser(db, u"bob"_s);
        const Conversation group =
            chat::createGroup(db, alice, u"G"_s, {u"bob"_s}, 256).value().conversation;
        for (int i = 0; i < 3; ++i)
            QVERIFY(chat::sendMessage(db, alice, group.id, u"m"_s, {}).ok());
        EventListener events(*m_database);
        QVERIFY(chat::markReadUpTo(db, bob, group.id, 2).ok());
        QVERIFY(chat::markReadUpTo(db, bob, group.id, 1).ok());  // backwards: ignored
        QVERIFY(chat::markReadUpTo(db, bob, group.id, 99).ok()); // past the end: clamped to 3
        auto receipts = chat::receipts(db, bob, group.id).value();
        for (const Receipt &receipt : receipts) {
            if (receipt.userId == bob.id) {
                QCOMPARE(receipt.readSeq, 3);
                QCOMPARE(receipt.deliveredSeq, 3);
            }
        }
        QCOMPARE(events.waitFor(2).size(), 2); // 0 -> 2 and 2 -> 3, nothing for the step back
        QCOMPARE(chat::markReadUpTo(db, createUser(db, u"carol"_s), group.id, 1).error().code,
                 ErrorCode::NotFound);
    }

    //! The history page is written without QJson (chat::encodeHistory); it must say exactly
    //! what History::toJson() says, hostile text and absent optional members included.
    void historyEncoderWritesWhatToJsonWrites()
    {
        chat::History history;
        Message plain;
        plain.id = QUuid::createUuid();
        plain.conversationId = QUuid::createUuid();
        plain.seq = 4294967301LL; // past 32 bits
        plain.senderId = QUuid::createUuid();
        plain.bodyText = u"quote \" backslash \\ tab \t nl \n cr \r bs \b ff \f "
                         "nul-free \x01\x1f del \x7f é 漢字 😀 </script>"_s;
        plain.createdAt = QDateTime::fromMSecsSinceEpoch(1764590400123, Qt::UTC);
        plain.clientMsgId = u"c-1"_s;
        Message orphan; // sender gone, no client id, empty body
        orphan.id = QUuid::createUuid();
        orphan.conversationId = plain.conversationId;
        orphan.seq = 1;
        orphan.createdAt = plain.createdAt;
        history.messages = {plain, orphan};
        User named;
        named.id = plain.senderId;
        named.username = u"ali\"ce"_s;
        named.displayName = u"Ä \\ B"_s;
        named.avatarUrl = u"https://x.test/a.png"_s;
        named.createdAt = plain.createdAt;
        User bare; // no username, no avatar
        bare.id = QUuid::createUuid();
        bare.createdAt = plain.createdAt;
        history.users = {named, bare};

        QJsonParseError error;
        const QJsonDocument written = QJsonDocument::fromJson(chat::encodeHistory(history), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(written.object(), history.toJson());
        QCOMPARE(QJsonDocument::fromJson(chat::encodeHistory({})).object(),
                 chat::History{}.toJson());
    }
};

QTEST_GUILESS_MAIN(TestChatService)
#include "tst_chatservice.moc"
