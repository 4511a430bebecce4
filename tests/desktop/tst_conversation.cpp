// SPDX-License-Identifier: Apache-2.0
// The conversation features of #12 in the desktop app, between two desktop apps (two Sessions,
// each with its own cache and socket) against a real natter-server and PostgreSQL: reactions,
// edits, replies and deletions seen live by the other app, changes made while an app was
// offline caught up after it reconnects (joined over the socket, or by the changes route),
// mentions highlighted and counted apart, and a search result that opens its message.
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/messagesearch.h"
#include "app/session.h"
#include "desktopsession.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using namespace natter::testing;
using natter::testing::HttpClient;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;

namespace {

constexpr int kTimeoutMs = 15000;

//! The row holding `body` (the newest such), -1 when none.
int rowOf(const MessageListModel *model, const QString &body)
{
    for (int row = model ? model->rowCount() - 1 : -1; row >= 0; --row) {
        if (model->index(row).data(MessageListModel::BodyTextRole).toString() == body)
            return row;
    }
    return -1;
}

QVariant roleOf(const MessageListModel *model, const QString &body, int role)
{
    const int row = rowOf(model, body);
    return row < 0 ? QVariant() : model->index(row).data(role);
}

//! The reaction chips of the message holding `body`, as "emoji count mine who" lines.
QStringList chipsOf(const MessageListModel *model, const QString &body)
{
    QStringList out;
    const QVariantList chips = roleOf(model, body, MessageListModel::ReactionsRole).toList();
    for (const QVariant &chip : chips) {
        const QVariantMap map = chip.toMap();
        out.append(u"%1 %2 %3 %4"_s.arg(map.value(u"emoji"_s).toString())
                       .arg(map.value(u"count"_s).toInt())
                       .arg(map.value(u"mine"_s).toBool() ? u"mine"_s : u"theirs"_s,
                            map.value(u"who"_s).toString()));
    }
    return out;
}

} // namespace

class TestConversation : public QObject
{
    Q_OBJECT

private:
    //! Sends `text` from `session` into its open conversation and waits until it is stored.
    void sendStored(Session *session, const QString &text)
    {
        QVERIFY(session->chat()->draft()->submit(text));
        QTRY_VERIFY_WITH_TIMEOUT(
            roleOf(session->chat()->messages(), text, MessageListModel::SeqRole).toLongLong() > 0,
            kTimeoutMs);
    }

    [[nodiscard]] QString idOf(Session *session, const QString &text) const
    {
        return roleOf(session->chat()->messages(), text, MessageListModel::MessageIdRole)
            .toString();
    }

    //! The conversation's `last_rev` as the server has it.
    qint64 serverLastRev(Session *session, const QString &conversationId)
    {
        HttpClient http;
        http.setBearer(session->api()->accessToken());
        return http.get(m_server.url(u"/api/v1/conversations/%1"_s.arg(conversationId)))
            .json()
            .value(u"last_rev"_s)
            .toInteger(-1);
    }

