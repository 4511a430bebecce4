// SPDX-License-Identifier: Apache-2.0
// System lines (issue 18) travel the way messages do: a group change made through one
// natter-server process reaches sockets served by another, as `message.new` of kind "system",
// each once and in seq order among the text messages, also for a member who was just added.
#include "chatfixture.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QStringList bodiesOf(const QList<Frame> &frames)
{
    QStringList bodies;
    for (const Frame &frame : frames)
        bodies.append(frame.data[u"message"_s][u"body_text"_s].toString());
    return bodies;
}

QStringList kindsOf(const QList<Frame> &frames)
{
    QStringList kinds;
    for (const Frame &frame : frames)
        kinds.append(frame.data[u"message"_s][u"kind"_s].toString());
    return kinds;
}

//! REST calls as one user against one process.
class Rest
{
public:
    Rest(const ServerProcess &server, const TestUser &user) : m_server(server)
    {
        m_client.setBearer(user.token);
    }
    int call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        return m_client
            .send(method, m_server.url(u"/api/v1"_s + path),
                  method == "DELETE" ? QByteArray()
                                     : QJsonDocument(body).toJson(QJsonDocument::Compact),
                  "application/json")
            .status;
    }

private:
    const ServerProcess &m_server;
    HttpClient m_client;
};

} // namespace

class TestSystemLines : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void groupChangesReachEveryProcessInOrder()
    {
        TestDatabase db;
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        ServerProcess first, second;
        QVERIFY(startTwoProcesses(first, second, db.url()));

        ChatFixture chat(db);
        const TestUser ana = chat.user(u"ana"_s);
        const TestUser ben = chat.user(u"ben"_s);
        const TestUser cara = chat.user(u"cara"_s);
        const QUuid group = chat.group(ana, {ben});
        const QString path = u"/conversations/"_s + idText(group);

        WsClient benSocket, caraSocket;
        QVERIFY(benSocket.connectAs(second.socketUrl(), ben.token));
        QVERIFY(caraSocket.connectAs(second.socketUrl(), cara.token));
        QVERIFY(benSocket.request(u"room.join"_s, {{u"conversation_id"_s, idText(group)}}));

        // Changes made through the first process, messages through both.
        Rest anaRest(first, ana);
        Rest benRest(second, ben);
        chat.send(group, ana, u"morning"_s);
        QCOMPARE(anaRest.call("POST", path + u"/members"_s, {{u"username"_s, u"cara"_s}}), 201);
        QCOMPARE(anaRest.call("PATCH", path, {{u"title"_s, u"Porto"_s}}), 200);
        QCOMPARE(benRest.call("POST", path + u"/messages"_s, {{u"body_text"_s, u"nice"_s}}), 201);
        QCOMPARE(anaRest.call("PUT", path + u"/members/"_s + idText(ben.id) + u"/role"_s,
                              {{u"role"_s, u"admin"_s}}),
                 200);
        QCOMPARE(anaRest.call("DELETE", path + u"/members/"_s + idText(ana.id)), 204);

        const QList<Frame> benSaw = benSocket.collect(u"message.new"_s, 6);
        QCOMPARE(seqsOf(benSaw), (QList<qint64>{1, 2, 3, 4, 5, 6}));
        QCOMPARE(bodiesOf(benSaw),
                 (QStringList{u"morning"_s, u"ana added cara"_s,
                              u"ana renamed the group to \u201cPorto\u201d"_s, u"nice"_s,
                              u"ana made ben an admin"_s, u"ana left"_s}));
        QCOMPARE(kindsOf(benSaw), (QStringList{u"text"_s, u"system"_s, u"system"_s, u"text"_s,
                                               u"system"_s, u"system"_s}));
        QCOMPARE(benSaw.at(1).data[u"message"_s][u"system"_s][u"event"_s].toString(),
                 u"member_added"_s);
        QCOMPARE(benSaw.at(1).data[u"message"_s][u"system"_s][u"user_id"_s].toString(),
                 idText(cara.id));
        QVERIFY(benSocket.drain(u"message.new"_s).isEmpty());

        // Cara, added while connected elsewhere, hears of the group and then gets everything
        // from the line that added her, once each.
        QVERIFY(caraSocket.waitForType(u"conversation.new"_s));
        const QList<Frame> caraSaw = caraSocket.collect(u"message.new"_s, 5);
        QCOMPARE(seqsOf(caraSaw), (QList<qint64>{2, 3, 4, 5, 6}));
        QVERIFY(caraSocket.drain(u"message.new"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestSystemLines)
#include "tst_systemlines.moc"
