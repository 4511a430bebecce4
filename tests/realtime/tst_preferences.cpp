// SPDX-License-Identifier: Apache-2.0
// Mute, pin and archive (issue 18) are each member's own, kept by the server: the list shows
// them to that member alone, pinned first, archived until a newer message unless muted, and a
// change reaches the member's other sessions on every server process.
#include "chatfixture.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

//! REST as one user against one process.
class Rest
{
public:
    Rest(const ServerProcess &server, const TestUser &user) : m_server(server)
    {
        m_client.setBearer(user.token);
    }
    HttpResponse patch(const QUuid &conversationId, const QJsonObject &body)
    {
        return m_client.send(
            "PATCH",
            m_server.url(u"/api/v1/conversations/%1/preferences"_s.arg(idText(conversationId))),
            QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
    }
    //! The conversation list, by id.
    QHash<QString, QJsonObject> list(QStringList *order = nullptr)
    {
        const auto answer = m_client.get(m_server.url(u"/api/v1/conversations"_s));
        QHash<QString, QJsonObject> byId;
        const QJsonArray array = answer.json().value(u"conversations"_s).toArray();
        for (const QJsonValue &value : array) {
            byId.insert(value[u"id"_s].toString(), value.toObject());
            if (order)
                order->append(value[u"id"_s].toString());
        }
        return byId;
    }

private:
    const ServerProcess &m_server;
    HttpClient m_client;
};

} // namespace

class TestPreferences : public QObject
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

    void eachMembersOwnAndSyncedToTheirOtherSessions()
    {
        ChatFixture chat(m_db);
        const TestUser ana = chat.user(u"ana"_s);
        const TestUser ben = chat.user(u"ben"_s);
        const QUuid group = chat.group(ana, {ben});
        WsClient anaHere, anaThere, benSocket;
        QVERIFY(anaHere.connectAs(m_first.socketUrl(), ana.token));
        QVERIFY(anaThere.connectAs(m_second.socketUrl(), ana.token));
        QVERIFY(benSocket.connectAs(m_second.socketUrl(), ben.token));

        Rest anaRest(m_first, ana);
        const auto muted =
            anaRest.patch(group, {{u"muted_until"_s, u"forever"_s}, {u"pinned"_s, true}});
        QCOMPARE(muted.status, 200);
        QCOMPARE(muted.json().value(u"muted"_s).toBool(), true);
        QVERIFY(muted.json().value(u"muted_until"_s).isNull());
        QCOMPARE(muted.json().value(u"pinned"_s).toBool(), true);

        // Ana's session on the other process hears of it; Ben hears nothing.
        for (WsClient *socket : {&anaHere, &anaThere}) {
            const auto event = socket->waitForType(u"conversation.preferences"_s);
            QVERIFY(event);
            QCOMPARE(event->data.value(u"conversation_id"_s).toString(), idText(group));
            QCOMPARE(event->data.value(u"muted"_s).toBool(), true);
            QCOMPARE(event->data.value(u"pinned"_s).toBool(), true);
        }
        QVERIFY(benSocket.drain(u"conversation.preferences"_s).isEmpty());

        const QJsonObject anaView = anaRest.list().value(idText(group));
        QCOMPARE(anaView.value(u"muted"_s).toBool(), true);
        QCOMPARE(anaView.value(u"pinned"_s).toBool(), true);
        const QJsonObject benView = Rest(m_second, ben).list().value(idText(group));
        QCOMPARE(benView.value(u"muted"_s).toBool(), false);
        QCOMPARE(benView.value(u"pinned"_s).toBool(), false);

        // Unmuting with null.
        QCOMPARE(anaRest.patch(group, {{u"muted_until"_s, QJsonValue()}})
                     .json()
                     .value(u"muted"_s)
                     .toBool(),
                 false);
        QCOMPARE(Rest(m_first, ben).patch(QUuid::createUuid(), {{u"pinned"_s, true}}).status, 404);
        QCOMPARE(anaRest.patch(group, {{u"pinned"_s, u"yes"_s}}).errorCode(),
                 u"validation_failed"_s);
        QCOMPARE(anaRest.patch(group, {{u"muted_until"_s, u"soon"_s}}).errorCode(),
                 u"validation_failed"_s);
        QCOMPARE(anaRest.patch(group, {}).errorCode(), u"validation_failed"_s);
    }

    void aMuteEndsOnItsOwn()
    {
        ChatFixture chat(m_db);
        const TestUser cleo = chat.user(u"cleo"_s);
        const TestUser dan = chat.user(u"dan"_s);
        const QUuid dm = chat.dm(cleo, dan);
        Rest rest(m_first, cleo);
        const QDateTime past = QDateTime::currentDateTimeUtc().addSecs(-60);
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(3600);
        QCOMPARE(rest.patch(dm, {{u"muted_until"_s, later.toString(Qt::ISODateWithMs)}})
                     .json()
                     .value(u"muted"_s)
                     .toBool(),
                 true);
        QVERIFY(!rest.list().value(idText(dm)).value(u"muted_until"_s).isNull());
        QCOMPARE(rest.patch(dm, {{u"muted_until"_s, past.toString(Qt::ISODateWithMs)}})
                     .json()
                     .value(u"muted"_s)
                     .toBool(),
                 false);
        QCOMPARE(rest.list().value(idText(dm)).value(u"muted"_s).toBool(), false);
    }

    void pinnedComeFirstAndArchivedWaitForANewMessageUnlessMuted()
    {
        ChatFixture chat(m_db);
        const TestUser eve = chat.user(u"eve"_s);
        const TestUser fay = chat.user(u"fay"_s);
        const TestUser gus = chat.user(u"gus"_s);
        const QUuid withFay = chat.dm(eve, fay);
        const QUuid withGus = chat.dm(eve, gus);
        const QUuid group = chat.group(eve, {fay, gus});
        chat.send(withFay, fay, u"1"_s);
        chat.send(withGus, gus, u"2"_s);
        chat.send(group, gus, u"3"_s); // the most recent activity
        Rest rest(m_first, eve);

        QCOMPARE(rest.patch(withFay, {{u"pinned"_s, true}}).status, 200);
        QStringList order;
        rest.list(&order);
        QCOMPARE(order.first(), idText(withFay));
        QCOMPARE(order.at(1), idText(group));

        // Archived: out of the list until something new comes.
        QCOMPARE(rest.patch(withGus, {{u"archived"_s, true}}).json().value(u"archived"_s).toBool(),
                 true);
        QCOMPARE(rest.list().value(idText(withGus)).value(u"archived"_s).toBool(), true);
        chat.send(withGus, gus, u"back again"_s);
        QCOMPARE(rest.list().value(idText(withGus)).value(u"archived"_s).toBool(), false);

        // Muted and archived: it stays in the archive whatever arrives.
        QCOMPARE(
            rest.patch(group, {{u"archived"_s, true}, {u"muted_until"_s, u"forever"_s}}).status,
            200);
        chat.send(group, fay, u"noise"_s);
        QCOMPARE(rest.list().value(idText(group)).value(u"archived"_s).toBool(), true);
        // Unarchived by hand, it is back.
        QCOMPARE(rest.patch(group, {{u"archived"_s, false}}).status, 200);
        QCOMPARE(rest.list().value(idText(group)).value(u"archived"_s).toBool(), false);

        // An archive a new message already undid does not come back by muting later.
        QCOMPARE(rest.patch(withGus, {{u"muted_until"_s, u"forever"_s}}).status, 200);
        QCOMPARE(rest.list().value(idText(withGus)).value(u"archived"_s).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestPreferences)
#include "tst_preferences.moc"
