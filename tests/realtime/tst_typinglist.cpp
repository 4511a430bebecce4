// SPDX-License-Identifier: Apache-2.0
// "typing…" in the conversation list (issue 18): a socket that subscribed to typing everywhere
// hears it for conversations it has not joined, on any process; one that did not still hears
// it only for joined rooms (the contract's rule).
#include "chatfixture.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

class TestTypingList : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typingReachesAListThatAskedForIt()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        ServerProcess first, second;
        QVERIFY(startTwoProcesses(first, second, db.url()));
        ChatFixture chat(db);
        const TestUser ana = chat.user(u"ana"_s);
        const TestUser ben = chat.user(u"ben"_s);
        const QUuid group = chat.group(ana, {ben});

        WsClient list, plain, benSocket;
        QVERIFY(list.connectAs(first.socketUrl(), ana.token));
        QVERIFY(plain.connectAs(first.socketUrl(), ana.token));
        QVERIFY(benSocket.connectAs(second.socketUrl(), ben.token));
        const auto ack = list.request(u"typing.subscribe"_s, {{u"all"_s, true}});
        QVERIFY(ack);
        QCOMPARE(ack->type, u"ack"_s);
        QVERIFY(benSocket.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));

        benSocket.send(u"typing.start"_s, {{u"conversation_id"_s, idText(group)}});
        const auto typing = list.waitForType(u"typing"_s);
        QVERIFY(typing);
        QCOMPARE(typing->data.value(u"conversation_id"_s).toString(), idText(group));
        QCOMPARE(typing->data.value(u"user_id"_s).toString(), idText(ben.id));
        QCOMPARE(typing->data.value(u"state"_s).toString(), u"start"_s);
        QVERIFY(plain.drain(u"typing"_s).isEmpty()); // neither joined nor subscribed

        // Unsubscribed, the list hears no more.
        QVERIFY(list.request(u"typing.subscribe"_s, {{u"all"_s, false}}));
        (void)list.drain(u"typing"_s);
        benSocket.send(u"typing.stop"_s, {{u"conversation_id"_s, idText(group)}});
        QVERIFY(list.drain(u"typing"_s, 1500).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTypingList)
#include "tst_typinglist.moc"
