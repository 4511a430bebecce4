// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>

class QSettings;

namespace natter::desktop {

//! "Close to tray" (#18): whether closing the window only hides it while Natter keeps running
//! in the system tray. On by default where the platform has a tray; remembered in the app's
//! settings once the user chooses. The tray icon itself lives with the window (ui/trayicon.h).
class TraySettings final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached as Session.tray")
    //! A tray icon is shown (the platform has a tray and the app made one).
    Q_PROPERTY(bool available READ available NOTIFY changed)
    //! "Keep Natter running in the tray when the window is closed".
    Q_PROPERTY(bool keepRunning READ keepRunning WRITE setKeepRunning NOTIFY changed)

public:
    explicit TraySettings(QSettings *settings, QObject *parent = nullptr);

    [[nodiscard]] bool available() const { return m_available; }
    void setAvailable(bool available);
    [[nodiscard]] bool keepRunning() const;
    void setKeepRunning(bool keep);

    //! The window's closing handler asks this: with a tray and the setting on, the window is
    //! hidden and true comes back (the close is refused); otherwise false, and it closes.
    Q_INVOKABLE bool hideInsteadOfClosing(QObject *window);

Q_SIGNALS:
    void changed();

private:
    QSettings *m_settings;
    bool m_available = false;
};

} // namespace natter::desktop
