// SPDX-License-Identifier: Apache-2.0
// Groups run by their admins (issue 18): rename and describe, promote and demote, a group never
// without an admin, and the system lines that record each change in the timeline, in order.
#include "chatfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QString conversationPath(const QString &id)
{
    return u"/conversations/"_s + id;
}

//! `{"kind","event","body_text","seq"}` of every message after `after`, oldest first.
QList<QJsonObject> timeline(ChatFixture &chat, const Account &as, const QString &id,
                            qint64 after = 0)
{
    const auto page =
        chat.get(as, u"/conversations/%1/messages?after=%2&limit=100"_s.arg(id).arg(after));
    QList<QJsonObject> lines;
    const QJsonArray messages = page.json().value(u"messages"_s).toArray();
    for (const QJsonValue &value : messages) {
        const QJsonObject message = value.toObject();
        lines.append({{u"kind"_s, message.value(u"kind"_s)},
                      {u"event"_s, message.value(u"system"_s).toObject().value(u"event"_s)},
                      {u"body_text"_s, message.value(u"body_text"_s)},
                      {u"seq"_s, message.value(u"seq"_s)},
                      {u"id"_s, message.value(u"id"_s)}});
    }
    return lines;
}

QStringList bodiesOf(const QList<QJsonObject> &lines)
{
    QStringList bodies;
    for (const QJsonObject &line : lines)
        bodies.append(line.value(u"body_text"_s).toString());
    return bodies;
}

QString roleOf(const HttpResponse &conversation, const Account &member)
{
    const QJsonArray members = conversation.json().value(u"members"_s).toArray();
    for (const QJsonValue &value : members) {
        if (value[u"user"_s][u"id"_s].toString() == member.id())
            return value[u"role"_s].toString();
    }
    return {};
}

} // namespace

