// SPDX-License-Identifier: Apache-2.0
// `natter`: the desktop app. Everything it does lives in natter_desktop_core and the QML
// modules; this only makes the application object and the window.
#include "app/invitecontroller.h"
#include "app/session.h"
#include "ui/appshell.h"

#include <QApplication>
#include <QDesktopServices>
#include <QIcon>
#include <QStandardPaths>

using namespace Qt::Literals::StringLiterals;

int main(int argc, char *argv[])
{
    // A QApplication (not QGuiApplication) because the tray icon is a Qt Widgets class (#18).
    QApplication app(argc, argv);
    QGuiApplication::setOrganizationName(u"Natter"_s);
    QGuiApplication::setApplicationName(u"Natter"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(NATTER_VERSION));
    QGuiApplication::setDesktopFileName(u"natter"_s);
    QGuiApplication::setWindowIcon(QIcon::fromTheme(u"natter"_s));
    natter::desktop::AppShell::prepareApplication();

    natter::desktop::Session::Options options;
    options.dataDir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    options.keychain = natter::desktop::TokenStore::modeFromEnvironment();
    options.openBrowser = [](const QUrl &url) { return QDesktopServices::openUrl(url); };
    options.cacheDir = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    natter::desktop::Session session(std::move(options));

    natter::desktop::AppShell shell(&session);
    if (!shell.load())
        return 1;
    session.start();
    // `natter natter://invite/CODE` (the desktop file's %u for x-scheme-handler/natter): the
    // join dialog opens with the invite's preview. A second start opens its own window.
    const QStringList arguments = QGuiApplication::arguments().mid(1);
    for (const QString &argument : arguments) {
        if (session.invites()->openUrl(argument))
            break;
    }
    return QGuiApplication::exec();
}
