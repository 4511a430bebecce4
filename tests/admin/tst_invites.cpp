// SPDX-License-Identifier: Apache-2.0
// Invite links (issue #14, item 1): create, preview signed out, join, join twice, expired,
// revoked, used up, a full group, a removed member, and guessing. A real server process on a
// real PostgreSQL, over REST as the clients use it.
#include "adminfixture.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

constexpr int kMaxGroupSize = 5;

//! A client at `address` as our proxy would name it (the server trusts loopback proxies).
HttpResponse fromAddress(const ServerProcess &server, const QByteArray &method, const QString &path,
                         const QByteArray &address, const QString &token = {})
{
    HttpClient client;
    client.setHeader("X-Forwarded-For", address);
    if (!token.isEmpty())
        client.setBearer(token);
    return client.send(method, server.url(path), {}, "application/json");
}

QString randomCode()
{
    static const QString alphabet =
        u"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"_s;
    QString code;
    for (int i = 0; i < 32; ++i)
        code.append(alphabet.at(QRandomGenerator::global()->bounded(64)));
    return code;
}

} // namespace

class TestInvites : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;
    Person m_owner;
    int m_nextAddress = 1;

    HttpResponse as(const Person &person, const QByteArray &method, const QString &path,
                    const QJsonObject &body = {})
    {
        return call(*m_server, method, path, person.access, body);
    }
    //! Each preview from an address of its own: only the guessing test spends one budget.
    HttpResponse preview(const QString &code)
    {
        const QByteArray address = "198.51.100." + QByteArray::number(m_nextAddress++);
        return fromAddress(*m_server, "GET", u"/api/v1/invites/"_s + code, address);
    }
    QString newGroup(const QString &title, const QList<Person> &members = {})
    {
        QJsonArray usernames;
        for (const Person &member : members)
            usernames.append(member.username);
        return as(m_owner, "POST", u"/api/v1/conversations"_s,
                  {{u"type"_s, u"group"_s}, {u"title"_s, title}, {u"usernames"_s, usernames}})
            .json()[u"id"_s]
            .toString();
    }
    QJsonObject invite(const QString &group, const QJsonObject &options = {})
    {
        const HttpResponse made =
            as(m_owner, "POST", u"/api/v1/conversations/%1/invites"_s.arg(group), options);
        return made.status == 201 ? made.json() : QJsonObject{};
    }
    HttpResponse join(const Person &person, const QString &code)
    {
        return as(person, "POST", u"/api/v1/invites/%1/join"_s.arg(code));
    }
    int memberCount(const QString &group)
    {
        return as(m_owner, "GET", u"/api/v1/conversations/%1"_s.arg(group))
            .json()[u"members"_s]
            .toArray()
            .size();
    }
    void execSql(const QString &statement, const QVariantList &values)
    {
        QSqlDatabase db = m_database->connection();
        QSqlQuery query(db);
        QVERIFY(query.prepare(statement));
        for (const QVariant &value : values)
            query.addBindValue(value);
        QVERIFY2(query.exec(), qPrintable(query.lastError().text()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        QProcessEnvironment env;
        env.insert(u"NATTER_MAX_GROUP_SIZE"_s, QString::number(kMaxGroupSize));
        // The shipped default (docs/api.md), which ServerProcess otherwise loosens.
        env.insert(u"NATTER_RATE_INVITE_JOIN"_s, u"0.2/10"_s);
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_database->url(), env));
        QVERIFY(m_server->waitForHealth(200, 10000));
        m_owner = signUp(*m_server, u"owner_o"_s);
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void adminsCreateAndListInvites()
    {
        const Person member = signUp(*m_server, u"member_m"_s);
        const Person stranger = signUp(*m_server, u"stranger_s"_s);
        const QString group = newGroup(u"Climbers"_s, {member});

        const HttpResponse made =
            as(m_owner, "POST", u"/api/v1/conversations/%1/invites"_s.arg(group),
               {{u"max_uses"_s, 3}});
        QCOMPARE(made.status, 201);
        const QString code = made.json()[u"code"_s].toString();
        QCOMPARE(code.size(), 32); // 24 random bytes: 192 bits
        QVERIFY(made.json()[u"url"_s].toString().endsWith(u"/invite/"_s + code));
        QCOMPARE(made.json()[u"max_uses"_s].toInt(), 3);
        QCOMPARE(made.json()[u"uses"_s].toInt(), 0);
        const QDateTime expires =
            QDateTime::fromString(made.json()[u"expires_at"_s].toString(), Qt::ISODateWithMs);
        const qint64 days = QDateTime::currentDateTimeUtc().secsTo(expires) / 3600;
        QVERIFY2(days >= 7 * 24 - 1 && days <= 7 * 24, "default lifetime is 7 days");

        QCOMPARE(as(m_owner, "POST", u"/api/v1/conversations/%1/invites"_s.arg(group),
                    {{u"expires_in"_s, 31 * 24 * 3600}})
                     .status,
                 400); // at most 30 days
        QCOMPARE(as(member, "POST", u"/api/v1/conversations/%1/invites"_s.arg(group)).status, 403);
        QCOMPARE(as(stranger, "POST", u"/api/v1/conversations/%1/invites"_s.arg(group)).status,
                 404);
        QCOMPARE(as(member, "GET", u"/api/v1/conversations/%1/invites"_s.arg(group)).status, 403);

        const HttpResponse listed =
            as(m_owner, "GET", u"/api/v1/conversations/%1/invites"_s.arg(group));
        QCOMPARE(listed.status, 200);
        const QJsonArray invites = listed.json()[u"invites"_s].toArray();
        QCOMPARE(invites.size(), 1);
        QCOMPARE(invites[0][u"code"_s].toString(), code);
        // Two codes never repeat.
        QVERIFY(invite(group)[u"code"_s].toString() != code);
    }

    void previewWithoutSignInThenJoinOnce()
    {
        const QString group = newGroup(u"Runners"_s);
        const QString code = invite(group)[u"code"_s].toString();
        const HttpResponse shown = preview(code);
        QCOMPARE(shown.status, 200);
        QCOMPARE(shown.json()[u"conversation"_s][u"title"_s].toString(), u"Runners"_s);
        QCOMPARE(shown.json()[u"conversation"_s][u"member_count"_s].toInt(), 1);
        QVERIFY(!shown.json()[u"expires_at"_s].toString().isEmpty());
        QVERIFY(!shown.json()[u"conversation"_s].toObject().contains(u"id"_s));

        const Person newcomer = signUp(*m_server, u"newcomer_n"_s);
        const HttpResponse joined = join(newcomer, code);
        QCOMPARE(joined.status, 200);
        QCOMPARE(joined.json()[u"id"_s].toString(), group);
        QCOMPARE(memberCount(group), 2);
        // The second time: the same conversation, and no second use counted.
        const HttpResponse again = join(newcomer, code);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json()[u"id"_s].toString(), group);
        QCOMPARE(memberCount(group), 2);
        const QJsonArray invites =
            as(m_owner, "GET", u"/api/v1/conversations/%1/invites"_s.arg(group))
                .json()[u"invites"_s]
                .toArray();
        QCOMPARE(invites[0][u"uses"_s].toInt(), 1);
        // The newcomer now reads the group like any member.
        QCOMPARE(as(newcomer, "GET", u"/api/v1/conversations/%1/messages"_s.arg(group)).status,
                 200);
        // Joining needs a username, like every chat route.
        QCOMPARE(call(*m_server, "POST", u"/api/v1/invites/%1/join"_s.arg(code), {}).status, 401);
    }

    void expiredRevokedAndUsedUpSaySoPlainly()
    {
        const QString group = newGroup(u"Knitters"_s);
        const Person late = signUp(*m_server, u"late_l"_s);

        const QString expired = invite(group)[u"code"_s].toString();
        execSql(u"UPDATE conversation_invites SET expires_at = now() - interval '1 second' "
                "WHERE code = ?"_s,
                {expired});
        QCOMPARE(preview(expired).status, 404);
        QVERIFY(
            preview(expired).json()[u"error"_s][u"message"_s].toString().contains(u"expired"_s));
        QCOMPARE(join(late, expired).status, 404);

        const QString revoked = invite(group)[u"code"_s].toString();
        QCOMPARE(as(late, "DELETE", u"/api/v1/invites/"_s + revoked).status, 404); // not theirs
        QCOMPARE(as(m_owner, "DELETE", u"/api/v1/invites/"_s + revoked).status, 204);
        QVERIFY(
            preview(revoked).json()[u"error"_s][u"message"_s].toString().contains(u"revoked"_s));
        QCOMPARE(join(late, revoked).status, 404);
        const QJsonArray listed =
            as(m_owner, "GET", u"/api/v1/conversations/%1/invites"_s.arg(group))
                .json()[u"invites"_s]
                .toArray();
        for (const QJsonValue &item : listed)
            QVERIFY(item[u"code"_s].toString() != revoked);

        const QString once = invite(group, {{u"max_uses"_s, 1}})[u"code"_s].toString();
        QCOMPARE(join(late, once).status, 200);
        const Person later = signUp(*m_server, u"later_l"_s);
        const HttpResponse usedUp = join(later, once);
        QCOMPARE(usedUp.status, 404);
        QVERIFY(usedUp.json()[u"error"_s][u"message"_s].toString().contains(u"used up"_s));
        QVERIFY(preview(once).json()[u"error"_s][u"message"_s].toString().contains(u"used up"_s));
        QCOMPARE(join(late, once).status, 404); // a used-up link is used up for everyone
        QCOMPARE(memberCount(group), 2);
    }

    void aFullGroupRefuses()
    {
        QList<Person> members;
        for (int i = 1; i < kMaxGroupSize; ++i)
            members.append(signUp(*m_server, u"full_%1"_s.arg(i)));
        const QString group = newGroup(u"Full house"_s, members);
        QCOMPARE(memberCount(group), kMaxGroupSize);
        const QString code = invite(group)[u"code"_s].toString();
        const HttpResponse refused = join(signUp(*m_server, u"one_more"_s), code);
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), u"conflict"_s);
        QCOMPARE(memberCount(group), kMaxGroupSize);
    }

    void aRemovedMemberNeedsANewInvite()
    {
        const QString group = newGroup(u"Chess"_s);
        const QString oldCode = invite(group)[u"code"_s].toString();
        const Person troll = signUp(*m_server, u"troll_t"_s);
        QCOMPARE(join(troll, oldCode).status, 200);
        QCOMPARE(
            as(m_owner, "DELETE", u"/api/v1/conversations/%1/members/%2"_s.arg(group, troll.id))
                .status,
            204);
        const HttpResponse refused = join(troll, oldCode);
        QCOMPARE(refused.status, 403);
        QVERIFY(refused.json()[u"error"_s][u"message"_s].toString().contains(u"new invite"_s));
        // Someone who left on their own may come back with the same link.
        const Person leaver = signUp(*m_server, u"leaver_l"_s);
        QCOMPARE(join(leaver, oldCode).status, 200);
        QCOMPARE(
            as(leaver, "DELETE", u"/api/v1/conversations/%1/members/%2"_s.arg(group, leaver.id))
                .status,
            204);
        QCOMPARE(join(leaver, oldCode).status, 200);
        // A new invite brings the removed member back.
        QTest::qWait(5); // the new invite is made strictly after the removal
        const QString newCode = invite(group)[u"code"_s].toString();
        QCOMPARE(join(troll, newCode).status, 200);
    }

    void guessingFindsNothingAndIsRateLimited()
    {
        const QByteArray guesser = "203.0.113.66";
        int limited = 0;
        for (int i = 0; i < 30; ++i) {
            const HttpResponse answer =
                fromAddress(*m_server, "GET", u"/api/v1/invites/"_s + randomCode(), guesser);
            QVERIFY2(answer.status == 404 || answer.status == 429,
                     qPrintable(u"a random code answered %1"_s.arg(answer.status)));
            if (answer.status == 429) {
                ++limited;
                QVERIFY(!answer.headers.value("retry-after").isEmpty());
            }
        }
        QVERIFY2(limited >= 15, "the flood was not slowed down");
        qInfo("30 random codes from one address: %d refused with 429, the rest 404", limited);
        // Another address is not affected by this one's flood.
        QCOMPARE(preview(randomCode()).status, 404);

        // Signed in, joining takes from the user's budget the same way.
        const Person joiner = signUp(*m_server, u"joiner_j"_s);
        int refused = 0;
        for (int i = 0; i < 20; ++i) {
            const HttpResponse answer = join(joiner, randomCode());
            QVERIFY(answer.status == 404 || answer.status == 429);
            refused += answer.status == 429;
        }
        QVERIFY(refused >= 8);
        qInfo("20 joins with random codes by one user: %d refused with 429, the rest 404", refused);
    }
};

QTEST_GUILESS_MAIN(TestInvites)
#include "tst_invites.moc"
