// SPDX-License-Identifier: Apache-2.0
// The open conversation in the whole window (#12), against a real natter-server and
// PostgreSQL, driven by the mouse and the keys: the full emoji picker for the composer and for
// reactions, a conversation that opens at its first unread message, avatars in the header and
// the members panel.
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "desktopwindow.h"
#include "emoji/emojipickermodel.h"
#include "testdatabase.h"
#include "watermarks.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using namespace natter::testing;

namespace {

constexpr int kTimeoutMs = kWindowTimeoutMs;
const auto kRocket = u"\U0001F680"_s;
const auto kThumbsUp = u"\U0001F44D"_s;
//! Qt Quick's Image status, as the QML enum: Ready is 1.
constexpr int kImageReady = 1;

//! The conversation's messages as `web` reads them (newest page).
QJsonArray messagesSeenBy(HttpClient &web, const ServerProcess &server, const QString &dm)
{
    return web.get(server.url(u"/api/v1/conversations/%1/messages?limit=100"_s.arg(dm)))
        .json()
        .value(u"messages"_s)
        .toArray();
}

QJsonObject messageWithText(const QJsonArray &messages, const QString &text)
{
    for (const QJsonValue &value : messages) {
        if (value.toObject().value(u"body_text"_s).toString() == text)
            return value.toObject();
    }
    return {};
}

QString composerText(QQuickWindow *window)
{
    const QList<QQuickItem *> found = visibleItemsNamed(window, u"composerInput"_s);
    return found.isEmpty() ? u"<no composer>"_s : found.constFirst()->property("text").toString();
}

bool isOpen(QObject *popup)
{
    return popup && popup->property("opened").toBool();
}

//! The message list's view is at its newest message.
bool atEnd(QQuickItem *view)
{
    return view->property("atEnd").toBool();
}

//! `item` lies (at least partly) inside `view`'s visible area.
bool shownIn(QQuickItem *item, QQuickItem *view)
{
    const QRectF itemRect = item->mapRectToScene(QRectF(0, 0, item->width(), item->height()));
    const QRectF viewRect = view->mapRectToScene(QRectF(0, 0, view->width(), view->height()));
    return viewRect.intersects(itemRect);
}

} // namespace

