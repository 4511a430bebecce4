// SPDX-License-Identifier: Apache-2.0
// GET /api/v1/search/messages (issue 12) through a real natter-server on a real PostgreSQL:
// prefix matching that ignores case and accents, only the caller's conversations, never a
// message a block hides or a deleted one, snippets escaped with <mark> around hits, newest
// first with a cursor, and a query the search index can answer.
#include "chatfixture.h"

#include <QSqlQuery>

#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

class TestMessageSearch : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;
    Account m_alice, m_bob, m_carol;
    QString m_group, m_carols;

    HttpResponse search(const Account &as, const QString &q, const QString &extra = {})
    {
        QUrlQuery query;
        query.addQueryItem(u"q"_s, QString::fromLatin1(QUrl::toPercentEncoding(q)));
        return m_chat.get(as, u"/search/messages?"_s + query.toString(QUrl::FullyEncoded) + extra);
    }
    QStringList bodies(const HttpResponse &response)
    {
        QStringList found;
        const QJsonArray results = response.json()[u"results"_s].toArray();
        for (const QJsonValue &result : results)
            found.append(result[u"message"_s][u"body_text"_s].toString());
        return found;
    }
    QString sendId(const Account &as, const QString &text, const QString &conversation = {})
    {
        return m_chat.send(as, conversation.isEmpty() ? m_group : conversation, text)
            .json()[u"id"_s]
            .toString();
    }

    //! Moves message `id` `weeks` weeks (and an hour) into the past, where the search's
    //! later steps find it.
    bool age(const QString &id, int weeks)
    {
        QSqlQuery move(m_chat.database().connection());
        return move.exec(u"UPDATE messages SET created_at = now() - interval '%1 weeks' "
                         "- interval '1 hour' WHERE id = '%2'"_s.arg(weeks)
                             .arg(id));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_chat.start());
        m_alice = m_chat.createUser(u"alice"_s);
        m_bob = m_chat.createUser(u"bob"_s);
        m_carol = m_chat.createUser(u"carol"_s);
        m_group = m_chat.createGroup(m_alice, u"Paris"_s, {u"bob"_s}).json()[u"id"_s].toString();
        m_carols = m_chat.createGroup(m_carol, u"Carol's"_s, {}).json()[u"id"_s].toString();
    }
    void cleanupTestCase() { m_chat.stop(); }

    void wordsMatchByPrefixIgnoringCaseAndAccents()
    {
        sendId(m_alice, u"Le Café était fermé à 8h"_s);
        for (const QString &q :
             {u"cafe"_s, u"CAF"_s, u"café"_s, u"etai"_s, u"FERME caf"_s, u"  cafe!! "_s, u"8h"_s}) {
            const auto response = search(m_bob, q);
            QCOMPARE(response.status, 200);
            QVERIFY2(bodies(response) == QStringList{u"Le Café était fermé à 8h"_s}, qPrintable(q));
        }
        // Every word must match; an inner part of a word is no prefix.
        QVERIFY(bodies(search(m_bob, u"cafe bistro"_s)).isEmpty());
        QVERIFY(bodies(search(m_bob, u"afe"_s)).isEmpty());
    }

    void lettersThatBecomeOtherLettersStillMatch()
    {
        // The search first keeps messages whose lower-cased, unaccented text contains each
        // word and only then parses them: letters that unaccent to two (ß, Œ), a capital
        // whose dot goes (İ), Greek capitals and a word joined by _ must survive that step.
        sendId(m_alice, u"ΟΔΟΣ Œuvre Straße İstanbul snake_case"_s);
        for (const QString &q : {u"οδοσ"_s, u"ΟΔΟ"_s, u"oeuvre"_s, u"strasse"_s, u"STRASS"_s,
                                 u"istanbul"_s, u"snake case"_s, u"case"_s}) {
            QVERIFY2(bodies(search(m_bob, q)) ==
                         QStringList{u"ΟΔΟΣ Œuvre Straße İstanbul snake_case"_s},
                     qPrintable(q));
        }
    }

    void theSnippetIsEscapedWithHitsMarked()
    {
        sendId(m_alice, u"<script>alert('x')</script> & the croissant \"deal\""_s);
        const auto response = search(m_bob, u"croiss"_s);
        QCOMPARE(response.status, 200);
        const QJsonArray results = response.json()[u"results"_s].toArray();
        QCOMPARE(results.size(), 1);
        const QString snippet = results[0][u"snippet"_s].toString();
        QVERIFY2(snippet.contains(u"<mark>croissant</mark>"_s), qPrintable(snippet));
        QVERIFY2(snippet.contains(u"&lt;script&gt;"_s), qPrintable(snippet));
        QVERIFY(snippet.contains(u"&amp;"_s));
        QVERIFY(snippet.contains(u"&quot;deal&quot;"_s));
        QVERIFY(!snippet.contains(u"<script"_s));
        QCOMPARE(snippet.count(u"<mark>"_s), 1);
        QCOMPARE(results[0][u"conversation_id"_s].toString(), m_group);
        QCOMPARE(results[0][u"message"_s][u"conversation_id"_s].toString(), m_group);
    }

    void onlyTheCallersConversations()
    {
        sendId(m_carol, u"secret baguette recipe"_s, m_carols);
        QVERIFY(bodies(search(m_bob, u"baguette"_s)).isEmpty());
        QCOMPARE(bodies(search(m_carol, u"baguette"_s)), QStringList{u"secret baguette recipe"_s});
        // Naming a conversation one is not in is 404, as everywhere.
        const auto outsider = search(m_bob, u"baguette"_s, u"&conversation_id="_s + m_carols);
        QCOMPARE(outsider.status, 404);
        QVERIFY(!outsider.body.contains("baguette recipe"));
    }

    void blocksAndDeletionsAreRespected()
    {
        const Account mallory = m_chat.createUser(u"mallory"_s);
        QCOMPARE(m_chat.addMember(m_alice, m_group, u"mallory"_s).status, 201);
        sendId(mallory, u"macaron from mallory"_s);
        const QString gone = sendId(m_alice, u"macaron to delete"_s);
        QCOMPARE(bodies(search(m_bob, u"macaron"_s)).size(), 2);
        QCOMPARE(m_chat.post(m_bob, u"/blocks/mallory"_s).status, 204);
        QCOMPARE(bodies(search(m_bob, u"macaron"_s)), QStringList{u"macaron to delete"_s});
        QCOMPARE(m_chat.del(m_alice, u"/messages/"_s + gone).status, 204);
        QVERIFY(bodies(search(m_bob, u"macaron"_s)).isEmpty());
        QCOMPARE(bodies(search(m_alice, u"macaron"_s)), QStringList{u"macaron from mallory"_s});
        // An edit is found by its new words, not its old ones.
        const QString edited = sendId(m_alice, u"eclair tonight"_s);
        QVERIFY(m_chat.client(m_alice)
                    ->send("PATCH", m_chat.url(u"/messages/"_s + edited),
                           R"({"body_text":"madeleine tonight"})", "application/json")
                    .status == 200);
        QVERIFY(bodies(search(m_bob, u"eclair"_s)).isEmpty());
        QCOMPARE(bodies(search(m_bob, u"madel"_s)), QStringList{u"madeleine tonight"_s});
    }

    void newestFirstWithACursorAndOneConversation()
    {
        for (int i = 1; i <= 5; ++i)
            sendId(m_alice, u"brioche %1"_s.arg(i));
        const QString dm = m_chat.openDm(m_bob, u"alice"_s).json()[u"id"_s].toString();
        sendId(m_bob, u"brioche in the dm"_s, dm);
        const auto first = search(m_bob, u"brioche"_s, u"&limit=2&conversation_id="_s + m_group);
        QCOMPARE(bodies(first), (QStringList{u"brioche 5"_s, u"brioche 4"_s}));
        const QString last = first.json()[u"results"_s][1][u"message"_s][u"id"_s].toString();
        const auto next = search(m_bob, u"brioche"_s,
                                 u"&limit=2&conversation_id=%1&before=%2"_s.arg(m_group, last));
        QCOMPARE(bodies(next), (QStringList{u"brioche 3"_s, u"brioche 2"_s}));
        // Everywhere: the DM too, newest first.
        QCOMPARE(bodies(search(m_bob, u"brioche"_s, u"&limit=1"_s)),
                 QStringList{u"brioche in the dm"_s});
        QCOMPARE(bodies(search(m_bob, u"brioche"_s)).size(), 6);
    }

    void matchesOverManyWeeksComeNewestFirst()
    {
        // Fewer matches than the page: the newest messages do not fill it, so the search asks
        // the index week window by week window, then for everything older; each step's hits
        // must follow the previous ones in time, whatever window they came from.
        const QStringList weeksAgo{u"0"_s, u"2"_s, u"9"_s, u"30"_s, u"80"_s};
        QStringList expected;
        QSqlDatabase db = m_chat.database().connection();
        for (const QString &weeks : weeksAgo) {
            const QString body = u"kouign amann %1 weeks ago"_s.arg(weeks);
            const QString id = sendId(m_alice, body);
            QSqlQuery move(db);
            QVERIFY(move.exec(u"UPDATE messages SET created_at = now() - interval '%1 weeks' "
                              "- interval '1 hour' WHERE id = '%2'"_s.arg(weeks, id)));
            expected.append(body);
        }
        QCOMPARE(bodies(search(m_bob, u"kouign"_s, u"&limit=50"_s)), expected);
        // A page at a time across the windows.
        QStringList paged;
        QString before;
        for (int page = 0; page < 5; ++page) {
            const auto found =
                search(m_bob, u"kouign"_s,
                       before.isEmpty() ? u"&limit=2"_s : u"&limit=2&before="_s + before);
            const QStringList got = bodies(found);
            paged.append(got);
            if (got.size() < 2)
                break;
            before = found.json()[u"results"_s][1][u"message"_s][u"id"_s].toString();
        }
        QCOMPARE(paged, expected);
        // Carol is in none of these conversations.
        QVERIFY(bodies(search(m_carol, u"kouign"_s, u"&limit=50"_s)).isEmpty());
    }

    void aRareWordAcrossConversationsOnlyWhatTheCallerMaySee()
    {
        // One word, few matches, in four conversations and over many weeks, so every step of
        // the search has a say: Bob sees his group's and his DM's, never Carol's group (he is
        // not in it), a deleted message, a blocked sender's, or one of a group he left.
        const Account trent = m_chat.createUser(u"trent"_s);
        const QString dm = m_chat.openDm(m_bob, u"trent"_s).json()[u"id"_s].toString();
        const QString left =
            m_chat.createGroup(m_carol, u"Left"_s, {u"bob"_s}).json()[u"id"_s].toString();
        const QString lastWeek = sendId(m_alice, u"zwetschgen from the group 1"_s);
        QVERIFY(age(lastWeek, 1));
        struct Sent
        {
            QString body, conversation;
            const Account *by;
            int weeks;
        };
        const QList<Sent> sent{
            {u"zwetschgen in the dm, 40 weeks"_s, dm, &trent, 40},
            {u"zwetschgen in Carol's, 3 weeks"_s, m_carols, &m_carol, 3},
            {u"zwetschgen in the group, 20 weeks"_s, m_group, &m_alice, 20},
            {u"zwetschgen in the left group, 2 weeks"_s, left, &m_carol, 2},
            {u"zwetschgen in the dm, 5 weeks"_s, dm, &m_bob, 5},
            {u"zwetschgen to be deleted, 4 weeks"_s, m_group, &m_alice, 4},
        };
        QHash<QString, QString> ids;
        for (const Sent &message : sent) {
            ids[message.body] = sendId(*message.by, message.body, message.conversation);
            QVERIFY(age(ids[message.body], message.weeks));
        }
        // Before the deletion and the leaving, both are found.
        QCOMPARE(bodies(search(m_bob, u"zwetschgen"_s, u"&limit=50"_s)),
                 (QStringList{
                     u"zwetschgen from the group 1"_s, u"zwetschgen in the left group, 2 weeks"_s,
                     u"zwetschgen to be deleted, 4 weeks"_s, u"zwetschgen in the dm, 5 weeks"_s,
                     u"zwetschgen in the group, 20 weeks"_s, u"zwetschgen in the dm, 40 weeks"_s}));
        QCOMPARE(m_chat.del(m_alice, u"/messages/"_s + ids[u"zwetschgen to be deleted, 4 weeks"_s])
                     .status,
                 204);
        QCOMPARE(m_chat.del(m_bob, u"/conversations/%1/members/%2"_s.arg(left, m_bob.id())).status,
                 204);
        const QStringList expected{
            u"zwetschgen from the group 1"_s, u"zwetschgen in the dm, 5 weeks"_s,
            u"zwetschgen in the group, 20 weeks"_s, u"zwetschgen in the dm, 40 weeks"_s};
        QCOMPARE(bodies(search(m_bob, u"ZWETSCH"_s, u"&limit=50"_s)), expected);
        // A page at a time: the same messages in the same order.
        QStringList paged;
        QString before;
        for (int page = 0; page < 4; ++page) {
            const auto found =
                search(m_bob, u"zwetschgen"_s,
                       before.isEmpty() ? u"&limit=1"_s : u"&limit=1&before="_s + before);
            paged.append(bodies(found));
            if (bodies(found).isEmpty())
                break;
            before = found.json()[u"results"_s][0][u"message"_s][u"id"_s].toString();
        }
        QCOMPARE(paged, expected);
        // Blocking the DM's other member hides his message, and only his.
        QCOMPARE(m_chat.post(m_bob, u"/blocks/trent"_s).status, 204);
        QCOMPARE(bodies(search(m_bob, u"zwetschgen"_s, u"&limit=50"_s)),
                 (QStringList{u"zwetschgen from the group 1"_s, u"zwetschgen in the dm, 5 weeks"_s,
                              u"zwetschgen in the group, 20 weeks"_s}));
        QCOMPARE(m_chat.del(m_bob, u"/blocks/trent"_s).status, 204);
    }

    void twoCommonWordsInOneConversation()
    {
        // Every word must match, each by prefix and without accents, and only in the
        // conversation asked for; messages with one of the two words are not results.
        const QString dm = m_chat.openDm(m_bob, u"alice"_s).json()[u"id"_s].toString();
        QStringList expected;
        for (int i = 0; i < 12; ++i) {
            const QString both = u"Crème brûlée number %1"_s.arg(i);
            QVERIFY(age(sendId(m_alice, both), 12 - i));
            expected.prepend(both);
            QVERIFY(age(sendId(m_alice, u"crème alone %1"_s.arg(i)), 12 - i));
            QVERIFY(age(sendId(m_bob, u"brûlée alone %1"_s.arg(i)), 12 - i));
            QVERIFY(age(sendId(m_bob, u"crème brûlée in the dm %1"_s.arg(i), dm), 12 - i));
        }
        const QString inGroup = u"&limit=50&conversation_id="_s + m_group;
        QCOMPARE(bodies(search(m_bob, u"creme brulee"_s, inGroup)), expected);
        QCOMPARE(bodies(search(m_bob, u"BRUL CREM"_s, inGroup)), expected);
        QCOMPARE(bodies(search(m_bob, u"cremes brulee"_s, inGroup)), QStringList{});
        // Pages of 5 in the conversation: the same messages in the same order.
        QStringList paged;
        QString before;
        for (int page = 0; page < 4; ++page) {
            const QString extra = u"&limit=5&conversation_id="_s + m_group +
                                  (before.isEmpty() ? QString() : u"&before="_s + before);
            const auto found = search(m_bob, u"creme brulee"_s, extra);
            const QStringList got = bodies(found);
            paged.append(got);
            if (got.size() < 5)
                break;
            before = found.json()[u"results"_s][4][u"message"_s][u"id"_s].toString();
        }
        QCOMPARE(paged, expected);
        // Everywhere: the DM's twelve too, all 24 newest first.
        QCOMPARE(bodies(search(m_bob, u"creme brulee"_s, u"&limit=50"_s)).size(), 24);
    }

    void badQueriesAreRefused()
    {
        for (const QString &extra :
             {u"&limit=0"_s, u"&limit=51"_s, u"&before=x"_s, u"&conversation_id=nope"_s}) {
            QVERIFY2(search(m_bob, u"brioche"_s, extra).status == 400, qPrintable(extra));
        }
        for (const QString &q : {QString(), u"   "_s, u"!!! ???"_s, QString(65, u'a')})
            QVERIFY2(search(m_bob, q).status == 400, qPrintable(q));
        QCOMPARE(m_chat.get(m_bob, u"/search/messages"_s).status, 400);
        // Operators of the tsquery syntax are just separators.
        QCOMPARE(search(m_bob, u"brioche | ! & ( ) : *"_s).status, 200);
    }

    void theSearchIndexAnswersTheQuery()
    {
        // With sequential scans off, the planner must still find a plan through the index:
        // proof that the query's expression and predicate match messages_search_idx.
        QSqlDatabase db = m_chat.database().connection();
        QSqlQuery plan(db);
        QVERIFY(plan.exec(u"SET enable_seqscan = off"_s));
        QVERIFY(plan.exec(u"EXPLAIN SELECT m.id FROM messages m WHERE NOT m.deleted AND "
                          "natter_search_document(m.conversation_id, m.created_at, m.body_text) "
                          "@@ to_tsquery('natter_search'::regconfig, 'brioche:*')"_s));
        QString text;
        while (plan.next())
            text += plan.value(0).toString() + u'\n';
        QVERIFY2(text.contains(u"Bitmap Index Scan on messages_search_idx"_s), qPrintable(text));

        // And for the week windows and one conversation: the tags are asked in the same index
        // condition, never left to a filter over every match of the word.
        for (const QString &tags : {u"'~w2900' | '~w2899'"_s, u"'~c%1'"_s.arg(m_group)}) {
            QVERIFY(plan.exec(
                u"EXPLAIN SELECT m.id FROM messages m WHERE NOT m.deleted AND "
                "natter_search_document(m.conversation_id, m.created_at, "
                "m.body_text) @@ (to_tsquery('natter_search'::regconfig, "
                "'brioche:*') && '%1'::tsquery)"_s.arg(QString(tags).replace(u"'"_s, u"''"_s))));
            text.clear();
            while (plan.next())
                text += plan.value(0).toString() + u'\n';
            QVERIFY2(text.contains(u"Bitmap Index Scan on messages_search_idx"_s) &&
                         !text.contains(u"Filter"_s),
                     qPrintable(text));
        }
    }
};

QTEST_GUILESS_MAIN(TestMessageSearch)
#include "tst_messagesearch.moc"
