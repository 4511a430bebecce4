// SPDX-License-Identifier: Apache-2.0
// The Hub's half that sends changes to messages (`message.updated`); see changefeed.h.
#include "chat/historyjson.h"
#include "chat/messageview.h"
#include "natter/events.h"
#include "realtime/hub.h"
#include "realtime/ws/wsframing.h"

#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

//! Changes sent by one room.join at most; past it the ack's last_rev says where the client
//! continues (GET /api/v1/conversations/{id}/changes?after=).
constexpr int kCatchUpLimit = 2000;

//! A complete WebSocket frame, so everyone who sees the change whole gets the same bytes.
QByteArray updatedFrame(const Message &message)
{
    return ws::textFrame(chat::encodeMessageFrame(events::kMessageUpdated, {}, message));
}

} // namespace

void Hub::sendUpdates(const QUuid &conversationId, const QList<Message> &messages)
{
    const QSet<Connection *> members = m_byConversation.value(conversationId);
    if (members.isEmpty())
        return;
    for (const Message &message : messages) {
        // Encoded once for everyone who sees it whole.
        const QByteArray shared = updatedFrame(message);
        for (Connection *connection : members)
            sendUpdate(connection, message, shared);
    }
}

void Hub::sendUpdate(Connection *connection, const Message &message, const QByteArray &shared)
{
    // Hidden like message.new: the messages of someone the user blocked, or withheld from them.
    if (connection->blocked.contains(message.senderId) ||
        message.withheldFrom == connection->userId())
        return;
    if (chat::hidesSomething(message, connection->blocked))
        connection->sendWire(updatedFrame(chat::asSeenBy(message, connection->blocked)));
    else
        connection->sendWire(shared.isEmpty() ? updatedFrame(message) : shared);
}

void Hub::catchUpChanges(Connection *connection, const QUuid &conversationId, qint64 afterRev,
                         qint64 maxSeq, std::function<void(qint64)> done)
{
    // The conversation's last change first: every change up to it has committed (they commit
    // in rev order), so the read after it sees them all.
    m_store.lastRev(conversationId)
        .then(this, [this, guard = QPointer<Connection>(connection), conversationId, afterRev,
                     maxSeq, done = std::move(done)](const Result<qint64> &lastRev) {
            if (!guard || !m_connections.contains(guard))
                return;
            if (!lastRev) {
                done(-1);
                return;
            }
            m_store.changedAfter(conversationId, afterRev, kCatchUpLimit, maxSeq)
                .then(this, [this, guard, afterRev, lastRev = lastRev.value(),
                             done](const Result<QList<Message>> &changed) {
                    if (!guard || !m_connections.contains(guard))
                        return;
                    if (!changed) {
                        done(-1);
                        return;
                    }
                    for (const Message &message : changed.value())
                        sendUpdate(guard, message);
                    done(changed->size() == kCatchUpLimit ? changed->constLast().rev
                                                          : std::max(lastRev, afterRev));
                });
        });
}

} // namespace natter::server::realtime
