// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <QQmlApplicationEngine>

class QQuickWindow;

namespace natter::desktop {

class Notifier;
class Session;
class TrayIcon;

//! The window of the app: the QML engine with Natter's modules, Main.qml, the notifier wired
//! to the window. Shared by `natter`, the screenshot run and the benchmark, so all three show
//! exactly the same thing.
class AppShell final
{
public:
    //! Style and palette choices that must happen before the first window (call after
    //! QGuiApplication exists): the Basic style (flat, drawn from the palette Main.qml sets from
    //! the web app's colours), and
    //! NATTER_THEME=dark|light to force one.
    static void prepareApplication();

    explicit AppShell(Session *session);
    ~AppShell();

    //! Loads Main.qml; false when it failed (the errors are on stderr).
    [[nodiscard]] bool load();
    [[nodiscard]] QQuickWindow *window() const;
    [[nodiscard]] QQmlApplicationEngine &engine() { return m_engine; }
    //! Null without a QApplication or where the platform has no tray.
    [[nodiscard]] TrayIcon *trayIcon() const { return m_tray.get(); }
    //! Brings the window back from the tray or from behind others; opens `conversationId` when
    //! given (a clicked notification).
    void showWindow(const QString &conversationId = {});

private:
    Session *m_session;
    std::unique_ptr<Notifier> m_notifier;
    std::unique_ptr<TrayIcon> m_tray;
    QQmlApplicationEngine m_engine;
};

} // namespace natter::desktop
