// SPDX-License-Identifier: Apache-2.0
// Issue 18's new screens in the whole window (the same AppShell as `natter`), driven by keys
// against a real natter-server: Ctrl+I opens the open group's settings, where an admin renames
// it with the keyboard; in the conversation list the Menu key and Shift+F10 open a
// conversation's menu (mute, pin, archive), whose choice reaches the server.
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/session.h"
#include "desktopsession.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "ui/appshell.h"

#include <QQuickItem>
#include <QQuickWindow>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using namespace natter::testing;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;

namespace {

constexpr int kTimeoutMs = 15000;

QString focusedName(QQuickWindow *window)
{
    QQuickItem *item = window->activeFocusItem();
    return item ? item->objectName() : QString();
}

QObject *named(QQuickWindow *window, const char *name)
{
    return window->findChild<QObject *>(QString::fromLatin1(name));
}

bool isOpen(QQuickWindow *window, const char *name)
{
    QObject *popup = named(window, name);
    return popup && popup->property("opened").toBool();
}

} // namespace

class TestGroupWindow : public QObject
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

    void groupSettingsAndTheConversationMenuByKeyboard()
    {
        QTemporaryDir xaviDir, wandaDir;
        auto xavi = signedInSession(m_server, u"xavi"_s, xaviDir.path());
        auto wanda = signedInSession(m_server, u"wanda"_s, wandaDir.path());
        AppShell shell(wanda.get());
        QVERIFY(shell.load());
        QQuickWindow *window = shell.window();
        window->requestActivate();
        QVERIFY(QTest::qWaitForWindowActive(window));

        QSignalSpy opened(wanda->conversations(), &ConversationsController::openRequested);
        wanda->conversations()->createGroup(u"Hikers"_s, {u"xavi"_s});
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        const QString group = opened.at(0).at(0).toString();
        QTRY_VERIFY_WITH_TIMEOUT(wanda->chat()->isOpen(QUuid::fromString(group)), kTimeoutMs);

        // Ctrl+I: the settings, the name field first for an admin; typing and Enter rename.
        QTest::keyClick(window, Qt::Key_I, Qt::ControlModifier);
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(window, "groupSettingsDialog"), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(focusedName(window), u"groupNameField"_s, kTimeoutMs);
        QTest::keyClick(window, Qt::Key_End);
        QTest::keyClick(window, Qt::Key_Space);
        QTest::keyClick(window, Qt::Key_2);
        QTest::keyClick(window, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(wanda->chat()->title(), u"Hikers 2"_s, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            xavi->conversations()->model()->index(0).data(ConversationListModel::TitleRole),
            QVariant(u"Hikers 2"_s), kTimeoutMs);
        QTest::keyClick(window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(window, "groupSettingsDialog"), kTimeoutMs);

        // The list by keys: the Menu key on the chosen row opens its menu.
        auto *list = qobject_cast<QQuickItem *>(named(window, "conversationListView"));
        QVERIFY(list);
        list->forceActiveFocus(Qt::TabFocusReason);
        QTRY_VERIFY_WITH_TIMEOUT(list->hasActiveFocus(), kTimeoutMs);
        QTest::keyClick(window, Qt::Key_Menu);
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(window, "conversationMenu"), kTimeoutMs);
        QCOMPARE(named(window, "conversationMenu")->property("conversationId").toString(), group);
        QTest::keyClick(window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!isOpen(window, "conversationMenu"), kTimeoutMs);
        list->forceActiveFocus(Qt::TabFocusReason);
        QTest::keyClick(window, Qt::Key_F10, Qt::ShiftModifier);
        QTRY_VERIFY_WITH_TIMEOUT(isOpen(window, "conversationMenu"), kTimeoutMs);
        // Its "Pin to top" reaches the server (and so xavi's list does not change: it is hers).
        QVERIFY(QMetaObject::invokeMethod(named(window, "menuPin"), "triggered"));
        const ConversationListModel *model = wanda->conversations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(model->index(model->indexOf(QUuid::fromString(group)))
                                     .data(ConversationListModel::PinnedRole)
                                     .toBool(),
                                 kTimeoutMs);
        QVERIFY(!xavi->conversations()
                     ->model()
                     ->index(0)
                     .data(ConversationListModel::PinnedRole)
                     .toBool());
    }
};

QTEST_MAIN(TestGroupWindow)
#include "tst_groupwindow.moc"
