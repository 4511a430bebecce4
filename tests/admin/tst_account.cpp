// SPDX-License-Identifier: Apache-2.0
// Accounts people can take with them or delete (issue #14, item 3): the export holds exactly the
// caller's data; deletion ends every sign-in and socket on every process, erases the profile,
// keeps messages as from "Deleted account" and holds the username for 30 days. Two real server
// processes on one real PostgreSQL.
#include "adminfixture.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

class TestAccount : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ServerProcess> m_other;

    HttpResponse as(const Person &person, const QByteArray &method, const QString &path,
                    const QJsonObject &body = {})
    {
        return call(*m_server, method, path, person.access, body);
    }
    QString group(const Person &owner, const QList<Person> &members)
    {
        QJsonArray usernames;
        for (const Person &member : members)
            usernames.append(member.username);
        return as(owner, "POST", u"/api/v1/conversations"_s,
                  {{u"type"_s, u"group"_s}, {u"title"_s, u"team"_s}, {u"usernames"_s, usernames}})
            .json()[u"id"_s]
            .toString();
    }
    QString send(const Person &sender, const QString &conversation, const QString &text)
    {
        return as(sender, "POST", u"/api/v1/conversations/%1/messages"_s.arg(conversation),
                  {{u"body_text"_s, text}, {u"client_msg_id"_s, QUuid::createUuid().toString()}})
            .json()[u"id"_s]
            .toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_database->url()));
        m_other = std::make_unique<ServerProcess>();
        QVERIFY(m_other->start(m_database->url()));
        QVERIFY(m_server->waitForHealth(200, 10000));
        QVERIFY(m_other->waitForHealth(200, 10000));
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
        if (m_other)
            QCOMPARE(m_other->stop(), 0);
    }

    void exportHoldsExactlyTheCallersData()
    {
        const Person ann = signUp(*m_server, u"ann_x"_s);
        const Person bob = signUp(*m_server, u"bob_x"_s);
        const Person cid = signUp(*m_server, u"cid_x"_s);
        const QString shared = group(ann, {bob});
        const QString elsewhere = group(bob, {cid}); // ann is not in it
        QStringList mine;
        mine.append(send(ann, shared, u"ann one"_s));
        const QString bobsReply = send(bob, shared, u"bob secret reply"_s);
        mine.append(send(ann, shared, u"ann two"_s));
        send(cid, elsewhere, u"cid elsewhere"_s);
        QCOMPARE(as(ann, "POST", u"/api/v1/blocks/cid_x"_s).status, 204);
        // One image each: only ann's is hers to take.
        const QByteArray png =
            QByteArray::fromBase64("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAA"
                                   "AAAYAAjCB0C8AAAAASUVORK5CYII=");
        auto upload = [&](const Person &person) {
            HttpClient client;
            client.setBearer(person.access);
            const HttpResponse stored =
                client.post(m_server->url(u"/api/v1/uploads?name=dot.png"_s), png, "image/png");
            return stored.json()[u"id"_s].toString();
        };
        const QString annsUpload = upload(ann);
        const QString bobsUpload = upload(bob);
        QVERIFY(!annsUpload.isEmpty());
        QVERIFY(!bobsUpload.isEmpty());

        const HttpResponse exported = as(ann, "GET", u"/api/v1/users/me/export"_s);
        QCOMPARE(exported.status, 200);
        QVERIFY(exported.headers.value("content-disposition").startsWith("attachment;"));
        QVERIFY(exported.headers.value("content-disposition").contains("natter-export-ann_x.json"));
        const QJsonObject data = exported.json();
        QCOMPARE(data[u"profile"_s][u"username"_s].toString(), u"ann_x"_s);
        QCOMPARE(data[u"profile"_s][u"id"_s].toString(), ann.id);

        const QJsonArray messages = data[u"messages"_s].toArray();
        QStringList ids;
        for (const QJsonValue &message : messages)
            ids.append(message[u"id"_s].toString());
        QCOMPARE(ids, mine);
        QCOMPARE(messages[0][u"body_text"_s].toString(), u"ann one"_s);
        // Nobody else's words anywhere in the file.
        QVERIFY(!exported.body.contains("bob secret reply"));
        QVERIFY(!exported.body.contains(bobsReply.toUtf8()));
        QVERIFY(!exported.body.contains("cid elsewhere"));

        const QJsonArray conversations = data[u"conversations"_s].toArray();
        QCOMPARE(conversations.size(), 1);
        QCOMPARE(conversations[0][u"id"_s].toString(), shared);
        QCOMPARE(conversations[0][u"role"_s].toString(), u"admin"_s);
        QCOMPARE(data[u"blocked_users"_s].toArray().size(), 1);
        QCOMPARE(data[u"blocked_users"_s][0][u"username"_s].toString(), u"cid_x"_s);
        const QJsonArray uploads = data[u"uploads"_s].toArray();
        QCOMPARE(uploads.size(), 1);
        QCOMPARE(uploads[0][u"id"_s].toString(), annsUpload);
        QCOMPARE(uploads[0][u"url"_s].toString(), u"/api/v1/uploads/"_s + annsUpload);
        QVERIFY(!exported.body.contains(bobsUpload.toUtf8()));

        QCOMPARE(call(*m_server, "GET", u"/api/v1/users/me/export"_s, {}).status, 401);
    }

    void deletionEndsEverythingAndKeepsTheConversation()
    {
        const Person dee = signUp(*m_server, u"dee_gone"_s);
        const Person eve = signUp(*m_server, u"eve_stays"_s);
        const QString team = group(dee, {eve}); // dee is its only admin
        const QString said = send(dee, team, u"goodbye everyone"_s);

        QCOMPARE(as(dee, "DELETE", u"/api/v1/users/me"_s, {{u"confirm_username"_s, u"eve_stays"_s}})
                     .status,
                 400);
        QCOMPARE(as(dee, "GET", u"/api/v1/me"_s).status, 200); // nothing happened

        const Person deeElsewhere = signUp(*m_other, u"dee_gone"_s);
        WsClient here;
        WsClient there;
        QVERIFY(here.connectAs(webSocketUrl(*m_server), dee.access));
        QVERIFY(there.connectAs(webSocketUrl(*m_other), deeElsewhere.access));
        WsClient eveSocket;
        QVERIFY(eveSocket.connectAs(webSocketUrl(*m_other), eve.access));

        QCOMPARE(as(dee, "DELETE", u"/api/v1/users/me"_s, {{u"confirm_username"_s, u"DEE_GONE"_s}})
                     .status,
                 204);
        QCOMPARE(here.waitForClose(2000), 4003);
        QCOMPARE(there.waitForClose(2000), 4003);
        QVERIFY(eveSocket.isOpen());
        QCOMPARE(as(dee, "GET", u"/api/v1/me"_s).status, 401);
        QCOMPARE(call(*m_other, "GET", u"/api/v1/conversations"_s, deeElsewhere.access).status,
                 401);
        QCOMPARE(HttpClient()
                     .postJson(m_server->url(u"/api/v1/auth/refresh"_s),
                               {{u"refresh_token"_s, dee.refresh}})
                     .status,
                 401);
        WsClient again;
        QVERIFY(!again.connectAs(webSocketUrl(*m_server), dee.access));

        // eve keeps the conversation: dee's message, from "Deleted account"; eve is its admin.
        const HttpResponse history =
            as(eve, "GET", u"/api/v1/conversations/%1/messages"_s.arg(team));
        QCOMPARE(history.status, 200);
        const QJsonArray messages = history.json()[u"messages"_s].toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages[0][u"id"_s].toString(), said);
        QCOMPARE(messages[0][u"body_text"_s].toString(), u"goodbye everyone"_s);
        const QJsonArray senders = history.json()[u"users"_s].toArray();
        QCOMPARE(senders.size(), 1);
        QCOMPARE(senders[0][u"display_name"_s].toString(), u"Deleted account"_s);
        QVERIFY(senders[0][u"username"_s].isNull());
        QVERIFY(senders[0][u"avatar_url"_s].isNull());
        const QJsonArray members =
            as(eve, "GET", u"/api/v1/conversations/%1"_s.arg(team)).json()[u"members"_s].toArray();
        QCOMPARE(members.size(), 1);
        QCOMPARE(members[0][u"user"_s][u"username"_s].toString(), u"eve_stays"_s);
        QCOMPARE(members[0][u"role"_s].toString(), u"admin"_s);
        QCOMPARE(as(eve, "GET", u"/api/v1/users/dee_gone"_s).status, 404);

        // Signing in again with the same provider account starts afresh.
        const SignIn fresh = devLogin(*m_server, u"dee_gone"_s);
        QCOMPARE(fresh.status, 200);
        QVERIFY(fresh.userId != dee.id);
        QVERIFY(fresh.response.json()[u"user"_s][u"username"_s].isNull());
    }

    void theUsernameIsFreeOnlyAfterTheHold()
    {
        const Person fay = signUp(*m_server, u"fay_held"_s);
        QCOMPARE(as(fay, "DELETE", u"/api/v1/users/me"_s, {{u"confirm_username"_s, u"fay_held"_s}})
                     .status,
                 204);
        const SignIn taker = devLogin(*m_server, u"impostor"_s);
        HttpClient client;
        client.setBearer(taker.access);
        const QUrl claim = m_server->url(u"/api/v1/users/me/username"_s);
        QCOMPARE(client.put(claim, {{u"username"_s, u"fay_held"_s}}).status, 409);

        // 30 days later (the hold's clock moved back; nothing else changes).
        QSqlDatabase db = m_database->connection();
        QSqlQuery aged(db);
        QVERIFY(aged.exec(u"UPDATE released_usernames SET released_at = now() - interval '31 days' "
                          "WHERE username = 'fay_held'"_s));
        QCOMPARE(aged.numRowsAffected(), 1);
        QCOMPARE(client.put(claim, {{u"username"_s, u"fay_held"_s}}).status, 200);
    }
};

QTEST_GUILESS_MAIN(TestAccount)
#include "tst_account.moc"