class TestChatWindow : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_database;
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase()
    {
        AppShell::prepareApplication();
        QVERIFY2(m_database.isValid(), qPrintable(m_database.error()));
        QVERIFY(m_server.start(m_database.url()));
    }

    // The full picker: search and Enter into the composer, arrow keys through the grid, the
    // recent ones first next time, and "more…" after the six for a reaction.
    void emojiPickerFillsTheComposerAndReacts()
    {
        HttpClient web;
        webSignIn(web, m_server, u"emo_web"_s);
        QTemporaryDir dir;
        WindowApp app = WindowApp::open(dir.path());
        QVERIFY(app.window());
        QQuickWindow *window = app.window();
        Session *session = app.session.get();
        signInAs(session, m_server, u"emo_desk"_s);
        const QString dm = webWrites(web, m_server, u"emo_desk"_s, 1, u"pick one"_s);
        QVERIFY(!dm.isEmpty());
        session->chat()->open(dm);
        QTRY_COMPARE_WITH_TIMEOUT(session->chat()->messages()->rowCount(), 1, kTimeoutMs);
        QObject *picker = window->findChild<QObject *>(u"emojiPicker"_s);
        QVERIFY(picker);
        EmojiPickerModel *emojis = session->emojis();
        const auto pickerOpensWithTheKeys = [&] {
            return QTest::qWaitFor([&] { return isOpen(picker); }, kTimeoutMs) &&
                   QTest::qWaitFor([&] { return focusedName(window) == u"emojiSearchField"_s; },
                                   kTimeoutMs);
        };

        // The composer's emoji button opens it with the keys in its search field; a name and
        // Enter put the emoji at the cursor, and the keys go back to the composer.
        QVERIFY(clickWhenShown(window, u"emojiButton"_s));
        QVERIFY(pickerOpensWithTheKeys());
        typeText(window, u"rocket"_s);
        QCOMPARE(emojis->emojiCount(), 1);
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(picker), kTimeoutMs);
        QCOMPARE(composerText(window), kRocket);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(window), u"composerInput"_s, kTimeoutMs);
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(
            !messageWithText(messagesSeenBy(web, m_server, dm), kRocket).isEmpty(), kTimeoutMs);

        // Arrow keys: Down from the search enters the grid, then right, right, down.
        QVERIFY(clickWhenShown(window, u"emojiButton"_s));
        QVERIFY(pickerOpensWithTheKeys());
        typeText(window, u"face"_s);
        const int expectedIndex = emojis->step(emojis->step(emojis->step(0, 1, 0), 1, 0), 0, 1);
        const QString expected = emojis->emojiAt(expectedIndex);
        QVERIFY(!expected.isEmpty());
        QTest::keyClick(window, Qt::Key_Down);
        // The grid is a focus scope: the keys reach it through its current row.
        auto *grid = window->findChild<QQuickItem *>(u"emojiGrid"_s);
        QVERIFY(grid);
        QVERIFY(grid->hasActiveFocus());
        QTest::keyClick(window, Qt::Key_Right);
        QTest::keyClick(window, Qt::Key_Right);
        QTest::keyClick(window, Qt::Key_Down);
        QCOMPARE(picker->property("current").toInt(), expectedIndex);
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(picker), kTimeoutMs);
        QCOMPARE(composerText(window), expected);
        visibleItemsNamed(window, u"composerInput"_s).constFirst()->setProperty("text", QString());

        // What was picked comes first next time, most recent first, and is remembered.
        QCOMPARE(emojis->filter(), QString());
        QCOMPARE(emojis->sections().constFirst().toMap().value(u"title"_s).toString(),
                 u"Recently used"_s);
        QCOMPARE(emojis->emojiAt(0), expected);
        QCOMPARE(emojis->emojiAt(1), kRocket);

        // A reaction: the message's hover bar, React, "more…", a search, Enter.
        const QList<QQuickItem *> bodies = visibleItemsNamed(window, u"bodyLabel"_s);
        QQuickItem *body = nullptr;
        for (QQuickItem *candidate : bodies) {
            if (candidate->property("text").toString().contains(u"pick one"_s))
                body = candidate;
        }
        QVERIFY(body);
        QTest::mouseMove(window, centerOf(body));
        QVERIFY(clickWhenShown(window, u"reactButton"_s));
        QVERIFY(clickWhenShown(window, u"moreEmojis"_s));
        QVERIFY(pickerOpensWithTheKeys());
        typeText(window, u"thumbs up"_s);
        QCOMPARE(emojis->emojiAt(0), kThumbsUp);
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(picker), kTimeoutMs);
        const auto reactions = [&] {
            return messageWithText(messagesSeenBy(web, m_server, dm), u"pick one 1"_s)
                .value(u"reactions"_s)
                .toArray();
        };
        QTRY_COMPARE_WITH_TIMEOUT(reactions().size(), 1, kTimeoutMs);
        QCOMPARE(reactions().at(0).toObject().value(u"emoji"_s).toString(), kThumbsUp);
        QCOMPARE(reactions().at(0).toObject().value(u"user_ids"_s).toArray().first().toString(),
                 session->userId());
    }

    // A conversation with unread messages opens at the first of them with "New messages" in
    // view, loading history back to it; read only as far as the list shows. Without unread
    // messages it opens at the newest.
    void opensAtTheFirstUnreadMessage()
    {
        HttpClient web;
        webSignIn(web, m_server, u"unr_web"_s);
        QTemporaryDir dir;
        QString dm;
        {
            WindowApp app = WindowApp::open(dir.path());
            Session *session = app.session.get();
            signInAs(session, m_server, u"unr_desk"_s);
            dm = webWrites(web, m_server, u"unr_desk"_s, 30, u"earlier"_s);
            QVERIFY(!dm.isEmpty());
            QTRY_COMPARE_WITH_TIMEOUT(
                session->conversations()->model()->find(QUuid::fromString(dm))->unreadCount, 30,
                kTimeoutMs);
            session->chat()->open(dm);
            auto *view = app.window()->findChild<QQuickItem *>(u"messageListView"_s);
            QVERIFY(view);
            // All 30 unread: the first of them at the top, the newest below the fold.
            QTRY_VERIFY_WITH_TIMEOUT(!session->chat()->openingAtUnread(), kTimeoutMs);
            QTRY_VERIFY_WITH_TIMEOUT(
                !visibleItemsNamed(app.window(), u"unreadSeparator"_s).isEmpty(), kTimeoutMs);
            QVERIFY(
                shownIn(visibleItemsNamed(app.window(), u"unreadSeparator"_s).constFirst(), view));
            QVERIFY(!atEnd(view));
            // Read to the end, then opened again: nothing unread, so at the newest.
            QMetaObject::invokeMethod(view, "positionViewAtEnd");
            QTRY_COMPARE_WITH_TIMEOUT(watermarksOf(web, m_server, dm, session->userId()).read, 30,
                                      kTimeoutMs);
            session->chat()->close();
            session->chat()->open(dm);
            QTRY_VERIFY_WITH_TIMEOUT(atEnd(view), kTimeoutMs);
            QVERIFY(!session->chat()->openingAtUnread());
        }

        // 150 more while the app is closed: its cache ends at 30, the newest page starts at
        // 131, so the app loads back to 31 before it shows the list there.
        constexpr int kUnread = 150;
        QCOMPARE(webWrites(web, m_server, {}, kUnread, u"later"_s, dm), dm);
        WindowApp app = WindowApp::open(dir.path());
        Session *session = app.session.get();
        signInAs(session, m_server, u"unr_desk"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            session->conversations()->model()->find(QUuid::fromString(dm))->unreadCount, kUnread,
            kTimeoutMs);
        // The row named is the one of seq 31 when it is named (older pages may land above later).
        QList<qint64> placedAt;
        QObject::connect(session->chat(), &ChatController::unreadRowReady, session->chat(),
                         [&](int row) {
                             placedAt.append(session->chat()
                                                 ->messages()
                                                 ->index(row)
                                                 .data(MessageListModel::SeqRole)
                                                 .toLongLong());
                         });
        session->chat()->open(dm);
        QVERIFY(session->chat()->openingAtUnread());
        auto *view = app.window()->findChild<QQuickItem *>(u"messageListView"_s);
        QVERIFY(view);
        QTRY_COMPARE_WITH_TIMEOUT(placedAt.size(), 1, kTimeoutMs);
        QCOMPARE(placedAt.constFirst(), 31);
        QVERIFY(!session->chat()->openingAtUnread());
        QTRY_VERIFY_WITH_TIMEOUT(!visibleItemsNamed(app.window(), u"unreadSeparator"_s).isEmpty(),
                                 kTimeoutMs);
        QQuickItem *separator = visibleItemsNamed(app.window(), u"unreadSeparator"_s).constFirst();
        QVERIFY(shownIn(separator, view));
        QVERIFY(!atEnd(view));
        QVERIFY(!visibleItemsNamed(app.window(), u"jumpToLatest"_s).isEmpty());
        // Read means seen: past the read mark, short of the newest, which is not on screen.
        QTRY_VERIFY_WITH_TIMEOUT(watermarksOf(web, m_server, dm, session->userId()).read > 30,
                                 kTimeoutMs);
        QVERIFY(watermarksOf(web, m_server, dm, session->userId()).read < 30 + kUnread);
        // The line stays while the conversation is open; "Jump to latest" goes to the newest.
        QVERIFY(clickWhenShown(app.window(), u"jumpToLatest"_s));
        QTRY_VERIFY_WITH_TIMEOUT(atEnd(view), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(watermarksOf(web, m_server, dm, session->userId()).read,
                                  30 + kUnread, kTimeoutMs);
    }

    // A picture on the server shows in the chat header (a DM's other person) and in the group
    // members panel, through the same token-carrying image cache as the list; a member without
    // one keeps the initials.
    void avatarsInTheHeaderAndTheMembersPanel()
    {
        HttpClient web;
        webSignIn(web, m_server, u"ava_web"_s);
        QImage picture(64, 64, QImage::Format_RGB32);
        picture.fill(QColor(0x12, 0x87, 0x5c));
        QByteArray png;
        QBuffer buffer(&png);
        buffer.open(QIODevice::WriteOnly);
        picture.save(&buffer, "PNG");
        const auto uploaded =
            web.send("PUT", m_server.url(u"/api/v1/users/me/avatar"_s), png, "image/png");
        QCOMPARE(uploaded.status, 200);
        const QString avatarUrl = uploaded.json().value(u"avatar_url"_s).toString();
        QVERIFY2(avatarUrl.startsWith(u"/api/v1/avatars/"_s), qPrintable(avatarUrl));

        QTemporaryDir dir;
        WindowApp app = WindowApp::open(dir.path());
        QQuickWindow *window = app.window();
        Session *session = app.session.get();
        signInAs(session, m_server, u"ava_desk"_s);
        const QString dm = webWrites(web, m_server, u"ava_desk"_s, 1, u"hello"_s);
        QVERIFY(!dm.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(
            session->conversations()->model()->find(QUuid::fromString(dm)).has_value(), kTimeoutMs);
        session->chat()->open(dm);
        QTRY_COMPARE_WITH_TIMEOUT(session->chat()->avatarUrl(), avatarUrl, kTimeoutMs);
        const auto pictureOf = [&](const QString &avatarName) -> QQuickItem * {
            const QList<QQuickItem *> avatars = visibleItemsNamed(window, avatarName);
            return avatars.isEmpty()
                       ? nullptr
                       : avatars.constFirst()->findChild<QQuickItem *>(u"avatarPicture"_s);
        };
        QTRY_VERIFY_WITH_TIMEOUT(pictureOf(u"chatHeaderAvatar"_s) &&
                                     pictureOf(u"chatHeaderAvatar"_s)->property("status").toInt() ==
                                         kImageReady,
                                 kTimeoutMs);
        QVERIFY(pictureOf(u"chatHeaderAvatar"_s)->isVisible());

        // A group: the members panel shows ava_web's picture, my initials.
        QSignalSpy opened(session->conversations(), &ConversationsController::openRequested);
        session->conversations()->createGroup(u"Pictures"_s, {u"ava_web"_s});
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, kTimeoutMs);
        session->chat()->open(opened.constFirst().constFirst().toString());
        QTRY_COMPARE_WITH_TIMEOUT(session->chat()->members()->rowCount(), 2, kTimeoutMs);
        QObject *panel = window->findChild<QObject *>(u"membersPanel"_s);
        QVERIFY(panel);
        QMetaObject::invokeMethod(panel, "open");
        QTRY_VERIFY_WITH_TIMEOUT(panel->property("opened").toBool(), kTimeoutMs);
        const auto memberPictures = [&] {
            int ready = 0;
            const QList<QQuickItem *> avatars = visibleItemsNamed(window, u"memberAvatar"_s);
            for (QQuickItem *avatar : avatars) {
                auto *image = avatar->findChild<QQuickItem *>(u"avatarPicture"_s);
                ready += image && image->property("status").toInt() == kImageReady ? 1 : 0;
            }
            return std::pair{int(avatars.size()), ready};
        };
        QTRY_COMPARE_WITH_TIMEOUT(memberPictures(), std::pair(2, 1), kTimeoutMs);
    }
};

QTEST_MAIN(TestChatWindow)
#include "tst_chatwindow.moc"
