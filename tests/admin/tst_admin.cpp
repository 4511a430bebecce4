// SPDX-License-Identifier: Apache-2.0
// Instance admins, the report queue and suspension (issue #14, item 2): two real server
// processes on one real PostgreSQL, driven over REST and WebSockets as clients would.
#include "adminfixture.h"
#include "chatfixture.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

//! Every admin route (method, path); `{id}` is filled with a random id.
const QList<std::pair<QByteArray, QString>> kAdminRoutes{
    {"GET", u"/api/v1/admin/reports"_s},
    {"GET", u"/api/v1/admin/reports?status=resolved"_s},
    {"POST", u"/api/v1/admin/reports/{id}/resolve"_s},
    {"GET", u"/api/v1/admin/users?username=root_admin"_s},
    {"GET", u"/api/v1/admin/users/{id}"_s},
    {"POST", u"/api/v1/admin/users/{id}/suspend"_s},
    {"POST", u"/api/v1/admin/users/{id}/unsuspend"_s},
    {"GET", u"/api/v1/admin/audit"_s},
};

QJsonObject reportIn(const QJsonArray &reports, const QString &id)
{
    for (const QJsonValue &report : reports) {
        if (report[u"id"_s].toString() == id)
            return report.toObject();
    }
    return {};
}

} // namespace

