// SPDX-License-Identifier: Apache-2.0
#include "ui/appshell.h"

#include "app/conversationscontroller.h"
#include "app/notifier.h"
#include "app/qmltypes.h"
#include "app/session.h"
#include "app/traysettings.h"
#include "models/conversationlistmodel.h"
#include "ui/imageprovider.h"
#include "ui/trayicon.h"

#include <QApplication>
#include <QGuiApplication>
#include <QPalette>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Natter_CorePlugin)
Q_IMPORT_QML_PLUGIN(Natter_ComponentsPlugin)
Q_IMPORT_QML_PLUGIN(Natter_AuthPlugin)
Q_IMPORT_QML_PLUGIN(Natter_ConversationsPlugin)
Q_IMPORT_QML_PLUGIN(Natter_ChatPlugin)
Q_IMPORT_QML_PLUGIN(Natter_PeoplePlugin)
Q_IMPORT_QML_PLUGIN(Natter_AppPlugin)

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x20, 0x22, 0x27);
    const QColor base(0x17, 0x19, 0x1d);
    const QColor text(0xe6, 0xe8, 0xec);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window.lighter(115));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window.lighter(120));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::Highlight, QColor(0x4c, 0x8d, 0xf6));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x90, 0x9a));
    palette.setColor(QPalette::Mid, window.lighter(160));
    palette.setColor(QPalette::Light, window.lighter(180));
    palette.setColor(QPalette::Dark, base.darker(120));
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::Link, QColor(0x7a, 0xb0, 0xff));
    return palette;
}

} // namespace

void AppShell::prepareApplication()
{
    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(u"Basic"_s);
    const QString theme = qEnvironmentVariable("NATTER_THEME");
    if (theme == "dark"_L1)
        QGuiApplication::setPalette(darkPalette());
    else if (theme == "light"_L1)
        QGuiApplication::setPalette(QPalette(QColor(0xef, 0xf0, 0xf1)));
}

AppShell::AppShell(Session *session) : m_session(session), m_notifier(std::make_unique<Notifier>())
{
    SessionForQml::setInstance(session);
    session->setNotifier(m_notifier.get());
    // Qt 6.4 puts static modules' qmldir files under qrc:/<URI path>, not /qt/qml.
    m_engine.addImportPath(u"qrc:/"_s);
    // Server images (attachments, avatars) come with the user's token, from the disk cache.
    m_engine.addImageProvider(u"natter"_s, new CachedImageProvider(session->images()));
    m_engine.addImageProvider(
        u"natter-round"_s,
        new CachedImageProvider(session->images(), CachedImageProvider::Shape::Circle));
    QObject::connect(m_notifier.get(), &Notifier::activated, m_notifier.get(),
                     [this](const QString &conversationId) { showWindow(conversationId); });
    // Qt's tray is a widget class: only `natter` itself (a QApplication) gets one.
    if (qobject_cast<QApplication *>(QCoreApplication::instance()) &&
        QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = std::make_unique<TrayIcon>(QIcon(u":/Natter/Components/logo.svg"_s));
        ConversationListModel *list = session->conversations()->model();
        m_tray->setUnread(list->totalUnread());
        QObject::connect(list, &ConversationListModel::totalUnreadChanged, m_tray.get(),
                         [this, list] { m_tray->setUnread(list->totalUnread()); });
        QObject::connect(m_tray.get(), &TrayIcon::openRequested, m_tray.get(),
                         [this] { showWindow(); });
        QObject::connect(m_tray.get(), &TrayIcon::quitRequested, &QCoreApplication::quit);
        session->tray()->setAvailable(true);
    }
}

void AppShell::showWindow(const QString &conversationId)
{
    QQuickWindow *shown = window();
    if (!shown)
        return;
    shown->show();
    shown->raise();
    shown->requestActivate();
    if (!conversationId.isEmpty())
        Q_EMIT m_session->conversations()->openRequested(conversationId);
}

AppShell::~AppShell() = default;

bool AppShell::load()
{
    m_engine.load(QUrl(u"qrc:/Natter/App/Main.qml"_s));
    QQuickWindow *shown = window();
    if (!shown)
        return false;
    m_notifier->setWindow(shown);
    return true;
}

QQuickWindow *AppShell::window() const
{
    const QList<QObject *> roots = m_engine.rootObjects();
    return roots.isEmpty() ? nullptr : qobject_cast<QQuickWindow *>(roots.constFirst());
}

} // namespace natter::desktop
