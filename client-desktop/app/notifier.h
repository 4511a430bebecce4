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
    explicit Notifier(QObject *parent = nullptr);

    void setWindow(QWindow *window) { m_window = window; }
    //! `conversationId` is what a click on the notification opens (see `activated`).
    void notify(const QString &title, const QString &body, const QString &conversationId = {});

Q_SIGNALS:
    //! The user clicked our latest notification (#18): show the window at that conversation.
    void activated(const QString &conversationId);

private Q_SLOTS:
    // The service's ActionInvoked signal; D-Bus needs a slot it can match by signature.
    void onActionInvoked(uint id, const QString &actionKey);

private:
    QWindow *m_window = nullptr;
    uint m_lastId = 0;
    QString m_lastConversationId;
};

} // namespace natter::desktop
