// SPDX-License-Identifier: Apache-2.0
// `message.updated` (issue 12) over real sockets on two server processes sharing one
// PostgreSQL: every member's sockets get each edit, deletion and reaction, whichever process
// stored it; a blocked user's changes stay hidden; a socket that was down while messages changed
// catches up with `room.join {"changes_after"}` without history coming again; and concurrent
// changes end in the same state on every socket as in the database.
#include "chatfixture.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

QString emojiPath(const QString &messageId, const QString &emoji)
{
    return u"/api/v1/messages/%1/reactions/%2"_s.arg(
        messageId, QString::fromLatin1(QUrl::toPercentEncoding(emoji)));
}

//! REST calls as one user against one server process.
struct Rest
{
    const ServerProcess &server;
    const TestUser &user;

    HttpResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        HttpClient client;
        client.setBearer(user.token);
        return client.send(method, server.url(path),
                           body.isEmpty() ? QByteArray()
                                          : QJsonDocument(body).toJson(QJsonDocument::Compact),
                           body.isEmpty() ? QByteArray() : "application/json"_ba);
    }
    HttpResponse edit(const Message &message, const QString &text)
    {
        return call("PATCH", u"/api/v1/messages/"_s + idText(message.id), {{u"body_text"_s, text}});
    }
    HttpResponse react(const Message &message, const QString &emoji, bool add = true)
    {
        return call(add ? "PUT" : "DELETE", emojiPath(idText(message.id), emoji));
    }
    HttpResponse remove(const Message &message)
    {
        return call("DELETE", u"/api/v1/messages/"_s + idText(message.id));
    }
};

//! `message.updated` frames for `messageId` taken until one satisfies `done` (or the deadline).
QList<QJsonObject> updatesUntil(WsClient &socket, const QString &messageId,
                                const std::function<bool(const QJsonObject &)> &done,
                                int timeoutMs = 10000)
{
    QList<QJsonObject> updates;
    QDeadlineTimer deadline(timeoutMs);
    while (!deadline.hasExpired()) {
        const auto frame = socket.waitFor(
            [&messageId](const Frame &f) {
                return f.type == u"message.updated"_s &&
                       f.data[u"message"_s][u"id"_s].toString() == messageId;
            },
            int(std::max<qint64>(1, deadline.remainingTime())));
        if (!frame)
            break;
        updates.append(frame->data[u"message"_s].toObject());
        if (done(updates.constLast()))
            break;
    }
    return updates;
}

bool hasBody(const QJsonObject &message, const QString &body)
{
    return message[u"body_text"_s].toString() == body;
}

//! Each message's copy with the highest rev among `frames` of `message.updated` (what a
//! client keeps).
QHash<QString, QJsonObject> latestById(const QList<Frame> &frames)
{
    QHash<QString, QJsonObject> latest;
    for (const Frame &frame : frames) {
        const QJsonObject message = frame.data[u"message"_s].toObject();
        const QString id = message[u"id"_s].toString();
        if (!latest.contains(id) ||
            latest[id][u"rev"_s].toInteger() < message[u"rev"_s].toInteger())
            latest.insert(id, message);
    }
    return latest;
}

} // namespace

class TestMessageUpdates : public QObject
{
    Q_OBJECT

