// SPDX-License-Identifier: Apache-2.0
#include "app/notifier.h"

#include "core/logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QVariantMap>
#include <QWindow>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

void Notifier::notify(const QString &title, const QString &body)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        QDBusMessage call = QDBusMessage::createMethodCall(
            u"org.freedesktop.Notifications"_s, u"/org/freedesktop/Notifications"_s,
            u"org.freedesktop.Notifications"_s, u"Notify"_s);
        const QString preview = body.size() > 200 ? body.left(200) + u"…"_s : body;
        // Replace our previous bubble rather than stacking one per message.
        call << u"Natter"_s << m_lastId << u"natter"_s << title << preview << QStringList()
             << QVariantMap{{u"desktop-entry"_s, u"natter"_s}} << 5000;
        const QDBusMessage reply = bus.call(call, QDBus::Block, 1000);
        if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()) {
            m_lastId = reply.arguments().constFirst().toUInt();
            return;
        }
        qCDebug(lcApp) << "no notification service:" << reply.errorMessage();
    }
    if (m_window)
        m_window->alert(0);
}

} // namespace natter::desktop
