// SPDX-License-Identifier: Apache-2.0
// The local SQLite cache and the outbox's persistence, without a server.
#include "api/apiclient.h"
#include "store/localcache.h"
#include "store/outbox.h"

#include <QDir>
#include <QFile>
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
        reopened.clearFetched();
        QVERIFY(!reopened.loadUser());
        QVERIFY(reopened.loadConversations().isEmpty());
    }

    // Sign-out: the rows are gone and so are their bytes, from the file and its -wal log
    // (a deleted SQLite row stays readable in free pages and old log frames otherwise).
    void eraseLeavesNoMessageTextOnDisk()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"cache.sqlite"_s);
        const QUuid owner = QUuid::createUuid();
        const QUuid conversation = QUuid::createUuid();
        LocalCache cache;
        QVERIFY(cache.open(path).ok());
        QList<Message> messages;
        for (qint64 seq = 1; seq <= 150; ++seq) {
            Message m = message(conversation, seq);
            m.bodyText = u"secret-body-%1 the quick brown fox"_s.arg(seq);
            messages.append(m);
        }
        cache.saveMessages(messages);
        QVERIFY(cache.addToOutbox(owner, conversation, u"c1"_s, u"secret-unsent words"_s));
        const auto bytesOnDisk = [&] {
            QByteArray all;
            const QFileInfoList files = QDir(dir.path()).entryInfoList(QDir::Files);
            for (const QFileInfo &info : files) {
                QFile file(info.filePath());
                if (file.open(QIODevice::ReadOnly))
                    all += file.readAll();
            }
            return all;
        };
        QVERIFY(bytesOnDisk().contains("secret-body-42"));

        cache.erase(owner);
        QVERIFY(cache.loadRecentMessages(conversation, 1000).isEmpty());
        QVERIFY(cache.outbox(owner).isEmpty());
        const QByteArray after = bytesOnDisk();
        QVERIFY(!after.contains("secret-body-"));
        QVERIFY(!after.contains("secret-unsent"));
        QVERIFY(!after.contains("quick brown fox"));
    }

    // The outbox belongs to whoever wrote it: another account on the same file neither sees
    // nor sends it, and forgetting what was fetched keeps it.
    void outboxItemsBelongToTheirAuthor()
    {
        QTemporaryDir dir;
        LocalCache cache;
        QVERIFY(cache.open(dir.filePath(u"cache.sqlite"_s)).ok());
        ApiClient api;
        const QUuid alice = QUuid::createUuid();
        const QUuid bob = QUuid::createUuid();
        const QUuid conversation = QUuid::createUuid();
        Outbox outbox(&cache, &api);
        QVERIFY(!outbox.enqueue(conversation, u"nobody's"_s)); // no owner, nothing queued
        outbox.setOwner(alice);
        QVERIFY(outbox.enqueue(conversation, u"from alice"_s));
        cache.clearFetched();
        outbox.setOwner(bob);
        QVERIFY(outbox.items().isEmpty());
        QVERIFY(outbox.itemsFor(conversation).isEmpty());
        QVERIFY(outbox.enqueue(conversation, u"from bob"_s));
        cache.erase(bob); // bob signs out: his go, alice's stay
        QVERIFY(outbox.items().isEmpty());
        outbox.setOwner(alice);
        QCOMPARE(outbox.items().size(), 1);
        QCOMPARE(outbox.items().at(0).bodyText, u"from alice"_s);
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
        const QUuid owner = QUuid::createUuid();
        {
            LocalCache cache;
            QVERIFY(cache.open(path).ok());
            ApiClient api;
            api.setBaseUrl(unreachable);
            Outbox outbox(&cache, &api);
            outbox.setOwner(owner);
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
        outbox.setOwner(owner);
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
