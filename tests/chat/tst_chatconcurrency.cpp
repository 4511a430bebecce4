// SPDX-License-Identifier: Apache-2.0
// What must hold when many clients act at once: gapless unique seqs, one message per
// client_msg_id, one DM per pair, a group size cap that cannot be overrun.
#include "chatfixture.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QThread>

#include <functional>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

//! Runs `work(i)` on `count` threads at once (each with its own HTTP client) and waits,
//! spinning this thread's event loop meanwhile: ServerProcess reads the server's log pipe
//! here, and a server whose pipe fills up stops answering.
void inParallel(int count, const std::function<void(int)> &work)
{
    QList<QThread *> threads;
    for (int i = 0; i < count; ++i)
        threads.append(QThread::create([&work, i] { work(i); }));
    for (QThread *thread : std::as_const(threads))
        thread->start();
    for (QThread *thread : std::as_const(threads)) {
        while (!thread->wait(QDeadlineTimer(10)))
            QCoreApplication::processEvents();
        delete thread;
    }
}

} // namespace

class TestChatConcurrency : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;

private Q_SLOTS:
    void initTestCase()
    {
        QProcessEnvironment env;
        env.insert(u"NATTER_MAX_GROUP_SIZE"_s, u"8"_s);
        QVERIFY(m_chat.start(env));
    }
    void cleanupTestCase() { m_chat.stop(); }

    void eightClientsSendTwoThousandMessages()
    {
        constexpr int kClients = 8;
        constexpr int kPerClient = 250;
        QList<Account> senders;
        QStringList names;
        for (int i = 0; i < kClients; ++i) {
            senders.append(m_chat.createUser(u"sender%1"_s.arg(i)));
            names.append(u"sender%1"_s.arg(i));
        }
        const QString id =
            m_chat.createGroup(senders[0], u"Busy"_s, names.mid(1)).json()[u"id"_s].toString();
        QVERIFY(!id.isEmpty());

        QList<QList<qint64>> seqsByClient(kClients);
        QList<int> failures(kClients, 0);
        const QUrl url = m_chat.url(u"/conversations/%1/messages"_s.arg(id));
        inParallel(kClients, [&](int client) {
            HttpClient http;
            http.setBearer(senders[client].token);
            for (int n = 0; n < kPerClient; ++n) {
                const auto response = http.postJson(
                    url, {{u"body_text"_s, u"client %1 message %2"_s.arg(client).arg(n)},
                          {u"client_msg_id"_s, u"c%1-%2"_s.arg(client).arg(n)}});
                if (response.status != 201) {
                    ++failures[client];
                    continue;
                }
                seqsByClient[client].append(response.json()[u"seq"_s].toInteger());
            }
        });
        for (int client = 0; client < kClients; ++client) {
            QCOMPARE(failures[client], 0);
            // Each client's own messages got increasing seqs, in the order it sent them.
            QVERIFY(std::is_sorted(seqsByClient[client].cbegin(), seqsByClient[client].cend()));
        }

        QList<qint64> all;
        for (const auto &seqs : std::as_const(seqsByClient))
            all.append(seqs);
        std::sort(all.begin(), all.end());
        QCOMPARE(all.size(), kClients * kPerClient);
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(all[i], i + 1); // 1..2000, each exactly once

        // History agrees: 2000 stored, contiguous.
        HttpClient reader;
        reader.setBearer(senders[0].token);
        qint64 expected = 1;
        for (qint64 after = 0;;) {
            const auto page =
                reader.get(QUrl(url.toString() + u"?limit=100&after=%1"_s.arg(after)));
            const QJsonArray messages = page.json()[u"messages"_s].toArray();
            if (messages.isEmpty())
                break;
            for (const QJsonValue &message : messages)
                QCOMPARE(message[u"seq"_s].toInteger(), expected++);
            after = messages.last()[u"seq"_s].toInteger();
        }
        QCOMPARE(expected - 1, qint64(kClients * kPerClient));
    }

    void sameClientMsgIdConcurrentlyStoresOneMessage()
    {
        const Account a = m_chat.createUser(u"twice"_s);
        const QString id = m_chat.createGroup(a, u"Retry"_s, {}).json()[u"id"_s].toString();
        const QUrl url = m_chat.url(u"/conversations/%1/messages"_s.arg(id));
        for (int round = 0; round < 10; ++round) {
            QList<int> statuses(2);
            QList<QString> ids(2);
            inParallel(2, [&](int i) {
                HttpClient http;
                http.setBearer(a.token);
                const auto response =
                    http.postJson(url, {{u"body_text"_s, u"same"_s},
                                        {u"client_msg_id"_s, u"dup-%1"_s.arg(round)}});
                statuses[i] = response.status;
                ids[i] = response.json()[u"id"_s].toString();
            });
            std::sort(statuses.begin(), statuses.end());
            QCOMPARE(statuses, (QList<int>{200, 201}));
            QCOMPARE(ids[0], ids[1]);
        }
        const auto history = m_chat.get(a, u"/conversations/%1/messages?limit=100"_s.arg(id));
        QCOMPARE(history.json()[u"messages"_s].toArray().size(), 10);
    }

    void concurrentDmCreationMakesOneDm()
    {
        const Account a = m_chat.createUser(u"pair_a"_s);
        const Account b = m_chat.createUser(u"pair_b"_s);
        QList<QString> ids(8);
        QList<int> statuses(8);
        inParallel(8, [&](int i) {
            HttpClient http;
            http.setBearer(i % 2 ? a.token : b.token);
            const auto response = http.postJson(
                m_chat.url(u"/conversations"_s),
                {{u"type"_s, u"dm"_s}, {u"username"_s, i % 2 ? u"pair_b"_s : u"pair_a"_s}});
            statuses[i] = response.status;
            ids[i] = response.json()[u"id"_s].toString();
        });
        QCOMPARE(QSet<QString>(ids.cbegin(), ids.cend()).size(), 1);
        QCOMPARE(statuses.count(201), 1);
        QCOMPARE(statuses.count(200), 7);
    }

    void groupCapHoldsUnderConcurrentAdds()
    {
        const Account admin = m_chat.createUser(u"capadmin"_s);
        const QString id = m_chat.createGroup(admin, u"Capped"_s, {}).json()[u"id"_s].toString();
        for (int i = 0; i < 10; ++i)
            m_chat.createUser(u"joiner%1"_s.arg(i));
        QList<int> statuses(10);
        inParallel(10, [&](int i) {
            HttpClient http;
            http.setBearer(admin.token);
            statuses[i] = http.postJson(m_chat.url(u"/conversations/%1/members"_s.arg(id)),
                                        {{u"username"_s, u"joiner%1"_s.arg(i)}})
                              .status;
        });
        QCOMPARE(statuses.count(201), 7); // 8 with the admin
        QCOMPARE(statuses.count(409), 3);
        QCOMPARE(m_chat.get(admin, u"/conversations/"_s + id).json()[u"members"_s].toArray().size(),
                 8);
    }
};

QTEST_GUILESS_MAIN(TestChatConcurrency)
#include "tst_chatconcurrency.moc"
