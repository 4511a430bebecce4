// SPDX-License-Identifier: Apache-2.0
// The open conversation in the whole window (#12), against a real natter-server and
// PostgreSQL, driven by the mouse and the keys: the full emoji picker for the composer and for
// reactions.
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "desktopwindow.h"
#include "emoji/emojipickermodel.h"
#include "testdatabase.h"

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
                   QTest::qWaitFor(
                       [&] { return focusedName(window) == u"emojiSearchField"_s; }, kTimeoutMs);
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
};

QTEST_MAIN(TestChatWindow)
#include "tst_chatwindow.moc"
