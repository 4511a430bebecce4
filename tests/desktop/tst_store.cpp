// SPDX-License-Identifier: Apache-2.0
// The local SQLite cache and the outbox's persistence, without a server.
#include "api/apiclient.h"
#include "store/localcache.h"
#include "store/outbox.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;

namespace {

Message message(const QUuid &conversation, qint64 seq)
{
    Message m;
    m.id = QUuid::createUuid();
    m.conversationId = conversation;
    m.seq = seq;
    m.senderId = QUuid::createUuid();
    m.bodyText = u"body %1"_s.arg(seq);
    m.createdAt = QDateTime::currentDateTimeUtc();
    return m;
}

} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cacheKeepsConversationsMessagesAndUser()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        Conversation conversation;
        conversation.id = QUuid::createUuid();
        conversation.title = u"Team"_s;
        conversation.createdAt = QDateTime::currentDateTimeUtc();
        User user;
        user.id = QUuid::createUuid();
        user.username = u"alice"_s;
        user.createdAt = QDateTime::currentDateTimeUtc();
        {
            LocalCache cache;
            QVERIFY(cache.open(path).ok());
            cache.saveUser(user);
            cache.saveConversations({conversation});
            QList<Message> messages;
            for (qint64 seq = 1; seq <= LocalCache::kKeepPerConversation + 20; ++seq)
                messages.append(message(conversation.id, seq));
            cache.saveMessages(messages);
        }
        LocalCache reopened;
        QVERIFY(reopened.open(path).ok());
        QCOMPARE(reopened.loadUser()->username, u"alice"_s);
        const QList<Conversation> conversations = reopened.loadConversations();
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(conversations.at(0).title, u"Team"_s);
        const QList<Message> recent = reopened.loadRecentMessages(conversation.id, 10);
        QCOMPARE(recent.size(), 10);
        QCOMPARE(recent.first().seq, LocalCache::kKeepPerConversation + 11);
        QCOMPARE(recent.last().seq, LocalCache::kKeepPerConversation + 20);
        // Only the newest are kept.
        QCOMPARE(reopened.loadRecentMessages(conversation.id, 1000).size(),
                 LocalCache::kKeepPerConversation);
        reopened.clear();
        QVERIFY(!reopened.loadUser());
        QVERIFY(reopened.loadConversations().isEmpty());
    }

    void outboxKeepsUnsentMessagesInOrderAcrossRestarts()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const QUrl unreachable(u"http://127.0.0.1:%1"_s.arg(probe.serverPort()));
        probe.close();

        const QUuid conversation = QUuid::createUuid();
        {
            LocalCache cache;
            QVERIFY(cache.open(path).ok());
            ApiClient api;
            api.setBaseUrl(unreachable);
            Outbox outbox(&cache, &api);
            outbox.setBackoff(Backoff(20, 50));
            outbox.resume();
            QVERIFY(outbox.enqueue(conversation, u"first"_s));
            QVERIFY(outbox.enqueue(conversation, u"second"_s));
            QVERIFY(outbox.enqueue(conversation, u"third"_s));
            // Offline: retried, never dropped, never marked failed.
            QSignalSpy failures(&outbox, &Outbox::failed);
            QTest::qWait(300);
            QCOMPARE(failures.size(), 0);
            QCOMPARE(outbox.items().size(), 3);
        }
        LocalCache cache;
        QVERIFY(cache.open(path).ok());
        ApiClient api;
        Outbox outbox(&cache, &api);
        const QList<OutboxItem> items = outbox.itemsFor(conversation);
        QCOMPARE(items.size(), 3);
        QCOMPARE(items.at(0).bodyText, u"first"_s);
        QCOMPARE(items.at(2).bodyText, u"third"_s);
        QVERIFY(items.at(0).localId < items.at(1).localId);
        QVERIFY(!items.at(0).clientMsgId.isEmpty());
        QVERIFY(items.at(0).clientMsgId != items.at(1).clientMsgId);

        QSignalSpy discarded(&outbox, &Outbox::discarded);
        outbox.discard(items.at(1).localId);
        QCOMPARE(discarded.size(), 1);
        QCOMPARE(outbox.items().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
