// SPDX-License-Identifier: Apache-2.0
// Close to tray and the tray icon's count (#18), without a server: the window is the real
// Main.qml in the same AppShell as `natter`, closed as a window manager would close it.
#include "app/session.h"
#include "app/traysettings.h"
#include "ui/appshell.h"
#include "ui/trayicon.h"

#include <QGuiApplication>
#include <QQuickWindow>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::desktop;

class TestTray : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Closing the window here must not end the test run.
        QGuiApplication::setQuitOnLastWindowClosed(false);
    }

    void toolTipSaysTheCount()
    {
        QCOMPARE(TrayIcon::toolTipFor(0), u"Natter"_s);
        QCOMPARE(TrayIcon::toolTipFor(1), u"Natter: 1 unread"_s);
        QCOMPARE(TrayIcon::toolTipFor(12), u"Natter: 12 unread"_s);
    }

    void iconCarriesABadgeOnlyWithUnread()
    {
        QPixmap square(64, 64);
        square.fill(Qt::white);
        const QIcon base(square);
        const QPoint badgeCentre(64 - 20, 64 - 20);
        const QImage plain = TrayIcon::drawCount(base, 0).toImage();
        QCOMPARE(plain.pixelColor(badgeCentre), QColor(Qt::white));
        // A corner of the badge away from the digits is red.
        const QImage counted = TrayIcon::drawCount(base, 3).toImage();
        const QColor corner = counted.pixelColor(64 - 20, 64 - 6);
        QVERIFY2(corner.red() > 200 && corner.green() < 100, qPrintable(corner.name()));
        // The top-left stays the app's icon.
        QCOMPARE(counted.pixelColor(4, 4), QColor(Qt::white));
        QVERIFY(TrayIcon::drawCount(base, 3).toImage() != TrayIcon::drawCount(base, 150).toImage());
    }

    void settingDefaultsToOnWhereThereIsATrayAndIsRemembered()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"natter.ini"_s), QSettings::IniFormat);
        TraySettings noTray(&settings);
        QVERIFY(!noTray.keepRunning());
        noTray.setAvailable(true);
        QVERIFY(noTray.keepRunning());
        noTray.setKeepRunning(false);

        QSettings again(dir.filePath(u"natter.ini"_s), QSettings::IniFormat);
        TraySettings later(&again);
        later.setAvailable(true);
        QVERIFY(!later.keepRunning());
    }

    // The window's own closing handler (Main.qml) decides: hidden while a tray can bring it
    // back and the setting is on, closed otherwise.
    void closingTheWindowHidesItIntoTheTray()
    {
        QTemporaryDir dir;
        Session::Options options;
        options.dataDir = dir.path();
        options.keychain = TokenStore::Mode::MemoryOnly;
        options.openBrowser = [](const QUrl &) { return false; };
        Session session(std::move(options));
        AppShell shell(&session);
        QVERIFY(shell.load());
        QQuickWindow *window = shell.window();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        session.tray()->setAvailable(true); // as AppShell does where the platform has a tray
        QVERIFY(session.tray()->keepRunning());
        QVERIFY2(!window->close(), "the close is refused");
        QVERIFY(!window->isVisible());

        // A notification click or the tray brings it back.
        shell.showWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        session.tray()->setKeepRunning(false);
        QVERIFY2(window->close(), "the setting off: the window closes");
        QVERIFY(!window->isVisible());

        // Without a tray nothing could bring a hidden window back: it closes whatever the
        // setting says.
        session.tray()->setKeepRunning(true);
        session.tray()->setAvailable(false);
        shell.showWindow();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        QVERIFY(window->close());
    }
};

QTEST_MAIN(TestTray)
#include "tst_tray.moc"
