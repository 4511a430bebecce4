// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

class QWindow;

namespace natter::desktop {

//! Desktop notifications through the freedesktop.org notification service on D-Bus; where
//! there is none, the window asks for attention instead (taskbar highlight).
class Notifier final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    void setWindow(QWindow *window) { m_window = window; }
    void notify(const QString &title, const QString &body);

private:
    QWindow *m_window = nullptr;
    uint m_lastId = 0;
};

} // namespace natter::desktop
