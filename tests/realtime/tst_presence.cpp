// SPDX-License-Identifier: Apache-2.0
// Presence (issue 18) from the sockets of every server process: a watcher on one process sees
// a user come online and go offline on another, a quick reconnect is not news, and the privacy
// setting hides a user's presence from others and theirs from them.
#include "chatfixture.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

//! Watches `userIds`; returns the ack's data.
QJsonObject watch(WsClient &socket, const QList<QUuid> &userIds)
{
    QJsonArray ids;
    for (const QUuid &id : userIds)
        ids.append(idText(id));
    const auto ack = socket.request(u"presence.watch"_s, {{u"user_ids"_s, ids}});
    if (!ack || ack->type != u"ack"_s)
        return {};
    return ack->data;
}

//! The next `presence` frame about `userId` (nullopt after the timeout).
std::optional<QJsonObject> nextPresence(WsClient &socket, const QUuid &userId,
                                        int timeoutMs = 10000)
{
    const auto frame = socket.waitFor(
        [&](const Frame &f) {
            return f.type == u"presence"_s &&
                   f.data.value(u"user_id"_s).toString() == idText(userId);
        },
        timeoutMs);
    if (!frame)
        return std::nullopt;
    return frame->data;
}

} // namespace

class TestPresence : public QObject
{
    Q_OBJECT

    TestDatabase m_db;
    ServerProcess m_first, m_second;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_db.isValid(), qPrintable(m_db.error()));
        QVERIFY(startTwoProcesses(m_first, m_second, m_db.url()));
    }

    void onlineAndLastSeenAcrossProcesses()
    {
        ChatFixture chat(m_db);
        const TestUser ana = chat.user(u"ana"_s);
        const TestUser ben = chat.user(u"ben"_s);
        const TestUser cara = chat.user(u"cara"_s); // shares no conversation with ana
        (void)chat.dm(ana, ben);

        WsClient anaSocket;
        QVERIFY(anaSocket.connectAs(m_first.socketUrl(), ana.token));
        const QJsonObject first = watch(anaSocket, {ben.id, cara.id});
        QCOMPARE(first.value(u"hidden"_s).toBool(), false);
        const QJsonArray states = first.value(u"presence"_s).toArray();
        QCOMPARE(states.size(), 1); // not cara: a stranger's presence is not anyone's business
        QCOMPARE(states.at(0)[u"user_id"_s].toString(), idText(ben.id));
        QCOMPARE(states.at(0)[u"online"_s].toBool(), false);

        // Ben comes online on the other process.
        auto benSocket = std::make_unique<WsClient>();
        QVERIFY(benSocket->connectAs(m_second.socketUrl(), ben.token));
        auto online = nextPresence(anaSocket, ben.id);
        QVERIFY(online);
        QCOMPARE(online->value(u"online"_s).toBool(), true);
        // Watching again now answers "online" from the database.
        QCOMPARE(
            watch(anaSocket, {ben.id}).value(u"presence"_s).toArray().at(0)[u"online"_s].toBool(),
            true);

        // A quick reconnect (a page reload) is not news.
        benSocket->close();
        benSocket = std::make_unique<WsClient>();
        QVERIFY(benSocket->connectAs(m_second.socketUrl(), ben.token));
        QVERIFY(!nextPresence(anaSocket, ben.id, 5000));

        // Gone for good: offline, with a last seen time.
        benSocket->close();
        auto offline = nextPresence(anaSocket, ben.id);
        QVERIFY(offline);
        QCOMPARE(offline->value(u"online"_s).toBool(), false);
        QVERIFY(offline->value(u"last_seen_at"_s).isString());
        // Cara's comings and goings never reach ana.
        WsClient caraSocket;
        QVERIFY(caraSocket.connectAs(m_first.socketUrl(), cara.token));
        QVERIFY(!nextPresence(anaSocket, cara.id, 4000));
    }

    void hidingWorksBothWays()
    {
        ChatFixture chat(m_db);
        const TestUser dot = chat.user(u"dot"_s);
        const TestUser eli = chat.user(u"eli"_s);
        (void)chat.dm(dot, eli);
        HttpClient eliRest;
        eliRest.setBearer(eli.token);
        HttpClient dotRest;
        dotRest.setBearer(dot.token);
        const QUrl privacy = m_second.url(u"/api/v1/users/me/privacy"_s);
        QCOMPARE(eliRest.get(privacy).json().value(u"hide_presence"_s).toBool(), false);

        WsClient dotSocket;
        QVERIFY(dotSocket.connectAs(m_first.socketUrl(), dot.token));
        QCOMPARE(watch(dotSocket, {eli.id}).value(u"presence"_s).toArray().size(), 1);

        // Eli hides: Dot learns nothing more about Eli, now or when Eli connects.
        const auto hidden = eliRest.put(privacy, {{u"hide_presence"_s, true}});
        QCOMPARE(hidden.status, 200);
        QCOMPARE(hidden.json().value(u"hide_presence"_s).toBool(), true);
        auto unknown = nextPresence(dotSocket, eli.id);
        QVERIFY(unknown);
        QVERIFY(unknown->value(u"online"_s).isNull());
        QCOMPARE(watch(dotSocket, {eli.id}).value(u"presence"_s).toArray().size(), 0);
        WsClient eliSocket;
        QVERIFY(eliSocket.connectAs(m_second.socketUrl(), eli.token));
        QVERIFY(!nextPresence(dotSocket, eli.id, 5000));
        // And Eli sees nobody's.
        const QJsonObject eliWatch = watch(eliSocket, {dot.id});
        QCOMPARE(eliWatch.value(u"hidden"_s).toBool(), true);
        QCOMPARE(eliWatch.value(u"presence"_s).toArray().size(), 0);

        // Shown again: Dot sees Eli online at once, and Eli's sockets are told to watch again.
        QCOMPARE(eliRest.put(privacy, {{u"hide_presence"_s, false}}).status, 200);
        auto back = nextPresence(dotSocket, eli.id);
        QVERIFY(back);
        QCOMPARE(back->value(u"online"_s).toBool(), true);
        const auto told = eliSocket.waitForType(u"presence.privacy"_s);
        QVERIFY(told);
        QCOMPARE(told->data.value(u"hidden"_s).toBool(), false);
        QCOMPARE(eliRest.put(privacy, {{u"hide_presence"_s, u"yes"_s}}).errorCode(),
                 u"validation_failed"_s);
    }
};

QTEST_GUILESS_MAIN(TestPresence)
#include "tst_presence.moc"
