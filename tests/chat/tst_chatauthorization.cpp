// SPDX-License-Identifier: Apache-2.0
// Who may call what: every chat endpoint is tried without a token, with an expired or forged
// one, as a user without a username, as a non-member, a non-admin, a removed member and across
// a block. Non-members get 404 and never the data.
#include "chatfixture.h"

#include "db/blockrepository.h"
#include "db/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

struct Call
{
    QByteArray method;
    QString path;
    QJsonObject body;
    bool conversationScoped = false; //!< answers 404 to non-members
};

} // namespace

class TestChatAuthorization : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;
    Account m_alice, m_bob, m_carol, m_dave, m_rita, m_nameless;
    QString m_group, m_message;
    static constexpr auto kSecretTitle = "Top secret plans";
    static constexpr auto kSecretBody = "the password is swordfish";

    //! Every chat endpoint, aimed at Alice's group and Bob as the other user.
    QList<Call> calls() const
    {
        const QString g = m_group;
        return {
            {"GET", u"/users/search?q=bo"_s, {}, false},
            {"GET", u"/users/bob"_s, {}, false},
            {"POST", u"/conversations"_s, {{u"type"_s, u"group"_s}, {u"title"_s, u"x"_s}}, false},
            {"GET", u"/conversations"_s, {}, false},
            {"GET", u"/conversations/"_s + g, {}, true},
            {"POST", u"/conversations/%1/members"_s.arg(g), {{u"username"_s, u"dave"_s}}, true},
            {"DELETE", u"/conversations/%1/members/%2"_s.arg(g, m_bob.id()), {}, true},
            {"GET", u"/conversations/%1/receipts"_s.arg(g), {}, true},
            {"POST", u"/conversations/%1/messages"_s.arg(g), {{u"body_text"_s, u"hi"_s}}, true},
            {"GET", u"/conversations/%1/messages"_s.arg(g), {}, true},
            {"POST", u"/messages/%1/read"_s.arg(m_message), {}, true},
            {"PATCH", u"/messages/"_s + m_message, {{u"body_text"_s, u"changed"_s}}, true},
            {"DELETE", u"/messages/"_s + m_message, {}, true},
            {"PUT", u"/messages/%1/reactions/%F0%9F%91%8D"_s.arg(m_message), {}, true},
            {"DELETE", u"/messages/%1/reactions/%F0%9F%91%8D"_s.arg(m_message), {}, true},
            {"GET", u"/conversations/%1/changes?after=0"_s.arg(g), {}, true},
            {"GET", u"/blocks"_s, {}, false},
            {"POST", u"/blocks/bob"_s, {}, false},
            {"DELETE", u"/blocks/bob"_s, {}, false},
            {"POST", u"/reports"_s, {{u"username"_s, u"bob"_s}, {u"reason"_s, u"spam"_s}}, false},
        };
    }

    HttpResponse call(const Call &c, const QString &bearer, const QByteArray &scheme = "Bearer ")
    {
        HttpClient client;
        if (!bearer.isEmpty())
            client.setHeader("Authorization", scheme + bearer.toUtf8());
        return client.send(c.method, m_chat.url(c.path),
                           c.body.isEmpty() ? QByteArray()
                                            : QJsonDocument(c.body).toJson(QJsonDocument::Compact),
                           c.body.isEmpty() ? QByteArray() : "application/json"_ba);
    }

    static QByteArray describe(const Call &c, const HttpResponse &r)
    {
        return c.method + ' ' + c.path.toUtf8() + " -> " + QByteArray::number(r.status) + ' ' +
               r.body;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_chat.start());
        m_alice = m_chat.createUser(u"alice"_s);
        m_bob = m_chat.createUser(u"bob"_s);
        m_carol = m_chat.createUser(u"carol"_s);
        m_dave = m_chat.createUser(u"dave"_s);
        m_rita = m_chat.createUser(u"rita"_s);
        m_nameless = m_chat.createUser({}, u"No Name Yet"_s);
        const auto group =
            m_chat.createGroup(m_alice, QString::fromLatin1(kSecretTitle), {u"bob"_s, u"rita"_s});
        QCOMPARE(group.status, 201);
        m_group = group.json()[u"id"_s].toString();
        const auto sent = m_chat.send(m_alice, m_group, QString::fromLatin1(kSecretBody));
        QCOMPARE(sent.status, 201);
        m_message = sent.json()[u"id"_s].toString();
    }
    void cleanupTestCase() { m_chat.stop(); }

    void withoutAValidTokenEverythingIs401()
    {
        const QUuid alice = m_alice.user.id;
        const QList<std::pair<QString, QByteArray>> credentials{
            {QString(), "Bearer "_ba},
            {ChatFixture::expiredToken(alice), "Bearer "_ba},
            {u"not.a.jwt"_s, "Bearer "_ba},
            {m_alice.token + u'x', "Bearer "_ba}, // signature broken
            {m_alice.token, "Basic "_ba},         // wrong scheme
        };
        for (const Call &c : calls()) {
            for (const auto &[token, scheme] : credentials) {
                const auto response = call(c, token, scheme);
                QVERIFY2(response.status == 401, describe(c, response));
                QCOMPARE(response.errorCode(), u"unauthorized"_s);
            }
        }
    }

    void aDeletedUsersTokenStopsWorking()
    {
        const Account ghost = m_chat.createUser(u"ghost"_s);
        QSqlDatabase db = m_chat.database().connection();
        QVERIFY(
            server::sql::exec(db, u"DELETE FROM users WHERE id = ?::uuid"_s, {ghost.id()}).ok());
        for (const Call &c : calls()) {
            const auto response = call(c, ghost.token);
            QVERIFY2(response.status == 401, describe(c, response));
        }
    }

    void aUserWithoutUsernameMustClaimOneFirst()
    {
        for (const Call &c : calls()) {
            if (c.path == u"/users/bob"_s)
                continue; // profile lookups stay open for the username setup screen, below
            const auto response = call(c, m_nameless.token);
            QVERIFY2(response.status == 403, describe(c, response));
            QCOMPARE(response.errorCode(), u"username_required"_s);
        }
    }

    void aUserWithoutUsernameCanCheckWhetherANameIsFree()
    {
        const Call taken{"GET", u"/users/bob"_s, {}, false};
        QCOMPARE(call(taken, m_nameless.token).status, 200);
        const Call free{"GET", u"/users/nobody_has_this"_s, {}, false};
        const auto response = call(free, m_nameless.token);
        QCOMPARE(response.status, 404);
        QCOMPARE(response.errorCode(), u"not_found"_s);
    }

    void nonMembersGet404AndNoData()
    {
        for (const Call &c : calls()) {
            if (!c.conversationScoped)
                continue;
            const auto response = call(c, m_carol.token);
            QVERIFY2(response.status == 404, describe(c, response));
            QCOMPARE(response.errorCode(), u"not_found"_s);
            QVERIFY(!response.body.contains(kSecretTitle));
            QVERIFY(!response.body.contains(kSecretBody));
        }
        // An id that exists and one that never did answer the same.
        const QString unknown = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const auto a = m_chat.get(m_carol, u"/conversations/"_s + m_group);
        const auto b = m_chat.get(m_carol, u"/conversations/"_s + unknown);
        QCOMPARE(a.status, b.status);
        QCOMPARE(a.json()[u"error"_s][u"message"_s], b.json()[u"error"_s][u"message"_s]);
        // Nor does the list show it.
        QVERIFY(!m_chat.get(m_carol, u"/conversations"_s).body.contains(m_group.toUtf8()));
        // Nor can a message of it be reported by an outsider.
        const auto report = m_chat.post(
            m_carol, u"/reports"_s,
            {{u"username"_s, u"alice"_s}, {u"reason"_s, u"x"_s}, {u"message_id"_s, m_message}});
        QCOMPARE(report.status, 404);
    }

    void membersWhoAreNotAdminsCannotChangeMembers()
    {
        const auto add = m_chat.addMember(m_bob, m_group, u"dave"_s);
        QCOMPARE(add.status, 403);
        QCOMPARE(add.errorCode(), u"forbidden"_s);
        const auto remove =
            m_chat.del(m_bob, u"/conversations/%1/members/%2"_s.arg(m_group, m_rita.id()));
        QCOMPARE(remove.status, 403);
        const auto removeAdmin =
            m_chat.del(m_bob, u"/conversations/%1/members/%2"_s.arg(m_group, m_alice.id()));
        QCOMPARE(removeAdmin.status, 403);
        // Everything a member may do still works for Bob.
        QCOMPARE(m_chat.get(m_bob, u"/conversations/"_s + m_group).status, 200);
        QCOMPARE(m_chat.send(m_bob, m_group, u"still here"_s).status, 201);
    }

    void aRemovedMemberLosesAccessAtOnce()
    {
        QCOMPARE(m_chat.get(m_rita, u"/conversations/"_s + m_group).status, 200);
        QCOMPARE(
            m_chat.del(m_alice, u"/conversations/%1/members/%2"_s.arg(m_group, m_rita.id())).status,
            204);
        // Rita's still-valid token reaches nothing of the group, from the very next request.
        const auto latest = m_chat.send(m_alice, m_group, u"after rita left"_s);
        QCOMPARE(latest.status, 201);
        QList<Call> attempts = calls();
        attempts.append(
            {"POST", u"/messages/%1/read"_s.arg(latest.json()[u"id"_s].toString()), {}, true});
        for (const Call &c : std::as_const(attempts)) {
            if (!c.conversationScoped)
                continue;
            const auto response = call(c, m_rita.token);
            QVERIFY2(response.status == 404, describe(c, response));
            QVERIFY(!response.body.contains("after rita left"));
        }
        QVERIFY(!m_chat.get(m_rita, u"/conversations"_s).body.contains(m_group.toUtf8()));
    }

    void aBlockedPairHasNoDm()
    {
        const Account eve = m_chat.createUser(u"eve"_s);
        const Account frank = m_chat.createUser(u"frank"_s);
        const QString dm = m_chat.openDm(eve, u"frank"_s).json()[u"id"_s].toString();
        QCOMPARE(m_chat.send(frank, dm, u"before the block"_s).status, 201);
        QCOMPARE(m_chat.post(eve, u"/blocks/frank"_s).status, 204);

        // Neither side can open a new DM with the other.
        for (const auto &[from, to] : {std::pair{eve, u"frank"_s}, std::pair{frank, u"eve"_s}}) {
            const auto open = m_chat.openDm(from, to);
            QCOMPARE(open.status, 403);
            QCOMPARE(open.errorCode(), u"forbidden"_s);
        }
        // The blocker cannot write in the existing one; the blocked user is not told, and
        // what he writes never reaches her (tst_receiptrules has the details).
        QCOMPARE(m_chat.send(eve, dm, u"hello?"_s).status, 403);
        QCOMPARE(m_chat.send(frank, dm, u"hello?"_s).status, 201);
        QVERIFY(!m_chat.get(eve, u"/conversations/%1/messages"_s.arg(dm)).body.contains("hello?"));
        // The blocked user no longer finds the blocker; the blocker still finds them.
        QVERIFY(!m_chat.get(frank, u"/users/search?q=eve"_s).body.contains("\"eve\""));
        QVERIFY(m_chat.get(eve, u"/users/search?q=frank"_s).body.contains("\"frank\""));
        // The blocker no longer sees the blocked user's messages, old ones included.
        const auto history = m_chat.get(eve, u"/conversations/%1/messages"_s.arg(dm));
        QCOMPARE(history.status, 200);
        QVERIFY(!history.body.contains("before the block"));
        // The blocked user cannot put the blocker into a group either.
        const QString group =
            m_chat.createGroup(frank, u"Frank's"_s, {}).json()[u"id"_s].toString();
        QCOMPARE(m_chat.addMember(frank, group, u"eve"_s).status, 403);
        QCOMPARE(m_chat.createGroup(frank, u"Again"_s, {u"eve"_s}).status, 403);

        // Unblocking restores the DM.
        QCOMPARE(m_chat.del(eve, u"/blocks/frank"_s).status, 204);
        QCOMPARE(m_chat.openDm(frank, u"eve"_s).status, 200);
        QCOMPARE(m_chat.send(frank, dm, u"hi again"_s).status, 201);
        QVERIFY(m_chat.get(eve, u"/conversations/%1/messages"_s.arg(dm))
                    .body.contains("before the block"));
    }
};

QTEST_GUILESS_MAIN(TestChatAuthorization)
#include "tst_chatauthorization.moc"
