// SPDX-License-Identifier: Apache-2.0
// ChatController's part in the conversation features (#12): changed messages in (live, the
// replay of a room join, the changes route), the change cursor moved as docs/protocol.md says.
// Showing a given message is in chatcontrollerjump.cpp.
#include "api/apiclient.h"
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "core/jsonlist.h"
#include "models/userdirectory.h"
#include "realtime/realtimeclient.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

//! The server's limit for the changes route; a full page means there may be more.
constexpr int kChangesPageSize = 100;
//! Past this many replayed changes a join's ack stops short (docs/protocol.md).
constexpr int kJoinReplayLimit = 2000;

} // namespace

QString ChatController::displayName(const QUuid &userId) const
{
    return m_directory->displayName(userId);
}

std::optional<Message> ChatController::findMessage(const QUuid &id) const
{
    return m_model ? m_model->findMessage(id) : std::nullopt;
}

std::optional<Message> ChatController::newestOwnMessage() const
{
    return m_model ? m_model->newestOwnMessage() : std::nullopt;
}

void ChatController::applyUpdates(const QList<Message> &updates)
{
    QHash<QUuid, QList<Message>> byConversation;
    for (const Message &message : updates)
        byConversation[message.conversationId].append(message);
    for (auto it = byConversation.cbegin(); it != byConversation.cend(); ++it) {
        // Only conversations visited hold messages; the others learn theirs from the pages.
        if (Timeline *timeline = m_timelines.value(it.key()))
            timeline->applyUpdates(it.value());
        for (const Message &message : it.value())
            m_conversations->model()->applyMessageUpdate(message);
    }
}

void ChatController::takeLiveUpdate(const Message &message)
{
    applyUpdates({message});
    Timeline *timeline = m_timelines.value(message.conversationId);
    if (!timeline)
        return;
    // Live updates of a joined room come in rev order once its join was acknowledged; before
    // that they are the join's replay, which the ack's last_rev accounts for.
    if (message.conversationId == m_ackedRoom)
        timeline->setChangeCursor(std::max(timeline->changeCursor(), message.rev));
    else if (message.conversationId == m_realtime->joinedRoom())
        ++m_joinUpdates;
}

void ChatController::roomJoined(const QUuid &conversationId, qint64 lastRev)
{
    if (conversationId != m_realtime->joinedRoom())
        return;
    m_ackedRoom = conversationId;
    const int replayed = std::exchange(m_joinUpdates, 0);
    if (lastRev < 0)
        return; // the join asked for no changes (nothing held yet)
    Timeline *timeline = timelineFor(conversationId);
    timeline->setChangeCursor(lastRev);
    if (replayed >= kJoinReplayLimit)
        fetchChanges(conversationId); // the ack stopped short: the rest by REST
}

void ChatController::fetchChanges(const QUuid &conversationId)
{
    const Timeline *timeline = m_timelines.value(conversationId);
    if (!timeline || timeline->changeCursor() < 0)
        return;
    m_api->messageChanges(conversationId, timeline->changeCursor(), kChangesPageSize, this,
                          [this, conversationId](Result<QJsonObject> answer) {
                              if (!answer)
                                  return; // the next reconnect asks again from the same cursor
                              const QList<Message> changed = messagesOf(*answer);
                              applyUpdates(changed);
                              timelineFor(conversationId)
                                  ->setChangeCursor(answer->value(u"last_rev"_s).toInteger(-1));
                              if (changed.size() >= kChangesPageSize)
                                  fetchChanges(conversationId);
                          });
}

} // namespace natter::desktop