class TestGroupAdmin : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;
    Account m_ana, m_ben, m_cara, m_dan;

    QString groupOf(const QStringList &usernames, const QString &title = u"Trip"_s)
    {
        const auto created = m_chat.createGroup(m_ana, title, usernames);
        return created.json().value(u"id"_s).toString();
    }
    HttpResponse patch(const Account &as, const QString &id, const QJsonObject &body)
    {
        return ChatFixture::client(as)->send("PATCH", m_chat.url(conversationPath(id)),
                                             QJsonDocument(body).toJson(QJsonDocument::Compact),
                                             "application/json");
    }
    HttpResponse setRole(const Account &as, const QString &id, const Account &member,
                         const QString &role)
    {
        return ChatFixture::client(as)->put(
            m_chat.url(u"/conversations/%1/members/%2/role"_s.arg(id, member.id())),
            {{u"role"_s, role}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_chat.start());
        m_ana = m_chat.createUser(u"ana"_s, u"Ana"_s);
        m_ben = m_chat.createUser(u"ben"_s, u"Ben"_s);
        m_cara = m_chat.createUser(u"cara"_s, u"Cara"_s);
        m_dan = m_chat.createUser(u"dan"_s, u"Dan"_s);
    }
    void cleanupTestCase() { m_chat.stop(); }

    void onlyAdminsRenameAndDescribe()
    {
        const QString id = groupOf({u"ben"_s});
        const auto refused = patch(m_ben, id, {{u"title"_s, u"Ben's group"_s}});
        QCOMPARE(refused.status, 403);
        QCOMPARE(refused.errorCode(), u"forbidden"_s);
        QCOMPARE(m_chat.get(m_ana, conversationPath(id)).json().value(u"title"_s).toString(),
                 u"Trip"_s);
        QCOMPARE(patch(m_dan, id, {{u"title"_s, u"x"_s}}).status, 404);

        const auto renamed = patch(m_ana, id, {{u"title"_s, u"  Lisbon trip "_s}});
        QCOMPARE(renamed.status, 200);
        QCOMPARE(renamed.json().value(u"title"_s).toString(), u"Lisbon trip"_s);
        const auto described =
            patch(m_ana, id, {{u"description"_s, u"Flights on the 12th.\nBring sun cream."_s}});
        QCOMPARE(described.status, 200);
        QCOMPARE(described.json().value(u"description"_s).toString(),
                 u"Flights on the 12th.\nBring sun cream."_s);
        QCOMPARE(m_chat.get(m_ben, conversationPath(id)).json().value(u"description"_s).toString(),
                 u"Flights on the 12th.\nBring sun cream."_s);
        // The same name again changes nothing and says nothing.
        QCOMPARE(patch(m_ana, id, {{u"title"_s, u"Lisbon trip"_s}}).status, 200);

        const auto lines = timeline(m_chat, m_ben, id);
        QCOMPARE(bodiesOf(lines),
                 (QStringList{u"Ana renamed the group to \u201cLisbon trip\u201d"_s,
                              u"Ana changed the group description"_s}));
        QCOMPARE(lines.at(0).value(u"kind"_s).toString(), u"system"_s);
        QCOMPARE(lines.at(0).value(u"event"_s).toString(), u"renamed"_s);
        QCOMPARE(lines.at(1).value(u"event"_s).toString(), u"description_changed"_s);

        QCOMPARE(patch(m_ana, id, {{u"title"_s, u"   "_s}}).errorCode(), u"validation_failed"_s);
        QCOMPARE(patch(m_ana, id, {{u"description"_s, QString(501, u'x')}}).errorCode(),
                 u"validation_failed"_s);
        QCOMPARE(patch(m_ana, id, {}).errorCode(), u"validation_failed"_s);

        const QString dm = m_chat.openDm(m_ana, u"ben"_s).json().value(u"id"_s).toString();
        QCOMPARE(patch(m_ana, dm, {{u"title"_s, u"Us"_s}}).status, 403);
    }

    void promoteDemoteAndTheLastAdmin()
    {
        const QString id = groupOf({u"ben"_s, u"cara"_s});
        // The only admin cannot step down: someone else must be one first.
        const auto alone = setRole(m_ana, id, m_ana, u"member"_s);
        QCOMPARE(alone.status, 409);
        QCOMPARE(alone.errorCode(), u"conflict"_s);
        QCOMPARE(setRole(m_ben, id, m_ben, u"admin"_s).status, 403);
        QCOMPARE(setRole(m_ana, id, m_dan, u"admin"_s).status, 404);
        QCOMPARE(setRole(m_ana, id, m_ben, u"owner"_s).errorCode(), u"validation_failed"_s);

        const auto promoted = setRole(m_ana, id, m_ben, u"admin"_s);
        QCOMPARE(promoted.status, 200);
        QCOMPARE(promoted.json().value(u"role"_s).toString(), u"admin"_s);
        // Ben, now an admin, may rename and may demote Ana.
        QCOMPARE(patch(m_ben, id, {{u"title"_s, u"Ben's trip"_s}}).status, 200);
        QCOMPARE(setRole(m_ben, id, m_ana, u"member"_s).status, 200);
        const auto after = m_chat.get(m_cara, conversationPath(id));
        QCOMPARE(roleOf(after, m_ana), u"member"_s);
        QCOMPARE(roleOf(after, m_ben), u"admin"_s);
        QCOMPARE(patch(m_ana, id, {{u"title"_s, u"Ana's again"_s}}).status, 403);
        QCOMPARE(setRole(m_ben, id, m_ben, u"member"_s).status, 409);

        QCOMPARE(bodiesOf(timeline(m_chat, m_cara, id)),
                 (QStringList{u"Ana made Ben an admin"_s,
                              u"Ben renamed the group to \u201cBen's trip\u201d"_s,
                              u"Ben removed Ana as admin"_s}));
    }

    void theLastAdminLeavingHandsOverToTheLongestStandingMember()
    {
        const QString id = groupOf({u"ben"_s});
        QCOMPARE(m_chat.addMember(m_ana, id, u"cara"_s).status, 201);
        QCOMPARE(m_chat.addMember(m_ana, id, u"dan"_s).status, 201);
        QCOMPARE(m_chat.del(m_ana, u"/conversations/%1/members/%2"_s.arg(id, m_ana.id())).status,
                 204);
        const auto group = m_chat.get(m_cara, conversationPath(id));
        QCOMPARE(roleOf(group, m_ben), u"admin"_s);
        QCOMPARE(roleOf(group, m_cara), u"member"_s);
        const auto lines = timeline(m_chat, m_cara, id);
        QCOMPARE(bodiesOf(lines), (QStringList{u"Ana added Cara"_s, u"Ana added Dan"_s,
                                               u"Ana left"_s, u"Ben is now an admin"_s}));
        QCOMPARE(lines.last().value(u"event"_s).toString(), u"admin_promoted"_s);

        // An admin who leaves while another admin stays hands nothing on.
        QCOMPARE(setRole(m_ben, id, m_cara, u"admin"_s).status, 200);
        QCOMPARE(m_chat.del(m_ben, u"/conversations/%1/members/%2"_s.arg(id, m_ben.id())).status,
                 204);
        QCOMPARE(roleOf(m_chat.get(m_cara, conversationPath(id)), m_dan), u"member"_s);
    }

    void systemLinesSitInTheHistoryInOrderAndStayAsTheyAre()
    {
        const QString id = groupOf({u"ben"_s});
        QCOMPARE(m_chat.send(m_ben, id, u"hello"_s).status, 201);
        QCOMPARE(m_chat.addMember(m_ana, id, u"cara"_s).status, 201);
        QCOMPARE(m_chat.send(m_cara, id, u"hi all"_s).status, 201);
        QCOMPARE(m_chat.del(m_ana, u"/conversations/%1/members/%2"_s.arg(id, m_ben.id())).status,
                 204);
        QCOMPARE(m_chat.del(m_cara, u"/conversations/%1/members/%2"_s.arg(id, m_cara.id())).status,
                 204);

        const auto lines = timeline(m_chat, m_ana, id);
        QCOMPARE(bodiesOf(lines), (QStringList{u"hello"_s, u"Ana added Cara"_s, u"hi all"_s,
                                               u"Ana removed Ben"_s, u"Cara left"_s}));
        QList<qint64> seqs;
        QStringList kinds;
        for (const QJsonObject &line : lines) {
            seqs.append(line.value(u"seq"_s).toInteger());
            kinds.append(line.value(u"kind"_s).toString());
        }
        QCOMPARE(seqs, (QList<qint64>{1, 2, 3, 4, 5}));
        QCOMPARE(kinds, (QStringList{u"text"_s, u"system"_s, u"text"_s, u"system"_s, u"system"_s}));
        // Newest-first pages see the same lines.
        const auto newest = m_chat.get(m_ana, u"/conversations/%1/messages?limit=2"_s.arg(id));
        QCOMPARE(newest.json().value(u"messages"_s)[0][u"body_text"_s].toString(), u"Cara left"_s);
        // The list shows the last one as the preview.
        const auto list = m_chat.get(m_ana, u"/conversations"_s).json().value(u"conversations"_s);
        for (const QJsonValue &conversation : list.toArray()) {
            if (conversation[u"id"_s].toString() == id)
                QCOMPARE(conversation[u"last_message"_s][u"kind"_s].toString(), u"system"_s);
        }

        // A record of what happened: its author cannot edit, delete or react to it.
        const QString added = lines.at(1).value(u"id"_s).toString();
        auto ana = ChatFixture::client(m_ana);
        const auto edit = ana->send("PATCH", m_chat.url(u"/messages/"_s + added),
                                    R"({"body_text":"Ana added nobody"})", "application/json");
        QCOMPARE(edit.status, 403);
        QCOMPARE(ana->del(m_chat.url(u"/messages/"_s + added)).status, 403);
        QCOMPARE(ana->put(m_chat.url(u"/messages/%1/reactions/%2"_s.arg(
                              added, QString::fromUtf8(QUrl::toPercentEncoding(u"\U0001F44D"_s)))),
                          {})
                     .status,
                 403);
        // Nor is it found by search.
        const auto found = m_chat.get(m_ana, u"/search/messages?q=added&conversation_id="_s + id);
        QCOMPARE(found.status, 200);
        QCOMPARE(found.json().value(u"results"_s).toArray().size(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGroupAdmin)
#include "tst_groupadmin.moc"