    TestDatabase m_db;
    ServerProcess m_first, m_second;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_db.isValid(), qPrintable(m_db.error()));
        QVERIFY(m_first.start(m_db.url()));
        QVERIFY(m_first.waitForHealth(200, 15000));
        QProcessEnvironment quiet;
        QVERIFY(m_second.start(m_db.url(), quiet));
        QVERIFY(m_second.waitForHealth(200, 15000));
    }

    void updatesReachEveryMemberOnEveryProcess()
    {
        ChatFixture chat(m_db);
        const TestUser alice = chat.user(u"alice"_s);
        const TestUser bob = chat.user(u"bob"_s);
        const TestUser carol = chat.user(u"carol"_s);
        const QUuid group = chat.group(alice, {bob});
        (void)chat.group(carol, {});
        WsClient aliceSocket, bobSocket, carolSocket;
        QVERIFY(aliceSocket.connectAs(m_first.socketUrl(), alice.token));
        QVERIFY(bobSocket.connectAs(m_second.socketUrl(), bob.token));
        QVERIFY(carolSocket.connectAs(m_first.socketUrl(), carol.token));
        const Message message = chat.send(group, alice, u"Meet at 8"_s);

        // An edit stored by the second process reaches sockets on both.
        QCOMPARE((Rest{m_second, alice}).edit(message, u"Meet at 9"_s).status, 200);
        const QString id = idText(message.id);
        const auto isEdit = [](const QJsonObject &m) { return hasBody(m, u"Meet at 9"_s); };
        for (WsClient *socket : {&aliceSocket, &bobSocket}) {
            const auto updates = updatesUntil(*socket, id, isEdit);
            QVERIFY(!updates.isEmpty() && isEdit(updates.constLast()));
            QVERIFY(updates.constLast()[u"edited_at"_s].isString());
        }
        // A reaction stored by the first.
        QCOMPARE((Rest{m_first, bob}).react(message, u"👍"_s).status, 204);
        const auto hasReaction = [](const QJsonObject &m) {
            return m[u"reactions"_s].toArray().size() == 1;
        };
        for (WsClient *socket : {&aliceSocket, &bobSocket}) {
            const auto updates = updatesUntil(*socket, id, hasReaction);
            QVERIFY(!updates.isEmpty() && hasReaction(updates.constLast()));
        }
        // A deletion.
        QCOMPARE((Rest{m_second, alice}).remove(message).status, 204);
        const auto isDeleted = [](const QJsonObject &m) { return m[u"deleted"_s].toBool(); };
        for (WsClient *socket : {&aliceSocket, &bobSocket}) {
            const auto updates = updatesUntil(*socket, id, isDeleted);
            QVERIFY(!updates.isEmpty() && isDeleted(updates.constLast()));
            QCOMPARE(updates.constLast()[u"body_text"_s].toString(), QString());
            QCOMPARE(updates.constLast()[u"reactions"_s].toArray().size(), 0);
        }
        // Each change once per socket, in rev order: no stale update after a newer one.
        QVERIFY(aliceSocket.drain(u"message.updated"_s).isEmpty());
        // A non-member's socket heard none of it.
        QVERIFY(carolSocket.drain(u"message.updated"_s).isEmpty());
    }

    void aBlockedUsersChangesStayHidden()
    {
        ChatFixture chat(m_db);
        const TestUser eve = chat.user(u"eve"_s);
        const TestUser frank = chat.user(u"frank"_s);
        const TestUser mallory = chat.user(u"mallory"_s);
        const QUuid group = chat.group(eve, {frank, mallory});
        const Message franks = chat.send(group, frank, u"frank here"_s);
        const Message mallorys = chat.send(group, mallory, u"mallory here"_s);
        chat.block(eve, mallory);
        WsClient eveSocket, frankSocket;
        QVERIFY(eveSocket.connectAs(m_first.socketUrl(), eve.token));
        QVERIFY(frankSocket.connectAs(m_second.socketUrl(), frank.token));

        QCOMPARE((Rest{m_first, mallory}).edit(mallorys, u"mallory edited"_s).status, 200);
        QCOMPARE((Rest{m_second, mallory}).react(franks, u"👎"_s).status, 204);
        QCOMPARE((Rest{m_first, frank}).react(franks, u"👍"_s).status, 204);
        const auto bothReactions = [](const QJsonObject &m) {
            return m[u"reactions"_s].toArray().size() == 2;
        };
        // Frank sees everything.
        QVERIFY(!updatesUntil(frankSocket, idText(mallorys.id), [](const QJsonObject &m) {
                     return hasBody(m, u"mallory edited"_s);
                 }).isEmpty());
        QVERIFY(
            bothReactions(updatesUntil(frankSocket, idText(franks.id), bothReactions).constLast()));
        // Eve gets Frank's message updated with his reaction only, never Mallory's.
        const auto onlyFranks = [&frank](const QJsonObject &m) {
            const QJsonArray reactions = m[u"reactions"_s].toArray();
            return reactions.size() == 1 &&
                   reactions[0][u"user_ids"_s].toArray() == QJsonArray({idText(frank.id)});
        };
        const auto forEve = updatesUntil(eveSocket, idText(franks.id), onlyFranks);
        QVERIFY(!forEve.isEmpty() && onlyFranks(forEve.constLast()));
        const QList<Frame> rest = eveSocket.drain(u"message.updated"_s, 500);
        for (const Frame &frame : rest) {
            QVERIFY(!QJsonDocument(frame.data).toJson().contains(idText(mallory.id).toUtf8()));
            QVERIFY(frame.data[u"message"_s][u"id"_s].toString() != idText(mallorys.id));
        }
        for (const QJsonObject &message : forEve)
            QVERIFY(!QJsonDocument(message).toJson().contains(idText(mallory.id).toUtf8()));
    }

    void aSocketThatWasDownCatchesUpWithoutHistoryAgain()
    {
        ChatFixture chat(m_db);
        const TestUser gina = chat.user(u"gina"_s);
        const TestUser hank = chat.user(u"hank"_s);
        const QUuid group = chat.group(gina, {hank});
        const QString conversation = idText(group);
        const Message edited = chat.send(group, gina, u"typo heer"_s);
        const Message deleted = chat.send(group, gina, u"wrong chat"_s);
        const Message reacted = chat.send(group, gina, u"who is in?"_s);
        const Message untouched = chat.send(group, gina, u"untouched"_s);

        // Hank holds the history and the change cursor the server gave him.
        qint64 lastSeq = 0;
        qint64 cursor = 0;
        {
            WsClient hankSocket;
            QVERIFY(hankSocket.connectAs(m_second.socketUrl(), hank.token));
            const auto joined =
                hankSocket.request(u"room.join"_s, {{u"conversation_id"_s, conversation},
                                                    {u"after_seq"_s, 0},
                                                    {u"changes_after"_s, 0}});
            QVERIFY(joined && joined->type == u"ack"_s);
            lastSeq = joined->data[u"last_seq"_s].toInteger();
            cursor = joined->data[u"last_rev"_s].toInteger();
            QCOMPARE(lastSeq, untouched.seq);
            QCOMPARE(cursor, 0);
            hankSocket.close();
        }

        // While his socket is down: an edit, a deletion, a reaction, and one new message.
        Rest gina1{m_first, gina};
        QCOMPARE(gina1.edit(edited, u"typo here"_s).status, 200);
        QCOMPARE(gina1.remove(deleted).status, 204);
        QCOMPARE(gina1.react(reacted, u"🙋"_s).status, 204);
        const Message fresh = chat.send(group, gina, u"new while away"_s);

        WsClient hankSocket;
        QVERIFY(hankSocket.connectAs(m_second.socketUrl(), hank.token));
        const auto joined =
            hankSocket.request(u"room.join"_s, {{u"conversation_id"_s, conversation},
                                                {u"after_seq"_s, lastSeq},
                                                {u"changes_after"_s, cursor}});
        QVERIFY(joined && joined->type == u"ack"_s);
        QCOMPARE(joined->data[u"last_seq"_s].toInteger(), fresh.seq);
        const qint64 newCursor = joined->data[u"last_rev"_s].toInteger();
        QVERIFY(newCursor >= 3);

        // Only the new message comes as message.new: the history is not sent again.
        const QList<Frame> news = hankSocket.drain(u"message.new"_s);
        QCOMPARE(seqsOf(news), (QList<qint64>{fresh.seq}));
        // The three changes, each once, in their current state.
        const QHash<QString, QJsonObject> changed =
            latestById(hankSocket.drain(u"message.updated"_s, 0));
        QCOMPARE(changed.size(), 3);
        QCOMPARE(changed[idText(edited.id)][u"body_text"_s].toString(), u"typo here"_s);
        QCOMPARE(changed[idText(deleted.id)][u"deleted"_s].toBool(), true);
        QCOMPARE(changed[idText(reacted.id)][u"reactions"_s][0][u"emoji"_s].toString(), u"🙋"_s);
        QVERIFY(!changed.contains(idText(untouched.id)));
        for (const QJsonObject &message : changed)
            QVERIFY(message[u"rev"_s].toInteger() <= newCursor);

        // Joining again from the new cursor brings nothing more.
        const auto again = hankSocket.request(u"room.join"_s, {{u"conversation_id"_s, conversation},
                                                               {u"after_seq"_s, fresh.seq},
                                                               {u"changes_after"_s, newCursor}});
        QVERIFY(again && again->type == u"ack"_s);
        QCOMPARE(again->data[u"last_rev"_s].toInteger(), newCursor);
        QVERIFY(hankSocket.drain(u"message.updated"_s).isEmpty());
        // A bad cursor is refused, the socket stays.
        const auto bad = hankSocket.request(
            u"room.join"_s, {{u"conversation_id"_s, conversation}, {u"changes_after"_s, -1}});
        QVERIFY(bad && bad->type == u"error"_s);
        QVERIFY(hankSocket.isOpen());
    }

    void concurrentChangesConvergeOnEverySocket()
    {
        ChatFixture chat(m_db);
        const TestUser ivan = chat.user(u"ivan"_s);
        const TestUser jane = chat.user(u"jane"_s);
        const TestUser kate = chat.user(u"kate"_s);
        const QUuid group = chat.group(ivan, {jane, kate});
        const Message target = chat.send(group, ivan, u"v0"_s);
        const Message other = chat.send(group, jane, u"other"_s);
        WsClient ivanSocket, janeSocket, kateSocket;
        QVERIFY(ivanSocket.connectAs(m_first.socketUrl(), ivan.token));
        QVERIFY(janeSocket.connectAs(m_second.socketUrl(), jane.token));
        QVERIFY(kateSocket.connectAs(m_first.socketUrl(), kate.token));

        // Everything at once, spread over both processes: edits of one message by its sender,
        // reactions added and removed on it and on another by all three.
        QNetworkAccessManager network;
        QList<QNetworkReply *> replies;
        const QList<const TestUser *> people{&ivan, &jane, &kate};
        const QStringList emojis{u"👍"_s, u"🎉"_s, u"😂"_s};
        auto fire = [&](const ServerProcess &server, const TestUser &user, const QByteArray &method,
                        const QString &path, const QByteArray &body) {
            QNetworkRequest request(server.url(path));
            request.setRawHeader("Authorization", "Bearer " + user.token.toUtf8());
            if (!body.isEmpty())
                request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            replies.append(network.sendCustomRequest(request, method, body));
        };
        for (int round = 0; round < 6; ++round) {
            const ServerProcess &server = round % 2 ? m_second : m_first;
            fire(server, ivan, "PATCH", u"/api/v1/messages/"_s + idText(target.id),
                 QJsonDocument(QJsonObject{{u"body_text"_s, u"v%1"_s.arg(round + 1)}})
                     .toJson(QJsonDocument::Compact));
            for (int p = 0; p < people.size(); ++p) {
                const QString emoji = emojis[(round + p) % emojis.size()];
                const QByteArray method = (round + p) % 4 == 3 ? "DELETE" : "PUT";
                fire(p % 2 ? m_first : m_second, *people[p], method,
                     emojiPath(idText(target.id), emoji), {});
                fire(p % 2 ? m_second : m_first, *people[p], "PUT",
                     emojiPath(idText(other.id), emoji), {});
            }
        }
        QDeadlineTimer deadline(30000);
        while (!deadline.hasExpired() &&
               std::any_of(replies.cbegin(), replies.cend(),
                           [](QNetworkReply *reply) { return !reply->isFinished(); }))
            QTest::qWait(20);
        for (QNetworkReply *reply : std::as_const(replies)) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            QVERIFY2(status == 200 || status == 204, reply->readAll().constData());
            reply->deleteLater();
        }

        // The database's final state, as the history shows it.
        HttpClient client;
        client.setBearer(ivan.token);
        const QJsonArray history =
            client.get(m_first.url(u"/api/v1/conversations/%1/messages"_s.arg(idText(group))))
                .json()[u"messages"_s]
                .toArray();
        QHash<QString, QJsonObject> stored;
        for (const QJsonValue &message : history)
            stored.insert(message[u"id"_s].toString(), message.toObject());
        const QJsonObject finalTarget = stored[idText(target.id)];
        QVERIFY(finalTarget[u"rev"_s].toInteger() > 0);

        // Every socket ends with exactly that state for both messages.
        for (WsClient *socket : {&ivanSocket, &janeSocket, &kateSocket}) {
            QList<Frame> frames;
            QHash<QString, QJsonObject> latest;
            QDeadlineTimer settle(15000);
            while (!settle.hasExpired()) {
                frames += socket->drain(u"message.updated"_s, 100);
                latest = latestById(frames);
                if (latest.value(idText(target.id)) == finalTarget &&
                    latest.value(idText(other.id)) == stored[idText(other.id)])
                    break;
            }
            QCOMPARE(latest.value(idText(target.id)), finalTarget);
            QCOMPARE(latest.value(idText(other.id)), stored[idText(other.id)]);
        }
    }

    void aSocketSendCanReply()
    {
        ChatFixture chat(m_db);
        const TestUser lena = chat.user(u"lena"_s);
        const TestUser mike = chat.user(u"mike"_s);
        const QUuid group = chat.group(lena, {mike});
        const QUuid elsewhere = chat.group(mike, {});
        const Message question = chat.send(group, lena, u"Lunch? @mike"_s);
        QCOMPARE(question.mentions, (QList<QUuid>{mike.id}));
        const Message foreign = chat.send(elsewhere, mike, u"not here"_s);
        WsClient mikeSocket, lenaSocket;
        QVERIFY(mikeSocket.connectAs(m_first.socketUrl(), mike.token));
        QVERIFY(lenaSocket.connectAs(m_second.socketUrl(), lena.token));

        const auto ack =
            mikeSocket.request(u"message.send"_s, {{u"conversation_id"_s, idText(group)},
                                                   {u"body_text"_s, u"Sure @lena"_s},
                                                   {u"reply_to_id"_s, idText(question.id)}});
        QVERIFY(ack && ack->type == u"ack"_s);
        const QJsonObject sent = ack->data[u"message"_s].toObject();
        QCOMPARE(sent[u"reply_to"_s][u"id"_s].toString(), idText(question.id));
        QCOMPARE(sent[u"reply_to"_s][u"body_preview"_s].toString(), u"Lunch? @mike"_s);
        QCOMPARE(sent[u"mentions"_s].toArray(), QJsonArray({idText(lena.id)}));
        // Lena's socket on the other process gets it with the same reply and mention.
        const auto arrived = lenaSocket.waitFor([&sent](const Frame &f) {
            return f.type == u"message.new"_s && f.data[u"message"_s][u"id"_s] == sent[u"id"_s];
        });
        QVERIFY(arrived);
        QCOMPARE(arrived->data[u"message"_s][u"reply_to"_s], sent[u"reply_to"_s]);

        // A reply to a message of another conversation is refused, the socket stays.
        const auto refused =
            mikeSocket.request(u"message.send"_s, {{u"conversation_id"_s, idText(group)},
                                                   {u"body_text"_s, u"x"_s},
                                                   {u"reply_to_id"_s, idText(foreign.id)}});
        QVERIFY(refused && refused->type == u"error"_s);
        QCOMPARE(refused->error->code, ErrorCode::ValidationFailed);
        QVERIFY(mikeSocket.isOpen());
    }
};

QTEST_GUILESS_MAIN(TestMessageUpdates)
#include "tst_messageupdates.moc"
