// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "realtime/changefeed.h"
#include "realtime/connection.h"
#include "realtime/deliveredbatcher.h"
#include "realtime/gatewayoptions.h"
#include "realtime/realtimestore.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

namespace natter::server {
class Metrics;
}

namespace natter::server::realtime {

//! Who is connected and what they receive. Events published by any server process (through
//! the listener, in commit order) are fanned out to the sockets of this process: by
//! conversation for messages, receipts and membership, by user for `conversation.new`.
//!
//! Each socket keeps, per conversation, the last seq it was given. A message at or below it is
//! a duplicate and dropped; one past a gap waits while the gap is read from the database. So
//! each socket gets each message of a conversation exactly once and in seq order, whether it
//! arrived live, by catch-up after `room.join`, or after the listener was deaf for a while.
class Hub final : public QObject
{
    Q_OBJECT

public:
    Hub(RealtimeStore &store, const GatewayOptions &options, QObject *parent = nullptr);

    //! Counts events handled; a session loaded from the database is checked against the
    //! events that came while it loaded.
    [[nodiscard]] quint64 eventCounter() const { return m_eventCounter; }
    //! Registers an authenticated socket with its user's state, loaded when the counter was
    //! `loadedAt`.
    void add(Connection *connection, const SessionState &state, quint64 loadedAt);
    void remove(Connection *connection);
    [[nodiscard]] bool isMember(const Connection *connection, const QUuid &conversationId) const;

    //! Focuses a conversation; with `afterSeq` every later message is sent again first. `done`
    //! runs with the socket's last seq once it has caught up with the database.
    void join(Connection *connection, const QUuid &conversationId, std::optional<qint64> afterSeq,
              std::function<void(qint64)> done);
    void leave(Connection *connection, const QUuid &conversationId);

    //! The client of `userId` holds every message of the conversation up to `seq`
    //! (`receipt.delivered`): its delivered watermark is raised with the next batch.
    void raiseDelivered(const QUuid &conversationId, const QUuid &userId, qint64 seq);

    //! One event from the listener.
    void handleEvent(const QJsonObject &event);
    //! Messages this process just committed (a group commit): fanned out at once, without
    //! waiting for their notification, which this process then skips (`origin` names it).
    void onCommitted(const QList<natter::Message> &messages);
    void setOrigin(const QString &origin) { m_origin = origin; }
    void setMetrics(Metrics *metrics) { m_metrics = metrics; }
    //! The listener (re)connected: whatever was published meanwhile is read from the database.
    void recover();

    //! Changes to messages the socket holds (`seq <= maxSeq`, maxSeq < 0: all) after change
    //! `afterRev`, sent as `message.updated` (room.join's `changes_after`). `done` gets the
    //! change the socket is now caught up to, or -1 when the database could not answer.
    void catchUpChanges(Connection *connection, const QUuid &conversationId, qint64 afterRev,
                        qint64 maxSeq, std::function<void(qint64)> done);

    //! The socket gets typing of every conversation of its user, joined or not (issue 18).
    void setTypingEverywhere(Connection *connection, bool all)
    {
        if (all && m_connections.contains(connection))
            m_typingEverywhere.insert(connection);
        else
            m_typingEverywhere.remove(connection);
    }
    //! What the socket watches the presence of from now on (already checked for what its
    //! user may see), replacing what it watched before.
    void watchPresence(Connection *connection, const QList<QUuid> &userIds);

    [[nodiscard]] int connectionCount() const { return int(m_connections.size()); }
    [[nodiscard]] const QSet<Connection *> &connections() const { return m_connections; }

private:
    void onMessage(const QUuid &conversationId, const Message &message);
    //! Changed messages from the change feed, to every socket of the conversation.
    void sendUpdates(const QUuid &conversationId, const QList<Message> &messages);
    //! One `message.updated` to one socket, as its user may see it (`shared`: the frame of
    //! the message as everyone sees it, used when the user blocked nobody involved).
    void sendUpdate(Connection *connection, const Message &message, const QByteArray &shared = {});
    void offer(Connection *connection, const QUuid &conversationId, const Message &message);
    void deliver(Connection *connection, RoomState &room, const Message &message);
    //! Another process's group commit: each range read once, then fanned out here.
    void onBatch(const QJsonObject &event);
    //! The `message.new` frame of `message`, serialised once for all its sockets.
    const QByteArray &encoded(const Message &message);
    void fill(Connection *connection, const QUuid &conversationId, int emptyRounds = 0);
    void resume(Connection *connection, const QUuid &conversationId, int emptyRounds = 0);
    void addRoom(Connection *connection, const QUuid &conversationId, qint64 lastSeq);
    void removeRoom(Connection *connection, const QUuid &conversationId);
    //! Ends the join window of a socket: rooms not joined get what was held, in order.
    void release(Connection *connection);
    void toConversation(const QUuid &conversationId, const Frame &frame);

    void onConversationNew(const QUuid &conversationId, const QUuid &userId, qint64 lastSeq);
    void onMemberLeft(const QUuid &conversationId, const QUuid &userId, const QJsonObject &data);
    void onTyping(const QUuid &conversationId, const QUuid &userId, bool typing);
    void sendTyping(const QUuid &conversationId, const QUuid &userId, bool typing);
    void unwatchPresence(Connection *connection);
    void onPresence(const QJsonObject &event);
    void onPresenceHidden(const QUuid &userId, bool hidden);
    void onBlockChanged(const QUuid &blockerId, const QUuid &blockedId, bool blocked);
    //! Reloads the state of `userIds` and brings their sockets in line with it.
    void resync(const QList<QUuid> &userIds);
    void expireTyping();

    RealtimeStore &m_store;
    const GatewayOptions &m_options;
    DeliveredBatcher m_delivered;
    ChangeFeed m_changes;
    QSet<Connection *> m_connections;
    QHash<QUuid, QSet<Connection *>> m_byUser;
    QHash<QUuid, QSet<Connection *>> m_byConversation;
    //! The highest seq heard per conversation, so a socket whose state was read just before
    //! a message committed still gets it.
    QHash<QUuid, qint64> m_heardSeq;
    quint64 m_eventCounter = 0;
    //! The event counter at the last membership or block change per user.
    QHash<QUuid, quint64> m_userChangedAt;
    //! (conversation, user) -> when their typing indicator expires (ms since m_clock start).
    QHash<std::pair<QUuid, QUuid>, qint64> m_typing;
    QElapsedTimer m_clock;
    QTimer m_typingSweep;
    QString m_origin;
    Metrics *m_metrics = nullptr;
    //! Presence watching (issue 18): watched user -> sockets, and socket -> watched users.
    QHash<QUuid, QSet<Connection *>> m_presenceWatchers;
    QHash<Connection *, QSet<QUuid>> m_watching;
    QSet<Connection *> m_typingEverywhere;
    //! The last message encoded, and its frame (a fan-out sends the same one many times).
    QUuid m_encodedId;
    QByteArray m_encodedFrame;
};

} // namespace natter::server::realtime
