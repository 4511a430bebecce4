// SPDX-License-Identifier: Apache-2.0
// Replies, edits, deletions, reactions and mentions over REST (issue 12), through a real
// natter-server on a real PostgreSQL: every route, who may do what (non-member, non-sender,
// non-admin, blocked user), the `rev` of every change, the changes catch-up, the events
// published, and the rate limits of edits and reactions.
#include "chatfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

//! A test's edit and reaction budgets: big enough for every test, small enough to reach.
constexpr int kBurst = 40;

QString emojiPath(const QString &messageId, const QString &emoji)
{
    return u"/messages/%1/reactions/%2"_s.arg(messageId,
                                              QString::fromLatin1(QUrl::toPercentEncoding(emoji)));
}

} // namespace

class TestMessageChanges : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;
    Account m_alice, m_bob, m_carol, m_rita;
    QString m_group; //!< Alice (admin), Bob, Rita; Carol is outside

    HttpResponse patch(const Account &as, const QString &messageId, const QString &body)
    {
        return ChatFixture::client(as)->send(
            "PATCH", m_chat.url(u"/messages/"_s + messageId),
            QJsonDocument(QJsonObject{{u"body_text"_s, body}}).toJson(QJsonDocument::Compact),
            "application/json");
    }
    HttpResponse react(const Account &as, const QString &messageId, const QString &emoji,
                       bool add = true)
    {
        return ChatFixture::client(as)->send(add ? "PUT" : "DELETE",
                                             m_chat.url(emojiPath(messageId, emoji)), {}, {});
    }
    QString sendId(const Account &as, const QString &text, const QString &conversation = {})
    {
        const auto sent = m_chat.send(as, conversation.isEmpty() ? m_group : conversation, text);
        if (sent.status != 201)
            qWarning("send failed: %d %s", sent.status, sent.body.constData());
        return sent.json()[u"id"_s].toString();
    }
    //! The message as `as` sees it in the history.
    QJsonObject seen(const Account &as, const QString &messageId, const QString &conversation = {})
    {
        const auto page = m_chat.get(as, u"/conversations/%1/messages?limit=100"_s.arg(
                                             conversation.isEmpty() ? m_group : conversation));
        const QJsonArray messages = page.json()[u"messages"_s].toArray();
        for (const QJsonValue &message : messages) {
            if (message[u"id"_s].toString() == messageId)
                return message.toObject();
        }
        return {};
    }
    QJsonObject conversationOf(const Account &as, const QString &conversation)
    {
        const QJsonArray list =
            m_chat.get(as, u"/conversations"_s).json()[u"conversations"_s].toArray();
        for (const QJsonValue &item : list) {
            if (item[u"id"_s].toString() == conversation)
                return item.toObject();
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QProcessEnvironment env;
        env.insert(u"NATTER_RATE_EDIT"_s, u"0.001/%1"_s.arg(kBurst));
        env.insert(u"NATTER_RATE_REACTION"_s, u"0.001/%1"_s.arg(kBurst));
        QVERIFY(m_chat.start(env));
        m_alice = m_chat.createUser(u"alice"_s);
        m_bob = m_chat.createUser(u"bob"_s);
        m_carol = m_chat.createUser(u"carol"_s);
        m_rita = m_chat.createUser(u"rita"_s);
        const auto group = m_chat.createGroup(m_alice, u"Hike"_s, {u"bob"_s, u"rita"_s});
        QCOMPARE(group.status, 201);
        m_group = group.json()[u"id"_s].toString();
    }
    void cleanupTestCase() { m_chat.stop(); }

    void aReplyQuotesTheMessageItAnswers()
    {
        const QString first = sendId(m_alice, u"Shall we start at 9?"_s);
        const auto reply = m_chat.post(m_bob, u"/conversations/%1/messages"_s.arg(m_group),
                                       {{u"body_text"_s, u"Yes"_s}, {u"reply_to_id"_s, first}});
        QCOMPARE(reply.status, 201);
        const QJsonObject quoted = reply.json()[u"reply_to"_s].toObject();
        QCOMPARE(quoted[u"id"_s].toString(), first);
        QCOMPARE(quoted[u"sender_id"_s].toString(), m_alice.id());
        QCOMPARE(quoted[u"body_preview"_s].toString(), u"Shall we start at 9?"_s);
        QCOMPARE(quoted[u"seq"_s].toInteger(), seen(m_bob, first)[u"seq"_s].toInteger());
        // History shows the same.
        QCOMPARE(seen(m_rita, reply.json()[u"id"_s].toString())[u"reply_to"_s].toObject(), quoted);
        // A plain message has none; every v1.1 member is there.
        const QJsonObject plain = seen(m_rita, first);
        QVERIFY(plain[u"reply_to"_s].isNull());
        QVERIFY(plain[u"edited_at"_s].isNull());
        QCOMPARE(plain[u"deleted"_s].toBool(true), false);
        QCOMPARE(plain[u"rev"_s].toInteger(-1), 0);
        QVERIFY(plain[u"attachments"_s].isArray());

        // Only a message of the same conversation can be answered.
        const QString dm = m_chat.openDm(m_bob, u"rita"_s).json()[u"id"_s].toString();
        const QString elsewhere = sendId(m_bob, u"in the dm"_s, dm);
        const auto wrong = m_chat.post(m_bob, u"/conversations/%1/messages"_s.arg(m_group),
                                       {{u"body_text"_s, u"x"_s}, {u"reply_to_id"_s, elsewhere}});
        QCOMPARE(wrong.status, 400);
        QVERIFY(wrong.json()[u"error"_s][u"fields"_s].toObject().contains(u"reply_to_id"_s));
        const auto garbage = m_chat.post(m_bob, u"/conversations/%1/messages"_s.arg(m_group),
                                         {{u"body_text"_s, u"x"_s}, {u"reply_to_id"_s, u"nope"_s}});
        QCOMPARE(garbage.status, 400);
    }

    void theSenderEditsAndEveryoneSeesTheNewText()
    {
        const QString id = sendId(m_bob, u"See you at 8"_s);
        const auto edited = patch(m_bob, id, u"See you at 9"_s);
        QCOMPARE(edited.status, 200);
        QCOMPARE(edited.json()[u"body_text"_s].toString(), u"See you at 9"_s);
        QVERIFY(edited.json()[u"edited_at"_s].isString());
        const qint64 rev = edited.json()[u"rev"_s].toInteger();
        QVERIFY(rev > 0);
        const QJsonObject forRita = seen(m_rita, id);
        QCOMPARE(forRita[u"body_text"_s].toString(), u"See you at 9"_s);
        QCOMPARE(forRita[u"rev"_s].toInteger(), rev);
        // The same text again changes nothing.
        const auto again = patch(m_bob, id, u"See you at 9"_s);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json()[u"rev"_s].toInteger(), rev);
        // A second edit gets a higher rev.
        QVERIFY(patch(m_bob, id, u"See you at 10"_s).json()[u"rev"_s].toInteger() > rev);
        // Validated like a send.
        QCOMPARE(patch(m_bob, id, u"   "_s).status, 400);
    }

    void onlyTheSenderEdits()
    {
        const QString id = sendId(m_bob, u"mine"_s);
        const auto byAdmin = patch(m_alice, id, u"hijacked"_s);
        QCOMPARE(byAdmin.status, 403);
        QCOMPARE(byAdmin.errorCode(), u"forbidden"_s);
        QCOMPARE(patch(m_rita, id, u"hijacked"_s).status, 403);
        const auto outsider = patch(m_carol, id, u"hijacked"_s);
        QCOMPARE(outsider.status, 404);
        QVERIFY(!outsider.body.contains("mine"));
        QCOMPARE(patch(m_bob, QUuid::createUuid().toString(QUuid::WithoutBraces), u"x"_s).status,
                 404);
        QCOMPARE(seen(m_alice, id)[u"body_text"_s].toString(), u"mine"_s);
    }

    void deletionKeepsThePlaceAndEmptiesTheMessage()
    {
        const QString id = sendId(m_bob, u"oops, wrong chat"_s);
        QVERIFY(react(m_rita, id, u"😮"_s).status == 204);
        const qint64 seq = seen(m_alice, id)[u"seq"_s].toInteger();
        QCOMPARE(m_chat.del(m_bob, u"/messages/"_s + id).status, 204);
        const QJsonObject after = seen(m_alice, id);
        QCOMPARE(after[u"seq"_s].toInteger(), seq);
        QCOMPARE(after[u"deleted"_s].toBool(), true);
        QCOMPARE(after[u"body_text"_s].toString(), QString());
        QCOMPARE(after[u"reactions"_s].toArray().size(), 0);
        QCOMPARE(after[u"attachments"_s].toArray().size(), 0);
        const qint64 rev = after[u"rev"_s].toInteger();
        QVERIFY(rev > 0);
        // Deleting again is done already; editing or reacting is a conflict.
        QCOMPARE(m_chat.del(m_bob, u"/messages/"_s + id).status, 204);
        QCOMPARE(seen(m_alice, id)[u"rev"_s].toInteger(), rev);
        QCOMPARE(patch(m_bob, id, u"back"_s).status, 409);
        QCOMPARE(react(m_alice, id, u"👍"_s).status, 409);
        // A reply to it says it was deleted, with no text.
        const QString answered = sendId(m_rita, u"what did it say?"_s);
        Q_UNUSED(answered)
        const auto reply = m_chat.post(m_rita, u"/conversations/%1/messages"_s.arg(m_group),
                                       {{u"body_text"_s, u"?"_s}, {u"reply_to_id"_s, id}});
        QCOMPARE(reply.status, 201);
        QCOMPARE(reply.json()[u"reply_to"_s][u"deleted"_s].toBool(), true);
        QCOMPARE(reply.json()[u"reply_to"_s][u"body_preview"_s].toString(), QString());
    }

    void theSenderOrAGroupAdminDeletes()
    {
        const QString bobs = sendId(m_bob, u"by bob"_s);
        QCOMPARE(m_chat.del(m_rita, u"/messages/"_s + bobs).status, 403);
        QCOMPARE(m_chat.del(m_carol, u"/messages/"_s + bobs).status, 404);
        QCOMPARE(m_chat.del(m_alice, u"/messages/"_s + bobs).status, 204); // the admin
        QCOMPARE(seen(m_bob, bobs)[u"deleted"_s].toBool(), true);
        // In a DM nobody is an admin: only the sender deletes.
        const QString dm = m_chat.openDm(m_alice, u"bob"_s).json()[u"id"_s].toString();
        const QString inDm = sendId(m_bob, u"dm text"_s, dm);
        QCOMPARE(m_chat.del(m_alice, u"/messages/"_s + inDm).status, 403);
        QCOMPARE(m_chat.del(m_bob, u"/messages/"_s + inDm).status, 204);
    }

    void reactionsCountWhoReactedInOrder()
    {
        const QString id = sendId(m_alice, u"Summit!"_s);
        QCOMPARE(react(m_bob, id, u"🎉"_s).status, 204);
        QCOMPARE(react(m_rita, id, u"🎉"_s).status, 204);
        QCOMPARE(react(m_rita, id, u"👍🏽"_s).status, 204); // with a skin tone: one grapheme
        const QJsonObject message = seen(m_alice, id);
        const QJsonArray reactions = message[u"reactions"_s].toArray();
        QCOMPARE(reactions.size(), 2);
        QCOMPARE(reactions[0][u"emoji"_s].toString(), u"🎉"_s);
        QCOMPARE(reactions[0][u"user_ids"_s].toArray(), QJsonArray({m_bob.id(), m_rita.id()}));
        QCOMPARE(reactions[1][u"emoji"_s].toString(), u"👍🏽"_s);
        const qint64 rev = message[u"rev"_s].toInteger();
        // Adding what is there, or removing what is not, changes nothing.
        QCOMPARE(react(m_bob, id, u"🎉"_s).status, 204);
        QCOMPARE(react(m_bob, id, u"👍🏽"_s, false).status, 204);
        QCOMPARE(seen(m_alice, id)[u"rev"_s].toInteger(), rev);
        // Removing one's own.
        QCOMPARE(react(m_bob, id, u"🎉"_s, false).status, 204);
        const QJsonObject after = seen(m_alice, id);
        QVERIFY(after[u"rev"_s].toInteger() > rev);
        QCOMPARE(after[u"reactions"_s][0][u"user_ids"_s].toArray(), QJsonArray({m_rita.id()}));
        // Outsiders cannot react.
        QCOMPARE(react(m_carol, id, u"👍"_s).status, 404);
    }

    void aReactionIsOneEmoji()
    {
        const QString id = sendId(m_alice, u"emoji test"_s);
        for (const QString &bad : {u"a"_s, u"1"_s, u"👍👍"_s, u"ok"_s, u" "_s, u"!"_s}) {
            const auto answer = react(m_bob, id, bad);
            QVERIFY2(answer.status == 400, qPrintable(bad + u' ' + QString::fromUtf8(answer.body)));
            QCOMPARE(answer.errorCode(), u"validation_failed"_s);
        }
        // Flags, keycaps and joined families are single emojis.
        for (const QString &good : {u"🇫🇷"_s, u"1️⃣"_s, u"👨‍👩‍👧"_s, u"❤️"_s})
            QVERIFY2(react(m_bob, id, good).status == 204, qPrintable(good));
        QCOMPARE(seen(m_alice, id)[u"reactions"_s].toArray().size(), 4);
    }

    void atMostTwentyDifferentEmojis()
    {
        const QString id = sendId(m_alice, u"react to me"_s);
        // Twenty different ones, from two people (each has its own rate budget).
        const QList<char32_t> animals{0x1F400, 0x1F401, 0x1F402, 0x1F403, 0x1F404, 0x1F405, 0x1F406,
                                      0x1F407, 0x1F408, 0x1F409, 0x1F40A, 0x1F40B, 0x1F40C, 0x1F40D,
                                      0x1F40E, 0x1F40F, 0x1F410, 0x1F411, 0x1F412, 0x1F413};
        for (int i = 0; i < animals.size(); ++i) {
            const Account &who = i % 2 ? m_alice : m_rita;
            QCOMPARE(react(who, id, QString::fromUcs4(&animals[i], 1)).status, 204);
        }
        const char32_t extra = 0x1F414;
        const auto twentyFirst = react(m_alice, id, QString::fromUcs4(&extra, 1));
        QCOMPARE(twentyFirst.status, 409);
        QCOMPARE(twentyFirst.errorCode(), u"conflict"_s);
        // One of the twenty can still be joined.
        QCOMPARE(react(m_alice, id, QString::fromUcs4(&animals[0], 1)).status, 204);
        QCOMPARE(seen(m_bob, id)[u"reactions"_s].toArray().size(), 20);
    }

    void aBlockedUsersReactionsAreHidden()
    {
        const Account eve = m_chat.createUser(u"eve"_s);
        const Account mallory = m_chat.createUser(u"mallory"_s);
        const QString group = m_chat.createGroup(eve, u"Club"_s, {u"mallory"_s, u"rita"_s})
                                  .json()[u"id"_s]
                                  .toString();
        const QString ritas = sendId(m_rita, u"hello club"_s, group);
        const QString mallorys = sendId(mallory, u"I am mallory"_s, group);
        QCOMPARE(react(mallory, ritas, u"👎"_s).status, 204);
        QCOMPARE(react(eve, ritas, u"👍"_s).status, 204);
        QCOMPARE(m_chat.post(eve, u"/blocks/mallory"_s).status, 204);

        // Eve no longer sees Mallory's reaction; Rita still does.
        const QJsonArray forEve = seen(eve, ritas, group)[u"reactions"_s].toArray();
        QCOMPARE(forEve.size(), 1);
        QCOMPARE(forEve[0][u"emoji"_s].toString(), u"👍"_s);
        QCOMPARE(seen(m_rita, ritas, group)[u"reactions"_s].toArray().size(), 2);
        // Nor does the changes catch-up show it, nor Mallory's message.
        const auto changes = m_chat.get(eve, u"/conversations/%1/changes?after=0"_s.arg(group));
        QCOMPARE(changes.status, 200);
        QVERIFY(!changes.body.contains(mallory.id().toUtf8()));
        // A message Eve cannot see cannot be reacted to by her.
        QCOMPARE(react(eve, mallorys, u"👍"_s).status, 404);
        QCOMPARE(m_chat.del(eve, u"/messages/"_s + mallorys).status, 404); // even as admin
        // Mallory's edits stay hidden with her messages.
        QCOMPARE(patch(mallory, mallorys, u"edited by mallory"_s).status, 200);
        QVERIFY(!m_chat.get(eve, u"/conversations/%1/changes?after=0"_s.arg(group))
                     .body.contains("edited by mallory"));
        QVERIFY(m_chat.get(m_rita, u"/conversations/%1/changes?after=0"_s.arg(group))
                    .body.contains("edited by mallory"));
        // A reply to Mallory's message quotes nothing for Eve.
        const auto reply =
            m_chat.post(m_rita, u"/conversations/%1/messages"_s.arg(group),
                        {{u"body_text"_s, u"welcome"_s}, {u"reply_to_id"_s, mallorys}});
        QCOMPARE(reply.status, 201);
        const QJsonObject quoted =
            seen(eve, reply.json()[u"id"_s].toString(), group)[u"reply_to"_s].toObject();
        QCOMPARE(quoted[u"body_preview"_s].toString(), QString());
    }

    void mentionsNameMembersAndAreCountedApart()
    {
        const auto sent = m_chat.send(
            m_alice, m_group, u"@Bob and @rita, bring water. mail@bob.org @carol @nobody"_s);
        QCOMPARE(sent.status, 201);
        QJsonArray mentions = sent.json()[u"mentions"_s].toArray();
        QCOMPARE(mentions.size(), 2); // carol is no member; the e-mail address is no mention
        QVERIFY(mentions.contains(m_bob.id()));
        QVERIFY(mentions.contains(m_rita.id()));

        const QJsonObject forBob = conversationOf(m_bob, m_group);
        QCOMPARE(forBob[u"mention_count"_s].toInteger(), 1);
        QVERIFY(forBob[u"unread_count"_s].toInteger() >= 1);
        QCOMPARE(conversationOf(m_alice, m_group)[u"mention_count"_s].toInteger(), 0);
        // An edit finds them again.
        const QString id = sent.json()[u"id"_s].toString();
        const auto edited = patch(m_alice, id, u"@rita only"_s);
        QCOMPARE(edited.json()[u"mentions"_s].toArray(), QJsonArray({m_rita.id()}));
        QCOMPARE(conversationOf(m_bob, m_group)[u"mention_count"_s].toInteger(), 0);
        // Reading clears the count.
        QCOMPARE(m_chat.post(m_rita, u"/messages/%1/read"_s.arg(id)).status, 204);
        QCOMPARE(conversationOf(m_rita, m_group)[u"mention_count"_s].toInteger(), 0);
    }

    void changesCatchUpByRev()
    {
        const QString path = u"/conversations/%1/changes"_s.arg(m_group);
        const qint64 before = conversationOf(m_bob, m_group)[u"last_rev"_s].toInteger();
        QCOMPARE(m_chat.get(m_bob, path + u"?after=%1"_s.arg(before))
                     .json()[u"messages"_s]
                     .toArray()
                     .size(),
                 0);
        const QString a = sendId(m_alice, u"a"_s);
        const QString b = sendId(m_alice, u"b"_s);
        QCOMPARE(patch(m_alice, a, u"a2"_s).status, 200);
        QCOMPARE(react(m_bob, b, u"👀"_s).status, 204);
        QCOMPARE(patch(m_alice, a, u"a3"_s).status, 200);
        const auto changes = m_chat.get(m_bob, path + u"?after=%1"_s.arg(before));
        QCOMPARE(changes.status, 200);
        const QJsonArray changed = changes.json()[u"messages"_s].toArray();
        // Each changed message once, in its latest state, oldest change first.
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed[0][u"id"_s].toString(), b);
        QCOMPARE(changed[1][u"id"_s].toString(), a);
        QCOMPARE(changed[1][u"body_text"_s].toString(), u"a3"_s);
        const qint64 lastRev = changes.json()[u"last_rev"_s].toInteger();
        QCOMPARE(lastRev, changed[1][u"rev"_s].toInteger());
        QCOMPARE(conversationOf(m_bob, m_group)[u"last_rev"_s].toInteger(), lastRev);
        // Paged: limit 1 gives the first change and the rev to go on from.
        const auto first = m_chat.get(m_bob, path + u"?after=%1&limit=1"_s.arg(before));
        QCOMPARE(first.json()[u"messages"_s].toArray().size(), 1);
        QCOMPARE(first.json()[u"last_rev"_s].toInteger(),
                 first.json()[u"messages"_s][0][u"rev"_s].toInteger());
        // Non-members learn nothing; bad cursors are refused.
        QCOMPARE(m_chat.get(m_carol, path + u"?after=0"_s).status, 404);
        QCOMPARE(m_chat.get(m_bob, path + u"?after=-3"_s).status, 400);
    }

    void everyChangeIsAnnouncedOnce()
    {
        EventListener events(m_chat.database());
        QVERIFY(events.isListening());
        const QString id = sendId(m_alice, u"announce me"_s);
        events.clear();
        QCOMPARE(patch(m_alice, id, u"announced"_s).status, 200);
        QCOMPARE(react(m_bob, id, u"🔥"_s).status, 204);
        QCOMPARE(react(m_bob, id, u"🔥"_s).status, 204); // no change: no event
        QCOMPARE(m_chat.del(m_alice, u"/messages/"_s + id).status, 204);
        events.waitFor(3);
        QTest::qWait(200);
        const QList<QJsonObject> changed = events.ofType(u"message.changed"_s);
        QCOMPARE(changed.size(), 3);
        qint64 previous = 0;
        for (const QJsonObject &event : changed) {
            QCOMPARE(event[u"conversation_id"_s].toString(), m_group);
            QVERIFY(event[u"rev"_s].toInteger() > previous);
            previous = event[u"rev"_s].toInteger();
        }
    }

    void editsAndReactionsAreRateLimited()
    {
        const Account spammer = m_chat.createUser(u"spammer"_s);
        QCOMPARE(m_chat.addMember(m_alice, m_group, u"spammer"_s).status, 201);
        const QString id = sendId(spammer, u"v0"_s);
        int edited = 0;
        HttpResponse last;
        for (int i = 1; i <= kBurst + 1; ++i) {
            last = patch(spammer, id, u"v%1"_s.arg(i));
            if (last.status != 200)
                break;
            ++edited;
        }
        QCOMPARE(edited, kBurst);
        QCOMPARE(last.status, 429);
        QCOMPARE(last.errorCode(), u"rate_limited"_s);
        QVERIFY(last.headers.contains("retry-after"));
        // Deleting shares the edit budget.
        QCOMPARE(m_chat.del(spammer, u"/messages/"_s + id).status, 429);

        const QString target = sendId(m_alice, u"react"_s);
        int reacted = 0;
        for (int i = 1; i <= kBurst + 1; ++i) {
            last = react(spammer, target, u"👍"_s, i % 2 == 1);
            if (last.status != 204)
                break;
            ++reacted;
        }
        QCOMPARE(reacted, kBurst);
        QCOMPARE(last.status, 429);
    }
};

QTEST_GUILESS_MAIN(TestMessageChanges)
#include "tst_messagechanges.moc"