    TestDatabase m_database;
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_database.isValid(), qPrintable(m_database.error()));
        // The search test fills a long history quickly.
        QProcessEnvironment env;
        env.insert(u"NATTER_RATE_SEND"_s, u"1000/1000"_s);
        // Fourteen apps sign in from this one address within a few minutes.
        env.insert(u"NATTER_RATE_SIGNIN"_s, u"1000/1000"_s);
        QVERIFY(m_server.start(m_database.url(), env));
    }

    void reactEditReplyAndDeleteAreSeenLiveByTheOtherApp()
    {
        QTemporaryDir aliceDir, bobDir;
        auto alice = signedInSession(m_server, u"alice"_s, aliceDir.path());
        auto bob = signedInSession(m_server, u"bob"_s, bobDir.path());
        const QString dm = openDm(alice.get(), u"bob"_s);
        QVERIFY(!dm.isEmpty());
        bob->chat()->open(dm);
        sendStored(alice.get(), u"lunch at noon?"_s);
        const MessageListModel *aliceList = alice->chat()->messages();
        const MessageListModel *bobList = bob->chat()->messages();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(bobList, u"lunch at noon?"_s) >= 0, kTimeoutMs);
        const QString lunch = idOf(alice.get(), u"lunch at noon?"_s);

        // Bob reacts from the picker: a chip on both sides, his own highlighted on his.
        bob->chat()->actions()->toggleReaction(lunch, u"👍"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!chipsOf(bobList, u"lunch at noon?"_s).isEmpty() ||
                                     !bob->chat()->actions()->errorText().isEmpty(),
                                 kTimeoutMs);
        QCOMPARE(bob->chat()->actions()->errorText(), QString());
        QTRY_COMPARE_WITH_TIMEOUT(chipsOf(aliceList, u"lunch at noon?"_s),
                                  QStringList{u"👍 1 theirs bob"_s}, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(chipsOf(bobList, u"lunch at noon?"_s),
                                  QStringList{u"👍 1 mine you"_s}, kTimeoutMs);
        // Alice joins the same emoji by clicking the chip; bob takes his back.
        alice->chat()->actions()->toggleReaction(lunch, u"👍"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chipsOf(bobList, u"lunch at noon?"_s),
                                  QStringList{u"👍 2 mine alice and you"_s}, kTimeoutMs);
        bob->chat()->actions()->toggleReaction(lunch, u"👍"_s);
        QTRY_COMPARE_WITH_TIMEOUT(chipsOf(aliceList, u"lunch at noon?"_s),
                                  QStringList{u"👍 1 mine you"_s}, kTimeoutMs);

        // Alice presses Up in the empty composer, fixes the text and sends: an edit, not a new
        // message, marked "(edited)" on bob's side.
        const int rowsBefore = bobList->rowCount();
        QVERIFY(alice->chat()->draft()->editLast());
        QVERIFY(alice->chat()->draft()->editing());
        QCOMPARE(alice->chat()->draft()->editText(), u"lunch at noon?"_s);
        QVERIFY(alice->chat()->draft()->submit(u"lunch at one?"_s));
        QVERIFY(!alice->chat()->draft()->editing());
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(bobList, u"lunch at one?"_s) >= 0, kTimeoutMs);
        QCOMPARE(bobList->rowCount(), rowsBefore);
        QVERIFY(roleOf(bobList, u"lunch at one?"_s, MessageListModel::EditedRole).toBool());
        QCOMPARE(roleOf(bobList, u"lunch at one?"_s, MessageListModel::MessageIdRole).toString(),
                 lunch);
        // The reaction stays with the edited message.
        QCOMPARE(chipsOf(bobList, u"lunch at one?"_s), QStringList{u"👍 1 theirs alice"_s});

        // Esc leaves an edit without changing anything.
        QVERIFY(alice->chat()->draft()->editLast());
        alice->chat()->draft()->cancel();
        QVERIFY(!alice->chat()->draft()->editing());

        // Bob replies: alice's copy shows the quoted message, which leads back to it.
        bob->chat()->draft()->replyTo(lunch);
        QVERIFY(bob->chat()->draft()->replying());
        QCOMPARE(bob->chat()->draft()->replyText(), u"lunch at one?"_s);
        sendStored(bob.get(), u"one works"_s);
        QVERIFY(!bob->chat()->draft()->replying());
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(aliceList, u"one works"_s) >= 0, kTimeoutMs);
        const QVariantMap quote =
            roleOf(aliceList, u"one works"_s, MessageListModel::ReplyToRole).toMap();
        QCOMPARE(quote.value(u"id"_s).toString(), lunch);
        QCOMPARE(quote.value(u"text"_s).toString(), u"lunch at one?"_s);
        QCOMPARE(quote.value(u"senderName"_s).toString(), u"alice"_s);
        QSignalSpy scrolled(alice->chat(), &ChatController::scrollToRow);
        alice->chat()->showMessage(quote.value(u"seq"_s).toLongLong());
        QCOMPARE(scrolled.size(), 1);
        QCOMPARE(scrolled.at(0).at(0).toInt(), rowOf(aliceList, u"lunch at one?"_s));

        // Alice deletes hers: bob keeps the row, as "message deleted", without text or chips.
        const int bobRows = bobList->rowCount();
        const int lunchRow = rowOf(bobList, u"lunch at one?"_s);
        alice->chat()->actions()->remove(lunch);
        QTRY_VERIFY_WITH_TIMEOUT(
            bobList->index(lunchRow).data(MessageListModel::DeletedRole).toBool(), kTimeoutMs);
        QCOMPARE(bobList->rowCount(), bobRows);
        QCOMPARE(bobList->index(lunchRow).data(MessageListModel::MessageIdRole).toString(), lunch);
        QCOMPARE(bobList->index(lunchRow).data(MessageListModel::FormattedTextRole).toString(),
                 QString());
        QVERIFY(bobList->index(lunchRow).data(MessageListModel::ReactionsRole).toList().isEmpty());
        // A deleted message cannot be edited or replied to; Up skips it.
        QVERIFY(!alice->chat()->draft()->edit(lunch));
        QVERIFY(!alice->chat()->newestOwnMessage().has_value());
        // The conversation list's preview says so too.
        const int listRow = bob->conversations()->model()->indexOf(QUuid::fromString(dm));
        QTRY_VERIFY_WITH_TIMEOUT(bob->conversations()
                                     ->model()
                                     ->index(listRow)
                                     .data(ConversationListModel::LastMessageTextRole)
                                     .toString()
                                     .contains(u"one works"_s),
                                 kTimeoutMs);
    }

    void changesMadeWhileOfflineArriveAfterReconnecting()
    {
        QTemporaryDir aliceDir, bobDir;
        auto alice = signedInSession(m_server, u"carol"_s, aliceDir.path());
        auto bob = signedInSession(m_server, u"dave"_s, bobDir.path());
        const QString dm = openDm(alice.get(), u"dave"_s);
        bob->chat()->open(dm);
        for (const QString &text : {u"first"_s, u"second"_s, u"third"_s})
            sendStored(alice.get(), text);
        const MessageListModel *bobList = bob->chat()->messages();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(bobList, u"third"_s) >= 0, kTimeoutMs);
        const Timeline *bobTimeline = bob->chat()->timelineFor(QUuid::fromString(dm));
        QTRY_COMPARE_WITH_TIMEOUT(bobTimeline->changeCursor(), serverLastRev(bob.get(), dm),
                                  kTimeoutMs);

        // Bob's socket is down while alice edits, deletes and reacts.
        bob->realtime()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(bob->connection() == Session::Connection::Offline, kTimeoutMs);
        QSignalSpy updates(bob->realtime(), &RealtimeClient::messageUpdated);
        QSignalSpy newMessages(bob->realtime(), &RealtimeClient::messageReceived);
        const QString second = idOf(alice.get(), u"second"_s);
        const int secondRow = rowOf(bobList, u"second"_s);
        QVERIFY(alice->chat()->actions()->edit(idOf(alice.get(), u"first"_s), u"first!"_s));
        alice->chat()->actions()->remove(second);
        alice->chat()->actions()->toggleReaction(idOf(alice.get(), u"third"_s), u"🎉"_s);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(alice->chat()->messages(), u"first!"_s) >= 0, kTimeoutMs);
        qint64 lastRev = 0;
        QTRY_VERIFY_WITH_TIMEOUT((lastRev = serverLastRev(alice.get(), dm)) >=
                                     bobTimeline->changeCursor() + 3,
                                 kTimeoutMs);
        QCOMPARE(rowOf(bobList, u"first!"_s), -1);

        // Back online: the room join asks for the changes after bob's cursor; they come as
        // message.updated, one per changed message, and no message is sent again.
        bob->realtime()->start();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(bobList, u"first!"_s) >= 0, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(
            bobList->index(secondRow).data(MessageListModel::DeletedRole).toBool(), kTimeoutMs);
        QCOMPARE(bobList->index(secondRow).data(MessageListModel::MessageIdRole).toString(),
                 second);
        QTRY_COMPARE_WITH_TIMEOUT(chipsOf(bobList, u"third"_s), QStringList{u"🎉 1 theirs carol"_s},
                                  kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(bobTimeline->changeCursor(), lastRev, kTimeoutMs);
        QCOMPARE(updates.size(), 3);
        QCOMPARE(newMessages.size(), 0);

        // A conversation visited but not open (not joined) catches up by the changes route.
        QTemporaryDir ginaDir;
        auto gina = signedInSession(m_server, u"gina"_s, ginaDir.path());
        const QString other = openDm(bob.get(), u"gina"_s);
        QVERIFY(!other.isEmpty());
        QVERIFY(bob->chat()->isOpen(QUuid::fromString(other)));
        bob->realtime()->stop();
        QTRY_VERIFY_WITH_TIMEOUT(bob->connection() == Session::Connection::Offline, kTimeoutMs);
        QVERIFY(alice->chat()->actions()->edit(idOf(alice.get(), u"third"_s), u"third!"_s));
        QTRY_VERIFY_WITH_TIMEOUT(serverLastRev(alice.get(), dm) > lastRev, kTimeoutMs);
        bob->realtime()->start();
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(bobList, u"third!"_s) >= 0, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(bobTimeline->changeCursor(), serverLastRev(bob.get(), dm),
                                  kTimeoutMs);
    }

    void anAppStartedFromItsCacheCatchesUpOnlyWhatChangedWhileClosed()
    {
        QTemporaryDir aliceDir, bobDir;
        auto alice = signedInSession(m_server, u"mona"_s, aliceDir.path());
        QString conversation;
        {
            auto bob = signedInSession(m_server, u"nils"_s, bobDir.path());
            conversation = openDm(alice.get(), u"nils"_s);
            bob->chat()->open(conversation);
            // Longer than the newest page: the first message is only in bob's cache.
            HttpClient http;
            http.setBearer(alice->api()->accessToken());
            for (int i = 1; i <= 60; ++i) {
                QVERIFY(
                    http.postJson(
                            m_server.url(u"/api/v1/conversations/%1/messages"_s.arg(conversation)),
                            {{u"body_text"_s, i == 1 ? u"the very first"_s : u"more %1"_s.arg(i)},
                             {u"client_msg_id"_s,
                              QUuid::createUuid().toString(QUuid::WithoutBraces)}})
                        .status == 201);
            }
            QTRY_COMPARE_WITH_TIMEOUT(bob->chat()->messages()->newestSeq(), 60, kTimeoutMs);
            // A change bob sees live: his cursor (kept in the cache) passes it.
            alice->chat()->actions()->toggleReaction(idOf(alice.get(), u"more 2"_s), u"😮"_s);
            QTRY_COMPARE_WITH_TIMEOUT(chipsOf(bob->chat()->messages(), u"more 2"_s).size(), 1,
                                      kTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(
                bob->chat()->timelineFor(QUuid::fromString(conversation))->changeCursor(),
                serverLastRev(bob.get(), conversation), kTimeoutMs);
        } // bob quits

        // Alice fixes the first message while bob's app is closed; it is far back in history.
        HttpClient http;
        http.setBearer(alice->api()->accessToken());
        const QJsonArray first =
            http.get(m_server.url(
                         u"/api/v1/conversations/%1/messages?after=0&limit=1"_s.arg(conversation)))
                .json()
                .value(u"messages"_s)
                .toArray();
        QCOMPARE(first.size(), 1);
        const QString firstId = first.at(0).toObject().value(u"id"_s).toString();
        QCOMPARE(http.send("PATCH", m_server.url(u"/api/v1/messages/%1"_s.arg(firstId)),
                           QJsonDocument(QJsonObject{{u"body_text"_s, u"the very first, fixed"_s}})
                               .toJson(),
                           "application/json")
                     .status,
                 200);

        // Bob starts again from his cache: the room join replays only that one change, not
        // the reaction he had already seen, nor any message.
        auto bob = signedInSession(m_server, u"nils"_s, bobDir.path());
        QSignalSpy updates(bob->realtime(), &RealtimeClient::messageUpdated);
        QSignalSpy newMessages(bob->realtime(), &RealtimeClient::messageReceived);
        bob->chat()->open(conversation);
        const MessageListModel *bobList = bob->chat()->messages();
        QVERIFY(rowOf(bobList, u"the very first"_s) >= 0); // from the cache, before the network
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(bobList, u"the very first, fixed"_s) >= 0, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            bob->chat()->timelineFor(QUuid::fromString(conversation))->changeCursor(),
            serverLastRev(bob.get(), conversation), kTimeoutMs);
        QCOMPARE(updates.size(), 1);
        QCOMPARE(newMessages.size(), 0);
    }

    void aStaleUpdateNeverReplacesANewerCopy()
    {
        QTemporaryDir aliceDir, bobDir;
        auto alice = signedInSession(m_server, u"erin"_s, aliceDir.path());
        auto bob = signedInSession(m_server, u"frank"_s, bobDir.path());
        const QString dm = openDm(alice.get(), u"frank"_s);
        sendStored(alice.get(), u"v0"_s);
        const QString id = idOf(alice.get(), u"v0"_s);
        QVERIFY(alice->chat()->actions()->edit(id, u"v1"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(alice->chat()->messages(), u"v1"_s) >= 0, kTimeoutMs);
        auto stale = alice->chat()->findMessage(QUuid::fromString(id));
        QVERIFY(stale.has_value());
        QVERIFY(alice->chat()->actions()->edit(id, u"v2"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(alice->chat()->messages(), u"v2"_s) >= 0, kTimeoutMs);
        // The v1 copy (lower rev) arrives late, as a message.updated overtaken by v2 would.
        alice->chat()->applyUpdates({*stale});
        QCOMPARE(rowOf(alice->chat()->messages(), u"v1"_s), -1);
        QVERIFY(rowOf(alice->chat()->messages(), u"v2"_s) >= 0);
        Q_UNUSED(dm);
    }

    void mentionIsHighlightedAndCountedApart()
    {
        QTemporaryDir aliceDir, bobDir;
        auto alice = signedInSession(m_server, u"hana"_s, aliceDir.path());
        auto bob = signedInSession(m_server, u"ivan"_s, bobDir.path());
        const QString group = openGroup(alice.get(), u"Climbing"_s, {u"ivan"_s});
        QVERIFY(!group.isEmpty());
        sendStored(alice.get(), u"plain news"_s);
        sendStored(alice.get(), u"@Ivan bring the rope, not @nobody"_s);
        const ConversationListModel *bobConversations = bob->conversations()->model();
        const auto bobRow = [&] {
            return bobConversations->index(bobConversations->indexOf(QUuid::fromString(group)));
        };
        QTRY_COMPARE_WITH_TIMEOUT(bobRow().data(ConversationListModel::UnreadCountRole).toInt(), 2,
                                  kTimeoutMs);
        QCOMPARE(bobRow().data(ConversationListModel::MentionCountRole).toInt(), 1);

        bob->chat()->open(group);
        const MessageListModel *bobList = bob->chat()->messages();
        const QString text = u"@Ivan bring the rope, not @nobody"_s;
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(bobList, text) >= 0, kTimeoutMs);
        QVERIFY(roleOf(bobList, text, MessageListModel::MentionsMeRole).toBool());
        // Opened with two unread: "New messages" above the first of them, and only there.
        QTRY_VERIFY_WITH_TIMEOUT(
            roleOf(bobList, u"plain news"_s, MessageListModel::UnreadMarkerRole).toBool(),
            kTimeoutMs);
        QVERIFY(!roleOf(bobList, text, MessageListModel::UnreadMarkerRole).toBool());
        QVERIFY(!roleOf(bobList, u"plain news"_s, MessageListModel::MentionsMeRole).toBool());
        const QString styled =
            roleOf(bobList, text, MessageListModel::FormattedTextRole).toString();
        QVERIFY2(styled.startsWith(u"<b><font color="_s) && styled.contains(u">@Ivan</font></b>"_s),
                 qPrintable(styled));
        QVERIFY2(!styled.contains(u">@nobody<"_s), qPrintable(styled));
        // Read: the mention count goes with the unread count.
        bob->chat()->showUpToRow(bobList->rowCount() - 1);
        QTRY_COMPARE_WITH_TIMEOUT(bobRow().data(ConversationListModel::MentionCountRole).toInt(), 0,
                                  kTimeoutMs);
    }

    void searchResultOpensTheMessageInItsHistory()
    {
        QTemporaryDir aliceDir, bobDir;
        auto alice = signedInSession(m_server, u"joan"_s, aliceDir.path());
        auto bob = signedInSession(m_server, u"kimi"_s, bobDir.path());
        const QString dm = openDm(alice.get(), u"kimi"_s);
        // A history longer than the pages the app loads on opening: the hit is far back.
        HttpClient http;
        http.setBearer(alice->api()->accessToken());
        const auto say = [&](const QString &text) {
            return http.postJson(m_server.url(u"/api/v1/conversations/%1/messages"_s.arg(dm)),
                                 {{u"body_text"_s, text},
                                  {u"client_msg_id"_s,
                                   QUuid::createUuid().toString(QUuid::WithoutBraces)}})
                       .status == 201;
        };
        QVERIFY(say(u"the Café Müller opens at nine"_s));
        for (int i = 1; i <= 130; ++i)
            QVERIFY(say(u"filler %1"_s.arg(i)));

        // Bob looks at nothing in particular and searches everywhere, without accents.
        MessageSearch *search = bob->search();
        search->search(u"cafe mull"_s, true);
        QTRY_COMPARE_WITH_TIMEOUT(search->results()->count(), 1, kTimeoutMs);
        const QModelIndex hit = search->results()->index(0);
        QCOMPARE(hit.data(SearchResultModel::ConversationIdRole).toString(), dm);
        const QString snippet = hit.data(SearchResultModel::SnippetRole).toString();
        QVERIFY2(snippet.contains(u"background-color"_s) && snippet.contains(u"Café</span>"_s),
                 qPrintable(snippet));

        QSignalSpy scrolled(bob->chat(), &ChatController::scrollToRow);
        search->openResult(0);
        QTRY_COMPARE_WITH_TIMEOUT(scrolled.size(), 1, kTimeoutMs);
        QVERIFY(bob->chat()->isOpen(QUuid::fromString(dm)));
        const MessageListModel *bobList = bob->chat()->messages();
        const int row = scrolled.at(0).at(0).toInt();
        QCOMPARE(bobList->index(row).data(MessageListModel::BodyTextRole).toString(),
                 u"the Café Müller opens at nine"_s);
        // Everything between it and the newest message is there, in order, once each.
        QCOMPARE(bobList->index(row).data(MessageListModel::SeqRole).toLongLong(), 1);
        QCOMPARE(bobList->rowCount(), 131);
        QCOMPARE(bobList->newestSeq(), 131);

        // Ctrl+F searches the open conversation only: not found in another one.
        const QString notes = openGroup(bob.get(), u"Notes"_s, {u"joan"_s});
        QVERIFY(bob->chat()->isOpen(QUuid::fromString(notes)));
        search->search(u"cafe"_s, false);
        QTRY_COMPARE_WITH_TIMEOUT(search->searchedText(), u"cafe"_s, kTimeoutMs);
        QVERIFY(!search->busy());
        QCOMPARE(search->results()->count(), 0);
        QVERIFY(search->errorText().isEmpty());
    }
};

QTEST_MAIN(TestConversation)
#include "tst_conversation.moc"