class TestAdmin : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ChatFixture> m_chat;
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<ServerProcess> m_other; //!< a second process on the same database
    Person m_admin;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env;
        env.insert(u"NATTER_ADMINS"_s, u"root_admin"_s);
        // Reports are limited per user; these tests file many on purpose.
        env.insert(u"NATTER_RATE_REPORT"_s, u"100/100"_s);
        return env;
    }

    HttpResponse as(const Person &person, const QByteArray &method, const QString &path,
                    const QJsonObject &body = {})
    {
        return call(*m_server, method, path, person.access, body);
    }

    //! A group of `members` with `count` messages from them in turn; returns the message ids.
    QStringList conversationWith(const QList<Person> &members, int count, QString *groupId)
    {
        QJsonArray usernames;
        for (qsizetype i = 1; i < members.size(); ++i)
            usernames.append(members[i].username);
        const HttpResponse group = as(
            members[0], "POST", u"/api/v1/conversations"_s,
            {{u"type"_s, u"group"_s}, {u"title"_s, u"book club"_s}, {u"usernames"_s, usernames}});
        *groupId = group.json()[u"id"_s].toString();
        QStringList ids;
        for (int i = 1; i <= count; ++i) {
            const Person &sender = members[i % members.size()];
            const HttpResponse sent = as(
                sender, "POST", u"/api/v1/conversations/%1/messages"_s.arg(*groupId),
                {{u"body_text"_s, u"message %1"_s.arg(i)}, {u"client_msg_id"_s, u"m%1"_s.arg(i)}});
            ids.append(sent.json()[u"id"_s].toString());
        }
        return ids;
    }

    QString report(const Person &reporter, const Person &reported, const QString &messageId,
                   const QString &reason)
    {
        QJsonObject body{{u"username"_s, reported.username}, {u"reason"_s, reason}};
        if (!messageId.isEmpty())
            body.insert(u"message_id"_s, messageId);
        const HttpResponse filed = as(reporter, "POST", u"/api/v1/reports"_s, body);
        return filed.json()[u"id"_s].toString();
    }

    QJsonArray auditActions()
    {
        const HttpResponse audit = as(m_admin, "GET", u"/api/v1/admin/audit"_s);
        return audit.json()[u"entries"_s].toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_chat = std::make_unique<ChatFixture>(*m_database);
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_database->url(), environment()));
        m_other = std::make_unique<ServerProcess>();
        QVERIFY(m_other->start(m_database->url(), environment()));
        QVERIFY(m_server->waitForHealth(200, 10000));
        QVERIFY(m_other->waitForHealth(200, 10000));
        m_admin = signUp(*m_server, u"root_admin"_s);
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
        if (m_other)
            QCOMPARE(m_other->stop(), 0);
    }

    void everyAdminRouteIs404ToEveryoneElse()
    {
        const Person plain = signUp(*m_server, u"plain_pat"_s);
        const QString someId = QUuid::createUuid().toString(QUuid::WithoutBraces);
        for (const auto &[method, pattern] : kAdminRoutes) {
            const QString path = QString(pattern).replace(u"{id}"_s, someId);
            for (const QString &token : {QString(), u"not.a.token"_s, plain.access}) {
                const HttpResponse refused =
                    call(*m_server, method, path, token, {{u"action"_s, u"dismiss"_s}});
                QVERIFY2(refused.status == 404,
                         qPrintable(u"%1 %2 answered %3"_s.arg(QString::fromLatin1(method), path)
                                        .arg(refused.status)));
                QCOMPARE(refused.errorCode(), u"not_found"_s);
                // Exactly what an unknown path answers: nothing tells the two apart.
                const HttpResponse unknown =
                    call(*m_server, method, u"/api/v1/admin/nothing-here"_s, token);
                QCOMPARE(refused.json(), unknown.json());
            }
        }
        // A wrong method on an admin path says no more than a wrong path (no 405, no Allow).
        for (const QString &token : {QString(), m_admin.access}) {
            const HttpResponse wrongMethod =
                call(*m_server, "DELETE", u"/api/v1/admin/reports"_s, token);
            QCOMPARE(wrongMethod.status, 404);
            QVERIFY(!wrongMethod.headers.contains("allow"));
        }
        // The admin is served by each of them (a random id: 404 from the work, not the gate,
        // so look at the message).
        QCOMPARE(as(m_admin, "GET", u"/api/v1/admin/reports"_s).status, 200);
        QCOMPARE(as(m_admin, "GET", u"/api/v1/admin/audit"_s).status, 200);
        const HttpResponse missing = as(m_admin, "GET", u"/api/v1/admin/users/%1"_s.arg(someId));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.json()[u"error"_s][u"message"_s].toString(), u"No such user."_s);
    }

    void meSaysWhoIsAdminAndTheCommandGrantsAndRevokes()
    {
        QCOMPARE(as(m_admin, "GET", u"/api/v1/me"_s).json()[u"is_admin"_s].toBool(), true);
        const Person helper = signUp(*m_server, u"helper_hal"_s);
        QCOMPARE(as(helper, "GET", u"/api/v1/me"_s).json()[u"is_admin"_s].toBool(), false);
        QCOMPARE(as(helper, "GET", u"/api/v1/admin/reports"_s).status, 404);

        QProcessEnvironment env;
        env.insert(u"DATABASE_URL"_s, m_database->url());
        auto [granted, grantOutput] =
            ServerProcess::runOnce({u"admin"_s, u"grant"_s, u"Helper_Hal"_s}, env);
        QVERIFY2(granted == 0, grantOutput.constData());
        QVERIFY(grantOutput.contains("helper_hal is now an instance admin"));
        QCOMPARE(as(helper, "GET", u"/api/v1/me"_s).json()[u"is_admin"_s].toBool(), true);
        QCOMPARE(call(*m_other, "GET", u"/api/v1/admin/reports"_s, helper.access).status, 200);

        auto [revoked, revokeOutput] =
            ServerProcess::runOnce({u"admin"_s, u"revoke"_s, u"helper_hal"_s}, env);
        QVERIFY2(revoked == 0, revokeOutput.constData());
        QCOMPARE(as(helper, "GET", u"/api/v1/me"_s).json()[u"is_admin"_s].toBool(), false);
        QCOMPARE(as(helper, "GET", u"/api/v1/admin/reports"_s).status, 404);

        auto [unknown, unknownOutput] =
            ServerProcess::runOnce({u"admin"_s, u"grant"_s, u"nobody_here"_s}, env);
        QCOMPARE(unknown, 1);
        QVERIFY(unknownOutput.contains("nobody_here"));

        // Both show in the audit log, as done from the command line.
        const QJsonArray entries = auditActions();
        QCOMPARE(entries[0][u"action"_s].toString(), u"revoke_admin"_s);
        QCOMPARE(entries[1][u"action"_s].toString(), u"grant_admin"_s);
        QCOMPARE(entries[1][u"target_user"_s][u"username"_s].toString(), u"helper_hal"_s);
        QVERIFY(entries[1][u"actor"_s][u"username"_s].toString().contains(u"command line"_s));
    }

    void reportsComeWithTheMessageInItsContext()
    {
        const Person ann = signUp(*m_server, u"ann_r"_s);
        const Person bob = signUp(*m_server, u"bob_r"_s);
        QString group;
        const QStringList ids = conversationWith({ann, bob}, 20, &group);
        // message 9 is bob's (odd numbers are bob's: i % 2 == 1)
        const QString reportId = report(ann, bob, ids[8], u"rude"_s);
        QVERIFY(!reportId.isEmpty());

        const HttpResponse open = as(m_admin, "GET", u"/api/v1/admin/reports?status=open"_s);
        QCOMPARE(open.status, 200);
        const QJsonObject item = reportIn(open.json()[u"reports"_s].toArray(), reportId);
        QVERIFY(!item.isEmpty());
        QCOMPARE(item[u"status"_s].toString(), u"open"_s);
        QCOMPARE(item[u"reason"_s].toString(), u"rude"_s);
        QCOMPARE(item[u"reporter"_s][u"username"_s].toString(), u"ann_r"_s);
        QCOMPARE(item[u"reported_user"_s][u"username"_s].toString(), u"bob_r"_s);
        QCOMPARE(item[u"message"_s][u"body_text"_s].toString(), u"message 9"_s);
        QCOMPARE(item[u"message"_s][u"sender"_s][u"username"_s].toString(), u"bob_r"_s);
        const QJsonArray before = item[u"context"_s][u"before"_s].toArray();
        const QJsonArray after = item[u"context"_s][u"after"_s].toArray();
        QCOMPARE(before.size(), 5);
        QCOMPARE(after.size(), 5);
        QCOMPARE(before.first()[u"body_text"_s].toString(), u"message 4"_s);
        QCOMPARE(before.last()[u"body_text"_s].toString(), u"message 8"_s);
        QCOMPARE(after.first()[u"body_text"_s].toString(), u"message 10"_s);
        QCOMPARE(after.last()[u"body_text"_s].toString(), u"message 14"_s);
        QVERIFY(item[u"resolution"_s].isNull());

        // Near the start there is less before it; a report without a message has no context.
        const QString early = report(bob, ann, ids[1], u"spam"_s);
        const QString noMessage = report(bob, ann, {}, u"impersonation"_s);
        const QJsonArray reports =
            as(m_admin, "GET", u"/api/v1/admin/reports"_s).json()[u"reports"_s].toArray();
        const QJsonObject earlyItem = reportIn(reports, early);
        QCOMPARE(earlyItem[u"context"_s][u"before"_s].toArray().size(), 1);
        QCOMPARE(earlyItem[u"context"_s][u"after"_s].toArray().size(), 5);
        const QJsonObject bare = reportIn(reports, noMessage);
        QVERIFY(bare[u"message"_s].isNull());
        QCOMPARE(bare[u"context"_s][u"before"_s].toArray().size(), 0);
    }

    void dismissResolvesOnceAndIsAudited()
    {
        const Person cat = signUp(*m_server, u"cat_d"_s);
        const Person dan = signUp(*m_server, u"dan_d"_s);
        const QString reportId = report(cat, dan, {}, u"annoying"_s);
        const HttpResponse dismissed =
            as(m_admin, "POST", u"/api/v1/admin/reports/%1/resolve"_s.arg(reportId),
               {{u"action"_s, u"dismiss"_s}, {u"note"_s, u"not a rule break"_s}});
        QCOMPARE(dismissed.status, 200);
        QCOMPARE(dismissed.json()[u"status"_s].toString(), u"resolved"_s);
        QCOMPARE(dismissed.json()[u"resolution"_s][u"action"_s].toString(), u"dismiss"_s);
        QCOMPARE(dismissed.json()[u"resolution"_s][u"note"_s].toString(), u"not a rule break"_s);
        QCOMPARE(dismissed.json()[u"resolution"_s][u"resolved_by"_s].toString(), u"root_admin"_s);

        const HttpResponse again =
            as(m_admin, "POST", u"/api/v1/admin/reports/%1/resolve"_s.arg(reportId),
               {{u"action"_s, u"suspend_user"_s}});
        QCOMPARE(again.status, 409);
        QCOMPARE(as(dan, "GET", u"/api/v1/me"_s).status, 200); // the second action did nothing
        const HttpResponse unknownAction =
            as(m_admin, "POST", u"/api/v1/admin/reports/%1/resolve"_s.arg(reportId),
               {{u"action"_s, u"ban_forever"_s}});
        QCOMPARE(unknownAction.status, 400);

        // Resolved reports leave the open queue and show under resolved.
        const QJsonArray open =
            as(m_admin, "GET", u"/api/v1/admin/reports"_s).json()[u"reports"_s].toArray();
        QVERIFY(reportIn(open, reportId).isEmpty());
        const QJsonArray resolved = as(m_admin, "GET", u"/api/v1/admin/reports?status=resolved"_s)
                                        .json()[u"reports"_s]
                                        .toArray();
        QVERIFY(!reportIn(resolved, reportId).isEmpty());

        const QJsonObject entry = auditActions().first().toObject();
        QCOMPARE(entry[u"action"_s].toString(), u"dismiss_report"_s);
        QCOMPARE(entry[u"report_id"_s].toString(), reportId);
        QCOMPARE(entry[u"actor"_s][u"username"_s].toString(), u"root_admin"_s);
        QCOMPARE(entry[u"note"_s].toString(), u"not a rule break"_s);
        QVERIFY(!entry[u"created_at"_s].toString().isEmpty());
    }

    void deleteMessageErasesItForEveryone()
    {
        const Person eve = signUp(*m_server, u"eve_m"_s);
        const Person fay = signUp(*m_server, u"fay_m"_s);
        QString group;
        const QStringList ids = conversationWith({eve, fay}, 3, &group);
        // message 1 is fay's
        const QString reportId = report(eve, fay, ids[0], u"slur"_s);
        const HttpResponse deleted =
            as(m_admin, "POST", u"/api/v1/admin/reports/%1/resolve"_s.arg(reportId),
               {{u"action"_s, u"delete_message"_s}});
        QCOMPARE(deleted.status, 200);
        QCOMPARE(deleted.json()[u"message"_s][u"removed"_s].toBool(), true);
        QCOMPARE(deleted.json()[u"message"_s][u"body_text"_s].toString(), QString());

        const QJsonArray history = as(eve, "GET", u"/api/v1/conversations/%1/messages"_s.arg(group))
                                       .json()[u"messages"_s]
                                       .toArray();
        bool seen = false;
        for (const QJsonValue &message : history) {
            if (message[u"id"_s].toString() == ids[0]) {
                seen = true;
                QCOMPARE(message[u"body_text"_s].toString(), QString()); // keeps id and seq
                QVERIFY(message[u"deleted"_s].toBool());    // as when its sender deletes it
                QVERIFY(message[u"rev"_s].toInteger() > 0); // clients replace their copy
            } else {
                QVERIFY(!message[u"body_text"_s].toString().isEmpty());
            }
        }
        QVERIFY(seen);
        QCOMPARE(as(fay, "GET", u"/api/v1/me"_s).status, 200); // the sender is not suspended

        const QJsonObject entry = auditActions().first().toObject();
        QCOMPARE(entry[u"action"_s].toString(), u"delete_message"_s);
        QCOMPARE(entry[u"message_id"_s].toString(), ids[0]);
        QCOMPARE(entry[u"target_user"_s][u"username"_s].toString(), u"fay_m"_s);

        // A report without a message cannot be resolved by deleting one.
        const QString bare = report(eve, fay, {}, u"again"_s);
        QCOMPARE(as(m_admin, "POST", u"/api/v1/admin/reports/%1/resolve"_s.arg(bare),
                    {{u"action"_s, u"delete_message"_s}})
                     .status,
                 400);
    }

    void suspensionEndsEverythingAtOnceOnEveryProcess()
    {
        const Person gus = signUp(*m_server, u"gus_s"_s);
        const Person hal = signUp(*m_server, u"hal_s"_s);
        QString group;
        const QStringList ids = conversationWith({gus, hal}, 2, &group);
        const QString reportId = report(gus, hal, ids[0], u"threats"_s); // message 1: hal's

        // hal on both processes, and a second sign-in of hal on the other one.
        const Person halElsewhere = signUp(*m_other, u"hal_s"_s);
        WsClient here;
        WsClient there;
        WsClient thereToo;
        QVERIFY(here.connectAs(webSocketUrl(*m_server), hal.access));
        QVERIFY(there.connectAs(webSocketUrl(*m_other), hal.access));
        QVERIFY(thereToo.connectAs(webSocketUrl(*m_other), halElsewhere.access));
        WsClient bystander; // gus stays connected
        QVERIFY(bystander.connectAs(webSocketUrl(*m_other), gus.access));

        QElapsedTimer sinceSuspension;
        sinceSuspension.start();
        const HttpResponse suspended =
            as(m_admin, "POST", u"/api/v1/admin/reports/%1/resolve"_s.arg(reportId),
               {{u"action"_s, u"suspend_user"_s}, {u"note"_s, u"threatened gus"_s}});
        QCOMPARE(suspended.status, 200);
        QCOMPARE(suspended.json()[u"reported_user"_s][u"suspended"_s].toBool(), true);

        QCOMPARE(here.waitForClose(2000), 4003);
        QCOMPARE(there.waitForClose(2000), 4003);
        QCOMPARE(thereToo.waitForClose(2000), 4003);
        // A figure for docs/security.md, not an assertion (the contract's 2 s is the bound).
        qInfo("all three sockets closed %lld ms after the suspension was sent",
              sinceSuspension.elapsed());
        QVERIFY(bystander.isOpen());

        // Every REST route refuses the still-unexpired access token with 403 suspended.
        for (const auto &[method, path] : QList<std::pair<QByteArray, QString>>{
                 {"GET", u"/api/v1/me"_s},
                 {"GET", u"/api/v1/conversations"_s},
                 {"GET", u"/api/v1/conversations/%1/messages"_s.arg(group)},
                 {"POST", u"/api/v1/conversations/%1/messages"_s.arg(group)}}) {
            const HttpResponse refused =
                call(*m_other, method, path, hal.access,
                     {{u"body_text"_s, u"still here"_s}, {u"client_msg_id"_s, u"x1"_s}});
            QVERIFY2(refused.status == 403, qPrintable(path));
            QCOMPARE(refused.errorCode(), u"suspended"_s);
        }
        // No new socket, no refresh, no new sign-in: the refusal says why.
        WsClient again;
        QVERIFY(!again.connectAs(webSocketUrl(*m_server), hal.access));
        QCOMPARE(HttpClient()
                     .postJson(m_server->url(u"/api/v1/auth/refresh"_s),
                               {{u"refresh_token"_s, hal.refresh}})
                     .status,
                 401);
        const SignIn signIn = devLogin(*m_other, u"hal_s"_s);
        QCOMPARE(signIn.status, 403);
        QCOMPARE(signIn.response.errorCode(), u"suspended"_s);
        QVERIFY(
            signIn.response.json()[u"error"_s][u"message"_s].toString().contains(u"suspended"_s));

        // The user page shows it; unsuspending lets hal back in.
        const HttpResponse page = as(m_admin, "GET", u"/api/v1/admin/users/%1"_s.arg(hal.id));
        QCOMPARE(page.json()[u"user"_s][u"suspended"_s].toBool(), true);
        QCOMPARE(page.json()[u"reports"_s].toArray().size(), 1);
        const HttpResponse lifted =
            as(m_admin, "POST", u"/api/v1/admin/users/%1/unsuspend"_s.arg(hal.id),
               {{u"note"_s, u"appeal accepted"_s}});
        QCOMPARE(lifted.status, 200);
        QCOMPARE(lifted.json()[u"user"_s][u"suspended"_s].toBool(), false);
        const SignIn back = devLogin(*m_server, u"hal_s"_s);
        QCOMPARE(back.status, 200);
        QCOMPARE(call(*m_server, "GET", u"/api/v1/me"_s, back.access).status, 200);

        const QJsonArray entries = auditActions();
        QCOMPARE(entries[0][u"action"_s].toString(), u"unsuspend_user"_s);
        QCOMPARE(entries[0][u"note"_s].toString(), u"appeal accepted"_s);
        QCOMPARE(entries[1][u"action"_s].toString(), u"suspend_user"_s);
        QCOMPARE(entries[1][u"report_id"_s].toString(), reportId);
        QCOMPARE(entries[1][u"note"_s].toString(), u"threatened gus"_s);
        QCOMPARE(entries[1][u"target_user"_s][u"username"_s].toString(), u"hal_s"_s);
    }

    void suspendFromTheUserPage()
    {
        const Person ivy = signUp(*m_server, u"ivy_u"_s);
        WsClient socket;
        QVERIFY(socket.connectAs(webSocketUrl(*m_other), ivy.access));
        const HttpResponse found = as(m_admin, "GET", u"/api/v1/admin/users?username=IVY_U"_s);
        QCOMPARE(found.status, 200);
        QCOMPARE(found.json()[u"user"_s][u"id"_s].toString(), ivy.id);
        const HttpResponse suspended =
            as(m_admin, "POST", u"/api/v1/admin/users/%1/suspend"_s.arg(ivy.id));
        QCOMPARE(suspended.status, 200);
        QCOMPARE(socket.waitForClose(2000), 4003);
        QCOMPARE(as(ivy, "GET", u"/api/v1/me"_s).errorCode(), u"suspended"_s);
        // Twice is not an error; an admin cannot lock themself out.
        QCOMPARE(as(m_admin, "POST", u"/api/v1/admin/users/%1/suspend"_s.arg(ivy.id)).status, 200);
        QCOMPARE(as(m_admin, "POST", u"/api/v1/admin/users/%1/suspend"_s.arg(m_admin.id)).status,
                 409);
        QCOMPARE(as(m_admin, "GET", u"/api/v1/me"_s).status, 200);
    }

    void auditLogPagesNewestFirst()
    {
        const QJsonArray all = auditActions();
        QVERIFY(all.size() >= 6);
        const HttpResponse first = as(m_admin, "GET", u"/api/v1/admin/audit?limit=2"_s);
        const QJsonArray page = first.json()[u"entries"_s].toArray();
        QCOMPARE(page.size(), 2);
        QCOMPARE(page[0][u"id"_s], all[0][u"id"_s]);
        const QString next = first.json()[u"next_before"_s].toString();
        const QJsonArray second =
            as(m_admin, "GET", u"/api/v1/admin/audit?limit=2&before=%1"_s.arg(next))
                .json()[u"entries"_s]
                .toArray();
        QCOMPARE(second[0][u"id"_s], all[2][u"id"_s]);
    }
};

QTEST_GUILESS_MAIN(TestAdmin)
#include "tst_admin.moc"
