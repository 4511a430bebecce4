// SPDX-License-Identifier: Apache-2.0
#include "app/notifier.h"

#include "core/logging.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QVariantMap>
#include <QWindow>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

const auto kService = u"org.freedesktop.Notifications"_s;
const auto kPath = u"/org/freedesktop/Notifications"_s;
//! The spec's action for a click on the notification itself.
const auto kDefaultAction = u"default"_s;

} // namespace

Notifier::Notifier(QObject *parent) : QObject(parent)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected())
        bus.connect(kService, kPath, kService, u"ActionInvoked"_s, this,
                    SLOT(onActionInvoked(uint, QString)));
}

void Notifier::onActionInvoked(uint id, const QString &actionKey)
{
    // The signal goes to every client of the service: only our latest bubble is ours.
    if (id == 0 || id != m_lastId || actionKey != kDefaultAction)
        return;
    Q_EMIT activated(m_lastConversationId);
}

void Notifier::notify(const QString &title, const QString &body, const QString &conversationId)
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (bus.isConnected()) {
        QDBusMessage call = QDBusMessage::createMethodCall(kService, kPath, kService, u"Notify"_s);
        const QString preview = body.size() > 200 ? body.left(200) + u"…"_s : body;
        // Replace our previous bubble rather than stacking one per message.
        // The "default" action makes a click on the bubble open the conversation.
        call << u"Natter"_s << m_lastId << u"natter"_s << title << preview
             << QStringList{kDefaultAction, u"Open"_s}
             << QVariantMap{{u"desktop-entry"_s, u"natter"_s}} << 5000;
        const QDBusMessage reply = bus.call(call, QDBus::Block, 1000);
        if (reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty()) {
            m_lastId = reply.arguments().constFirst().toUInt();
            m_lastConversationId = conversationId;
            return;
        }
        qCDebug(lcApp) << "no notification service:" << reply.errorMessage();
    }
    if (m_window)
        m_window->alert(0);
}

} // namespace natter::desktop
