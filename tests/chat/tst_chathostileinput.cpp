// SPDX-License-Identifier: Apache-2.0
// Input a client did not mean, or an attacker did: malformed and mistyped JSON, oversized and
// undersized text, broken encodings, control characters, and text that looks like SQL or HTML
// (stored and returned byte for byte, never interpreted).
#include "chatfixture.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

class TestChatHostileInput : public QObject
{
    Q_OBJECT

    ChatFixture m_chat;
    Account m_alice, m_bob;
    QString m_group;

    HttpResponse postRaw(const QString &path, const QByteArray &body)
    {
        return ChatFixture::client(m_alice)->post(m_chat.url(path), body);
    }

    static QString fieldError(const HttpResponse &response, const QString &field)
    {
        return response.json()[u"error"_s][u"fields"_s][field].toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_chat.start());
        m_alice = m_chat.createUser(u"alice"_s);
        m_bob = m_chat.createUser(u"bob"_s);
        m_group = m_chat.createGroup(m_alice, u"G"_s, {u"bob"_s}).json()[u"id"_s].toString();
    }
    void cleanupTestCase() { m_chat.stop(); }

    void malformedBodiesAreBadRequests_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << "{\"body_text\": \"hi\""_ba;
        QTest::newRow("trailing garbage") << "{\"body_text\": \"hi\"} x"_ba;
        QTest::newRow("array") << "[\"hi\"]"_ba;
        QTest::newRow("string") << "\"hi\""_ba;
        QTest::newRow("number") << "42"_ba;
        QTest::newRow("single quotes") << "{'body_text': 'hi'}"_ba;
        QTest::newRow("invalid utf-8") << "{\"body_text\": \"caf\xc3\x28 \xff\"}"_ba;
        QTest::newRow("overlong utf-8") << "{\"body_text\": \"\xc0\xaf\"}"_ba;
    }
    void malformedBodiesAreBadRequests()
    {
        QFETCH(QByteArray, body);
        for (const QString &path :
             {u"/conversations/%1/messages"_s.arg(m_group), u"/conversations"_s,
              u"/conversations/%1/members"_s.arg(m_group), u"/reports"_s}) {
            const auto response = postRaw(path, body);
            QVERIFY2(response.status == 400,
                     qPrintable(path + u' ' + QString::number(response.status)));
            QCOMPARE(response.errorCode(), u"bad_request"_s);
        }
        // Nothing was stored.
        QCOMPARE(m_chat.get(m_alice, u"/conversations/%1/messages"_s.arg(m_group))
                     .json()[u"messages"_s]
                     .toArray()
                     .size(),
                 0);
    }

    void wrongTypesNameTheField_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        const QString messages = u"/conversations/{g}/messages"_s;
        QTest::newRow("body_text number") << messages << "{\"body_text\": 5}"_ba << u"body_text"_s;
        QTest::newRow("body_text missing") << messages << "{\"text\": \"hi\"}"_ba << u"body_text"_s;
        QTest::newRow("body_text null") << messages << "{\"body_text\": null}"_ba << u"body_text"_s;
        QTest::newRow("body_text object")
            << messages << "{\"body_text\": {\"a\":1}}"_ba << u"body_text"_s;
        QTest::newRow("body_text blank")
            << messages << "{\"body_text\": \" \\n\\t \"}"_ba << u"body_text"_s;
        QTest::newRow("client_msg_id number")
            << messages << "{\"body_text\": \"x\", \"client_msg_id\": 1}"_ba << u"client_msg_id"_s;
        QTest::newRow("client_msg_id empty")
            << messages << "{\"body_text\": \"x\", \"client_msg_id\": \"\"}"_ba
            << u"client_msg_id"_s;
        QTest::newRow("client_msg_id spaces")
            << messages << "{\"body_text\": \"x\", \"client_msg_id\": \"a b\"}"_ba
            << u"client_msg_id"_s;
        QTest::newRow("type number") << u"/conversations"_s << "{\"type\": 7}"_ba << u"type"_s;
        QTest::newRow("type unknown")
            << u"/conversations"_s << "{\"type\": \"channel\"}"_ba << u"type"_s;
        QTest::newRow("dm username array")
            << u"/conversations"_s << "{\"type\": \"dm\", \"username\": [\"bob\"]}"_ba
            << u"username"_s;
        QTest::newRow("group title object")
            << u"/conversations"_s << "{\"type\": \"group\", \"title\": {}}"_ba << u"title"_s;
        QTest::newRow("group usernames string")
            << u"/conversations"_s
            << "{\"type\": \"group\", \"title\": \"t\", \"usernames\": \"bob\"}"_ba
            << u"usernames"_s;
        QTest::newRow("group usernames numbers")
            << u"/conversations"_s
            << "{\"type\": \"group\", \"title\": \"t\", \"usernames\": [1]}"_ba << u"usernames"_s;
        QTest::newRow("group title bell")
            << u"/conversations"_s << "{\"type\": \"group\", \"title\": \"ding\\u0007\"}"_ba
            << u"title"_s;
        QTest::newRow("group title newline")
            << u"/conversations"_s << "{\"type\": \"group\", \"title\": \"two\\nlines\"}"_ba
            << u"title"_s;
        QTest::newRow("group title rtl override")
            << u"/conversations"_s << "{\"type\": \"group\", \"title\": \"abc\\u202edef\"}"_ba
            << u"title"_s;
        QTest::newRow("member username bool")
            << u"/conversations/{g}/members"_s << "{\"username\": true}"_ba << u"username"_s;
        QTest::newRow("report reason array")
            << u"/reports"_s << "{\"username\": \"bob\", \"reason\": []}"_ba << u"reason"_s;
        QTest::newRow("report message_id number")
            << u"/reports"_s << "{\"username\": \"bob\", \"reason\": \"r\", \"message_id\": 5}"_ba
            << u"message_id"_s;
        QTest::newRow("report message_id not uuid")
            << u"/reports"_s
            << "{\"username\": \"bob\", \"reason\": \"r\", \"message_id\": \"1; DROP\"}"_ba
            << u"message_id"_s;
        QTest::newRow("report reason blank")
            << u"/reports"_s << "{\"username\": \"bob\", \"reason\": \"   \"}"_ba << u"reason"_s;
    }
    void wrongTypesNameTheField()
    {
        QFETCH(QString, path);
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        const auto response = postRaw(QString(path).replace(u"{g}"_s, m_group), body);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.errorCode(), u"validation_failed"_s);
        QVERIFY2(!fieldError(response, field).isEmpty(), response.body.constData());
    }

    void unknownFieldsAreIgnored()
    {
        const auto response =
            postRaw(u"/conversations/%1/messages"_s.arg(m_group),
                    "{\"body_text\": \"x\", \"future_field\": {\"a\": [1, 2]}, \"seq\": 999}"_ba);
        QCOMPARE(response.status, 201);
        QVERIFY(response.json()[u"seq"_s].toInt() != 999);
    }

    void lengthLimitsCountCodePoints()
    {
        const QString path = u"/conversations/%1/messages"_s.arg(m_group);
        QCOMPARE(m_chat.send(m_alice, m_group, QString(4000, u'a')).status, 201);
        const auto tooLong = m_chat.send(m_alice, m_group, QString(4001, u'a'));
        QCOMPARE(tooLong.status, 400);
        QVERIFY(!fieldError(tooLong, u"body_text"_s).isEmpty());
        // 4000 emoji are 8000 UTF-16 units and 16000 bytes, and still 4000 characters.
        QString emoji;
        for (int i = 0; i < 4000; ++i)
            emoji += u"\U0001F600"_s;
        const auto wide = m_chat.send(m_alice, m_group, emoji);
        QCOMPARE(wide.status, 201);
        QCOMPARE(wide.json()[u"body_text"_s].toString(), emoji);
        // Surrounding whitespace does not count toward the limit, and is kept.
        const QString padded = u"   "_s + QString(4000, u'b') + u"\n\n"_s;
        const auto paddedReply = m_chat.send(m_alice, m_group, padded);
        QCOMPARE(paddedReply.status, 201);
        QCOMPARE(paddedReply.json()[u"body_text"_s].toString(), padded);

        QCOMPARE(m_chat
                     .post(m_alice, u"/reports"_s,
                           {{u"username"_s, u"bob"_s}, {u"reason"_s, QString(1000, u'r')}})
                     .status,
                 201);
        QCOMPARE(m_chat
                     .post(m_alice, u"/reports"_s,
                           {{u"username"_s, u"bob"_s}, {u"reason"_s, QString(1001, u'r')}})
                     .status,
                 400);
        const auto longTitle = m_chat.createGroup(m_alice, QString(101, u't'), {});
        QCOMPARE(longTitle.status, 400);
        QVERIFY(!fieldError(longTitle, u"title"_s).isEmpty());
    }

    void hugeBodiesAre413()
    {
        QByteArray huge = "{\"body_text\": \"" + QByteArray(70 * 1024, 'a') + "\"}";
        const auto response = postRaw(u"/conversations/%1/messages"_s.arg(m_group), huge);
        QCOMPARE(response.status, 413);
        QCOMPARE(response.errorCode(), u"payload_too_large"_s);
        // The server is fine afterwards.
        QCOMPARE(m_chat.send(m_alice, m_group, u"still up"_s).status, 201);
    }

    void brokenUnicodeIsRefusedNotMangled()
    {
        // A lone surrogate escape decodes to no valid character: refused, not replaced.
        const auto lone = postRaw(u"/conversations/%1/messages"_s.arg(m_group),
                                  "{\"body_text\": \"abc\\ud800def\"}"_ba);
        QCOMPARE(lone.status, 400);
        QVERIFY(!fieldError(lone, u"body_text"_s).isEmpty());
        // PostgreSQL cannot store NUL; the answer is a validation error, not a 500.
        const auto nul = postRaw(u"/conversations/%1/messages"_s.arg(m_group),
                                 "{\"body_text\": \"a\\u0000b\"}"_ba);
        QCOMPARE(nul.status, 400);
        QVERIFY(!fieldError(nul, u"body_text"_s).isEmpty());
        const auto nulReason = m_chat.post(
            m_alice, u"/reports"_s, {{u"username"_s, u"bob"_s}, {u"reason"_s, u"a\u0000b"_s}});
        QCOMPARE(nulReason.status, 400);
        for (const QString &path : {u"/users/bo%00b"_s, u"/blocks/bo%00b"_s})
            QCOMPARE(m_chat.get(m_alice, path).status == 500, false);
        QCOMPARE(m_chat.get(m_alice, u"/users/search?q=a%00b"_s).status, 400);
        QCOMPARE(m_chat.get(m_alice, u"/users/search?q=%ff%fe"_s).status, 200);
    }

    void controlCharactersInDisplayNames()
    {
        for (const QString &name : {u"Bad\u0000Name"_s, u"Bell\u0007"_s, u"Line\nBreak"_s,
                                    u"Tab\tbed"_s, u"\u202eevil"_s}) {
            const auto response = m_chat.post(m_alice, u"/users/me"_s, {{u"display_name"_s, name}});
            QVERIFY2(response.status == 400, qPrintable(name));
            QVERIFY(!fieldError(response, u"display_name"_s).isEmpty());
        }
    }

    void sqlAndHtmlAreStoredAndReturnedAsSent()
    {
        const QList<QString> nasty{
            u"'); DROP TABLE messages; --"_s,
            u"\" OR \"1\"=\"1"_s,
            u"Robert'); DELETE FROM users WHERE ('1'='1"_s,
            u"<script>alert(document.cookie)</script>"_s,
            u"<img src=x onerror=alert(1)> &amp; &lt; %s %n %1 $1 ? :name"_s,
            u"\\x00 \\' \\\\ ${jndi:ldap://x} {{7*7}}"_s,
            u"Zoë 👋🏽 עברית \u200b zero-width"_s,
        };
        const QString group =
            m_chat.createGroup(m_alice, nasty[0], {u"bob"_s}).json()[u"id"_s].toString();
        QVERIFY(!group.isEmpty());
        QCOMPARE(m_chat.get(m_bob, u"/conversations/"_s + group).json()[u"title"_s].toString(),
                 nasty[0]);
        for (const QString &text : nasty) {
            const auto sent =
                m_chat.send(m_alice, group, text, u"id-';DROP--"_s + QString::number(qHash(text)));
            QCOMPARE(sent.status, 201);
            QCOMPARE(sent.json()[u"body_text"_s].toString(), text);
            QVERIFY(!sent.body.contains("&lt;script")); // not HTML-escaped either
            const auto report = m_chat.post(m_bob, u"/reports"_s,
                                            {{u"username"_s, u"alice"_s},
                                             {u"reason"_s, text},
                                             {u"message_id"_s, sent.json()[u"id"_s].toString()}});
            QCOMPARE(report.status, 201);
        }
        const QJsonArray history =
            m_chat.get(m_bob, u"/conversations/%1/messages?after=0"_s.arg(group))
                .json()[u"messages"_s]
                .toArray();
        QCOMPARE(history.size(), nasty.size());
        for (qsizetype i = 0; i < nasty.size(); ++i)
            QCOMPARE(history[i][u"body_text"_s].toString(), nasty[i]);

        // Stored exactly, as the database sees it.
        QSqlDatabase db = m_chat.database().connection();
        QSqlQuery reasons(db);
        QVERIFY(reasons.exec(u"SELECT reason FROM reports ORDER BY created_at"_s));
        QStringList stored;
        while (reasons.next())
            stored.append(reasons.value(0).toString());
        for (const QString &text : nasty)
            QVERIFY(stored.contains(text));

        // Search and path parameters treat them as plain text too.
        for (const QString &q : {u"' OR 1=1 --"_s, u"%"_s, u"_"_s, u"\\"_s, u"<script>"_s}) {
            const auto found = m_chat.get(
                m_alice, u"/users/search?q="_s + QString::fromUtf8(QUrl::toPercentEncoding(q)));
            QCOMPARE(found.status, 200);
            QCOMPARE(found.json()[u"users"_s].toArray().size(), 0);
        }
        QCOMPARE(m_chat
                     .get(m_alice, u"/users/"_s + QString::fromUtf8(
                                                      QUrl::toPercentEncoding(u"bob' OR '1'='1"_s)))
                     .status,
                 404);
        QCOMPARE(m_chat
                     .post(m_alice, u"/blocks/"_s + QString::fromUtf8(QUrl::toPercentEncoding(
                                                        u"x'; DROP TABLE blocks;--"_s)))
                     .status,
                 404);
    }

    void malformedIdsAndCursors()
    {
        for (const QString &path :
             {u"/conversations/not-a-uuid"_s, u"/conversations/1'%20OR%20'1'='1"_s,
              u"/conversations/%1x/messages"_s.arg(m_group)}) {
            const auto response = m_chat.get(m_alice, path);
            QCOMPARE(response.status, 400);
            QVERIFY(!fieldError(response, u"id"_s).isEmpty());
        }
        const auto badUser = m_chat.del(m_alice, u"/conversations/%1/members/nope"_s.arg(m_group));
        QCOMPARE(badUser.status, 400);
        QVERIFY(!fieldError(badUser, u"user_id"_s).isEmpty());
        QCOMPARE(m_chat.post(m_alice, u"/messages/zzz/read"_s).status, 400);
        const QString base = u"/conversations/%1/messages"_s.arg(m_group);
        for (const QString &query : {u"?before=99999999999999999999999"_s, u"?after=1e3"_s,
                                     u"?limit=1.5"_s, u"?limit=%20"_s, u"?before=0x10"_s}) {
            const auto response = m_chat.get(m_alice, base + query);
            QVERIFY2(response.status == 400, qPrintable(query));
        }
    }
};

QTEST_GUILESS_MAIN(TestChatHostileInput)
#include "tst_chathostileinput.moc"
