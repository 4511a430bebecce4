// SPDX-License-Identifier: Apache-2.0
#include "app/listtyping.h"

#include "models/conversationlistmodel.h"
#include "models/userdirectory.h"
#include "natter/events.h"
#include "realtime/realtimeclient.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

//! As the chat header: a "start" without its "stop" (the other app crashed) fades out.
constexpr int kTypingExpiryMs = 6000;

} // namespace

ListTyping::ListTyping(RealtimeClient *realtime, ConversationListModel *list,
                       const UserDirectory *directory, QObject *parent)
    : QObject(parent), m_realtime(realtime), m_list(list), m_directory(directory)
{
    m_expiry.setInterval(1000);
    connect(&m_expiry, &QTimer::timeout, this, &ListTyping::expire);
    connect(realtime, &RealtimeClient::typingChanged, this, &ListTyping::setTyping);
    connect(realtime, &RealtimeClient::connected, this, [this] {
        // Per socket: every new connection asks again.
        m_realtime->request(events::kTypingSubscribe, {{u"all"_s, true}}, this,
                            [](const Result<QJsonObject> &) {});
    });
    connect(realtime, &RealtimeClient::stateChanged, this, [this](RealtimeClient::State state) {
        if (state != RealtimeClient::State::Online)
            clear();
    });
}

void ListTyping::messageArrived(const Message &message)
{
    setTyping(message.conversationId, message.senderId, false);
}

void ListTyping::clear()
{
    const QList<QUuid> conversations = m_typing.keys();
    m_typing.clear();
    m_expiry.stop();
    for (const QUuid &conversationId : conversations)
        update(conversationId);
}

void ListTyping::setTyping(const QUuid &conversationId, const QUuid &userId, bool typing)
{
    if (userId == m_myUserId || conversationId.isNull())
        return;
    if (typing) {
        QElapsedTimer since;
        since.start();
        m_typing[conversationId].insert(userId, since);
        if (!m_expiry.isActive())
            m_expiry.start();
    } else {
        auto typers = m_typing.find(conversationId);
        if (typers == m_typing.end() || !typers->remove(userId))
            return;
        if (typers->isEmpty())
            m_typing.erase(typers);
    }
    update(conversationId);
}

void ListTyping::expire()
{
    QList<QUuid> changed;
    for (auto it = m_typing.begin(); it != m_typing.end();) {
        const qsizetype removed = it->removeIf(
            [](const auto &entry) { return entry.value().elapsed() > kTypingExpiryMs; });
        if (removed > 0)
            changed.append(it.key());
        it = it->isEmpty() ? m_typing.erase(it) : std::next(it);
    }
    if (m_typing.isEmpty())
        m_expiry.stop();
    for (const QUuid &conversationId : std::as_const(changed))
        update(conversationId);
}

void ListTyping::update(const QUuid &conversationId)
{
    const auto typers = m_typing.value(conversationId);
    const auto conversation = m_list->find(conversationId);
    QString text;
    if (typers.isEmpty() || !conversation) {
        text.clear();
    } else if (conversation->type == ConversationType::Dm) {
        text = u"typing…"_s;
    } else {
        QStringList names;
        for (auto it = typers.cbegin(); it != typers.cend(); ++it)
            names.append(m_directory->displayName(it.key()));
        names.sort();
        if (names.size() == 1)
            text = u"%1 is typing…"_s.arg(names.at(0));
        else if (names.size() == 2)
            text = u"%1 and %2 are typing…"_s.arg(names.at(0), names.at(1));
        else
            text = u"Several people are typing…"_s;
    }
    m_list->setTypingText(conversationId, text);
}

} // namespace natter::desktop
