// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIcon>
#include <QObject>
#include <QSystemTrayIcon>

#include <memory>

class QMenu;

namespace natter::desktop {

//! The system tray icon (#18): the total unread count in its tooltip and drawn on the icon,
//! a menu with "Open Natter" and "Quit", a click shows the window. Needs a QApplication
//! (Qt's tray is a Qt Widgets class); AppShell makes one only where the platform has a tray.
class TrayIcon final : public QObject
{
    Q_OBJECT

public:
    explicit TrayIcon(QIcon base, QObject *parent = nullptr);
    ~TrayIcon() override;

    void setUnread(int unread);
    [[nodiscard]] QString toolTip() const { return m_tray.toolTip(); }

    //! "Natter" or "Natter: 3 unread".
    [[nodiscard]] static QString toolTipFor(int unread);
    //! `base` at `size` with a red badge and the count in its corner ("99+" above 99); the
    //! plain icon for 0.
    [[nodiscard]] static QPixmap drawCount(const QIcon &base, int unread, int size = 64);

Q_SIGNALS:
    void openRequested();
    void quitRequested();

private:
    QIcon m_base;
    std::unique_ptr<QMenu> m_menu;
    QSystemTrayIcon m_tray;
    int m_unread = -1;
};

} // namespace natter::desktop
