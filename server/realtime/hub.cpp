// SPDX-License-Identifier: Apache-2.0
#include "realtime/hub.h"

#include "chat/historyjson.h"
#include "logging.h"
#include "metrics.h"
#include "natter/events.h"
#include "realtime/eventpublisher.h"
#include "realtime/ws/wsframing.h"

#include <QDateTime>
#include <QJsonArray>
#include <QPointer>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

//! Messages read per catch-up query.
constexpr int kFillPage = 100;
//! Live messages kept per socket and conversation while a catch-up runs; past this they are
//! dropped, as the catch-up reads them from the database anyway.
constexpr std::size_t kMaxPending = 1000;
//! A gap the database cannot fill (it should not happen: seqs are gapless) is skipped after
//! this many empty catch-up rounds, so a socket never stalls for good.
constexpr int kMaxEmptyRounds = 20;
constexpr int kRetryMs = 500;

QUuid uuidField(const QJsonObject &object, const QString &name)
{
    return QUuid::fromString(object.value(name).toString());
}

} // namespace

Hub::Hub(RealtimeStore &store, const GatewayOptions &options, QObject *parent)
    : QObject(parent), m_store(store), m_options(options),
      m_delivered(store, options.deliveredFlushMs),
      m_changes(
          store,
          [this](const QUuid &conversationId) { return m_byConversation.contains(conversationId); },
          [this](const QUuid &conversationId, const QList<Message> &messages) {
              sendUpdates(conversationId, messages);
          })
{
    m_clock.start();
    m_typingSweep.setInterval(500);
    connect(&m_typingSweep, &QTimer::timeout, this, &Hub::expireTyping);
}

void Hub::add(Connection *connection, const SessionState &state, quint64 loadedAt)
{
    m_connections.insert(connection);
    m_byUser[connection->userId()].insert(connection);
    connection->blocked = state.blocked;
    for (auto it = state.conversations.cbegin(); it != state.conversations.cend(); ++it) {
        addRoom(connection, it.key(), it.value());
        connection->rooms[it.key()].held = true;
    }
    QTimer::singleShot(m_options.joinWindowMs, connection,
                       [this, connection] { release(connection); });
    if (m_userChangedAt.value(connection->userId()) > loadedAt)
        resync({connection->userId()});
}

void Hub::release(Connection *connection)
{
    if (!m_connections.contains(connection))
        return;
    for (auto it = connection->rooms.begin(); it != connection->rooms.end(); ++it) {
        if (!it->held)
            continue;
        it->held = false;
        // Messages heard while the state loaded, or held since: deliver them now, in order.
        if (!it->busy && (!it->pending.empty() || m_heardSeq.value(it.key()) > it->lastSeq))
            fill(connection, it.key());
    }
}

void Hub::remove(Connection *connection)
{
    if (!m_connections.remove(connection))
        return;
    unwatchPresence(connection);
    m_typingEverywhere.remove(connection);
    const QList<QUuid> conversations = connection->rooms.keys();
    for (const QUuid &conversationId : conversations)
        removeRoom(connection, conversationId);
    auto user = m_byUser.find(connection->userId());
    if (user != m_byUser.end()) {
        user->remove(connection);
        if (user->isEmpty())
            m_byUser.erase(user);
    }
}

bool Hub::isMember(const Connection *connection, const QUuid &conversationId) const
{
    return connection->rooms.contains(conversationId);
}

void Hub::addRoom(Connection *connection, const QUuid &conversationId, qint64 lastSeq)
{
    connection->rooms[conversationId].lastSeq = lastSeq;
    m_byConversation[conversationId].insert(connection);
}

void Hub::removeRoom(Connection *connection, const QUuid &conversationId)
{
    connection->rooms.remove(conversationId);
    auto members = m_byConversation.find(conversationId);
    if (members != m_byConversation.end()) {
        members->remove(connection);
        if (members->isEmpty())
            m_byConversation.erase(members);
    }
}

void Hub::join(Connection *connection, const QUuid &conversationId, std::optional<qint64> afterSeq,
               std::function<void(qint64)> done)
{
    auto room = connection->rooms.find(conversationId);
    if (room == connection->rooms.end())
        return;
    room->joined = true;
    room->held = false;
    // The client says what it has: everything after it is sent (again), oldest first. Live
    // messages up to that point are dropped as duplicates by the seq check.
    if (afterSeq)
        room->lastSeq = std::max<qint64>(0, *afterSeq);
    room->onCaughtUp.append(
        [connection = QPointer<Connection>(connection), conversationId, done = std::move(done)] {
            if (connection)
                done(connection->rooms.value(conversationId).lastSeq);
        });
    // One read even when nothing is missing: the ack then means "caught up as of now".
    room->fillRequested = true;
    if (!room->busy)
        fill(connection, conversationId);
}

void Hub::leave(Connection *connection, const QUuid &conversationId)
{
    auto room = connection->rooms.find(conversationId);
    if (room == connection->rooms.end())
        return;
    room->joined = false;
}

void Hub::raiseDelivered(const QUuid &conversationId, const QUuid &userId, qint64 seq)
{
    m_delivered.raise(conversationId, userId, seq);
}

void Hub::handleEvent(const QJsonObject &event)
{
    ++m_eventCounter;
    const QString type = event.value(u"type"_s).toString();
    const QUuid conversationId = uuidField(event, u"conversation_id"_s);

    if (type == events::kMessageNew) {
        const QJsonValue inlined = event.value(u"message"_s);
        if (inlined.isObject()) {
            auto message = Message::fromJson(inlined.toObject());
            if (!message)
                return;
            Message parsed = std::move(message).value();
            // Not part of the message's JSON: clients never learn of it.
            parsed.withheldFrom = uuidField(event, u"withheld_from"_s);
            onMessage(parsed.conversationId, parsed);
            return;
        }
        // Too large for a notification: read it once for every socket here.
        const qint64 seq = event.value(u"seq"_s).toInteger();
        m_heardSeq[conversationId] = std::max(m_heardSeq.value(conversationId), seq);
        m_store.message(uuidField(event, u"message_id"_s))
            .then(this, [this, conversationId, seq](const Result<Message> &message) {
                if (message) {
                    onMessage(conversationId, message.value());
                    return;
                }
                // Catch-up reads it with the next message, or now for sockets behind.
                const QSet<Connection *> members = m_byConversation.value(conversationId);
                for (Connection *connection : members) {
                    auto room = connection->rooms.find(conversationId);
                    if (room != connection->rooms.end() && room->lastSeq < seq && !room->busy &&
                        !room->held)
                        fill(connection, conversationId);
                }
            });
        return;
    }
    if (type == QLatin1StringView(kMessageChanged)) {
        m_changes.onChanged(conversationId, event.value(u"rev"_s).toInteger());
        return;
    }
    if (type == QLatin1StringView(kMessageBatch)) {
        if (event.value(u"origin"_s).toString() != m_origin)
            onBatch(event);
        return;
    }
    if (type == events::kReceiptUpdated) {
        QJsonObject data = event;
        data.remove(u"type"_s);
        toConversation(conversationId, Frame::event(QString(events::kReceiptUpdated), data));
        return;
    }
    if (type == events::kRoomMemberJoined) {
        const QJsonObject data{{u"conversation_id"_s, event.value(u"conversation_id"_s)},
                               {u"user"_s, event.value(u"user"_s)}};
        toConversation(conversationId, Frame::event(QString(events::kRoomMemberJoined), data));
        return;
    }
    if (type == events::kRoomMemberLeft) {
        const QUuid userId = uuidField(event, u"user_id"_s);
        m_userChangedAt[userId] = m_eventCounter;
        onMemberLeft(conversationId, userId,
                     {{u"conversation_id"_s, event.value(u"conversation_id"_s)},
                      {u"user_id"_s, event.value(u"user_id"_s)}});
        return;
    }
    if (type == events::kConversationNew) {
        const QUuid userId = uuidField(event, u"user_id"_s);
        m_userChangedAt[userId] = m_eventCounter;
        onConversationNew(conversationId, userId, event.value(u"last_seq"_s).toInteger());
        return;
    }
    if (type == events::kPresence) {
        onPresence(event);
        return;
    }
    if (type == QLatin1StringView(kPresenceHidden)) {
        onPresenceHidden(uuidField(event, u"user_id"_s), event.value(u"hidden"_s).toBool());
        return;
    }
    if (type == events::kConversationPreferences) {
        // The member's own choice: only their sockets, wherever they are.
        QJsonObject data = event;
        data.remove(u"type"_s);
        data.remove(u"user_id"_s);
        const Frame frame = Frame::event(QString(events::kConversationPreferences), data);
        const QSet<Connection *> sockets = m_byUser.value(uuidField(event, u"user_id"_s));
        for (Connection *connection : sockets)
            connection->send(frame);
        return;
    }
    if (type == events::kTyping) {
        onTyping(conversationId, uuidField(event, u"user_id"_s),
                 event.value(u"state"_s).toString() == "start"_L1);
        return;
    }
    if (type == QLatin1StringView(kBlockChanged)) {
        const QUuid blockerId = uuidField(event, u"blocker_id"_s);
        m_userChangedAt[blockerId] = m_eventCounter;
        onBlockChanged(blockerId, uuidField(event, u"blocked_id"_s),
                       event.value(u"blocked"_s).toBool());
        return;
    }
    logging::event(lcRealtime(), QtWarningMsg, u"unknown event type"_s, {{u"type"_s, type}});
}

void Hub::onCommitted(const QList<Message> &messages)
{
    for (const Message &message : messages)
        onMessage(message.conversationId, message);
}

void Hub::onBatch(const QJsonObject &event)
{
    const QJsonArray ranges = event.value(u"ranges"_s).toArray();
    for (const QJsonValue &value : ranges) {
        const QJsonObject range = value.toObject();
        const QUuid conversationId = uuidField(range, u"conversation_id"_s);
        const qint64 from = range.value(u"from"_s).toInteger();
        const qint64 to = range.value(u"to"_s).toInteger();
        if (conversationId.isNull() || from < 1 || to < from)
            continue;
        m_heardSeq[conversationId] = std::max(m_heardSeq.value(conversationId), to);
        if (!m_byConversation.contains(conversationId))
            continue; // nobody here is in it: nothing to read
        m_store.messagesAfter(conversationId, from - 1, int(to - from + 1))
            .then(this, [this, conversationId, to](const Result<QList<Message>> &messages) {
                if (messages) {
                    for (const Message &message : messages.value())
                        onMessage(conversationId, message);
                    return;
                }
                // Catch-up reads them with the next message, or now for sockets behind.
                const QSet<Connection *> members = m_byConversation.value(conversationId);
                for (Connection *connection : members) {
                    auto room = connection->rooms.find(conversationId);
                    if (room != connection->rooms.end() && room->lastSeq < to && !room->busy &&
                        !room->held)
                        fill(connection, conversationId);
                }
            });
    }
}

const QByteArray &Hub::encoded(const Message &message)
{
    if (m_encodedId != message.id || m_encodedFrame.isEmpty()) {
        m_encodedId = message.id;
        m_encodedFrame = ws::textFrame(chat::encodeMessageFrame(events::kMessageNew, {}, message));
    }
    return m_encodedFrame;
}

void Hub::onMessage(const QUuid &conversationId, const Message &message)
{
    m_heardSeq[conversationId] = std::max(m_heardSeq.value(conversationId), message.seq);
    const QSet<Connection *> members = m_byConversation.value(conversationId);
    for (Connection *connection : members)
        offer(connection, conversationId, message);
    if (m_metrics && message.createdAt.isValid())
        m_metrics->observe(
            u"natter_fanout_lag_seconds"_s,
            u"From a message's transaction start to its fan-out here."_s,
            double(QDateTime::currentMSecsSinceEpoch() - message.createdAt.toMSecsSinceEpoch()) /
                1000.0);
}

void Hub::offer(Connection *connection, const QUuid &conversationId, const Message &message)
{
    auto room = connection->rooms.find(conversationId);
    if (room == connection->rooms.end() || message.seq <= room->lastSeq)
        return;
    if (!room->busy && !room->held && message.seq == room->lastSeq + 1) {
        deliver(connection, *room, message);
        return;
    }
    if (room->pending.size() < kMaxPending)
        room->pending.emplace(message.seq, message);
    if (!room->busy && !room->held)
        fill(connection, conversationId);
}

void Hub::deliver(Connection *connection, RoomState &room, const Message &message)
{
    room.lastSeq = message.seq;
    if (connection->blocked.contains(message.senderId) ||
        message.withheldFrom == connection->userId())
        return;
    // Delivered watermarks move when the client says it has the message (receipt.delivered),
    // not here: a socket can take a frame and never hand it to anyone.
    connection->sendWire(encoded(message));
}

void Hub::fill(Connection *connection, const QUuid &conversationId, int emptyRounds)
{
    auto room = connection->rooms.find(conversationId);
    if (room == connection->rooms.end())
        return;
    room->busy = true;
    room->fillRequested = false;
    const qint64 from = room->lastSeq;
    m_store.messagesAfter(conversationId, from, kFillPage)
        .then(this, [this, guard = QPointer<Connection>(connection), conversationId, from,
                     emptyRounds](const Result<QList<Message>> &page) {
            if (!guard || guard->isClosing() || !m_connections.contains(guard))
                return;
            auto room = guard->rooms.find(conversationId);
            if (room == guard->rooms.end())
                return;
            if (!page) {
                // The database is away: keep the room busy and try again.
                QTimer::singleShot(kRetryMs, guard, [this, guard, conversationId, emptyRounds] {
                    fill(guard, conversationId, emptyRounds);
                });
                return;
            }
            bool progressed = false;
            for (const Message &message : page.value()) {
                if (message.seq <= room->lastSeq)
                    continue;
                if (message.seq == room->lastSeq + 1) {
                    deliver(guard, *room, message);
                    progressed = true;
                } else if (room->pending.size() < kMaxPending) {
                    // room.join moved lastSeq back meanwhile: read again from there.
                    room->pending.emplace(message.seq, message);
                }
            }
            Q_UNUSED(from)
            if (page->size() == kFillPage) {
                fill(guard, conversationId);
                return;
            }
            room->busy = false;
            resume(guard, conversationId, progressed ? 0 : emptyRounds + 1);
        });
}

void Hub::resume(Connection *connection, const QUuid &conversationId, int emptyRounds)
{
    auto room = connection->rooms.find(conversationId);
    if (room == connection->rooms.end() || room->busy || room->held)
        return;
    auto &pending = room->pending;
    while (!pending.empty()) {
        auto first = pending.begin();
        if (first->first <= room->lastSeq) {
            pending.erase(first);
        } else if (first->first == room->lastSeq + 1 || emptyRounds > kMaxEmptyRounds) {
            if (first->first != room->lastSeq + 1)
                logging::event(lcRealtime(), QtWarningMsg, u"skipped a gap"_s,
                               {{u"from"_s, room->lastSeq}, {u"to"_s, first->first}});
            const Message message = first->second;
            pending.erase(first);
            deliver(connection, *room, message);
        } else {
            break;
        }
    }
    if (!pending.empty()) {
        // Still a gap: what fills it committed, but our read was too early. Read again.
        if (emptyRounds > 0) {
            room->busy = true;
            QTimer::singleShot(
                50 * emptyRounds, connection,
                [this, guard = QPointer<Connection>(connection), conversationId, emptyRounds] {
                    if (guard && m_connections.contains(guard))
                        fill(guard, conversationId, emptyRounds);
                });
        } else {
            fill(connection, conversationId, emptyRounds);
        }
        return;
    }
    if (room->fillRequested) {
        fill(connection, conversationId);
        return;
    }
    const auto callbacks = std::exchange(room->onCaughtUp, {});
    for (const auto &callback : callbacks)
        callback();
}

void Hub::toConversation(const QUuid &conversationId, const Frame &frame)
{
    const QSet<Connection *> members = m_byConversation.value(conversationId);
    for (Connection *connection : members)
        connection->send(frame);
}

void Hub::onConversationNew(const QUuid &conversationId, const QUuid &userId, qint64 lastSeq)
{
    QList<QPointer<Connection>> targets;
    const QSet<Connection *> sockets = m_byUser.value(userId);
    for (Connection *connection : sockets) {
        if (connection->rooms.contains(conversationId))
            continue;
        addRoom(connection, conversationId, lastSeq);
        // Messages wait until the client was told about the conversation.
        connection->rooms[conversationId].busy = true;
        targets.append(connection);
    }
    if (targets.isEmpty())
        return;
    m_store.conversation(conversationId, userId)
        .then(this, [this, targets, conversationId](const Result<Conversation> &conversation) {
            for (const QPointer<Connection> &connection : targets) {
                if (!connection || !m_connections.contains(connection))
                    continue;
                auto room = connection->rooms.find(conversationId);
                if (room == connection->rooms.end())
                    continue;
                if (conversation)
                    connection->send(Frame::event(QString(events::kConversationNew),
                                                  {{u"conversation"_s, conversation->toJson()}}));
                room->busy = false;
                resume(connection, conversationId);
            }
        });
}

void Hub::onMemberLeft(const QUuid &conversationId, const QUuid &userId, const QJsonObject &data)
{
    toConversation(conversationId, Frame::event(QString(events::kRoomMemberLeft), data));
    const QSet<Connection *> sockets = m_byUser.value(userId);
    for (Connection *connection : sockets)
        removeRoom(connection, conversationId);
    if (m_typing.remove({conversationId, userId}))
        sendTyping(conversationId, userId, false);
}

void Hub::onTyping(const QUuid &conversationId, const QUuid &userId, bool typing)
{
    const std::pair key{conversationId, userId};
    if (typing) {
        m_typing.insert(key, m_clock.elapsed() + m_options.typingTimeoutMs);
        if (!m_typingSweep.isActive())
            m_typingSweep.start();
        sendTyping(conversationId, userId, true);
    } else if (m_typing.remove(key)) {
        sendTyping(conversationId, userId, false);
    }
}

void Hub::sendTyping(const QUuid &conversationId, const QUuid &userId, bool typing)
{
    const Frame frame =
        Frame::event(QString(events::kTyping),
                     {{u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces)},
                      {u"user_id"_s, userId.toString(QUuid::WithoutBraces)},
                      {u"state"_s, typing ? u"start"_s : u"stop"_s}});
    const QSet<Connection *> members = m_byConversation.value(conversationId);
    for (Connection *connection : members) {
        if (connection->userId() == userId || connection->blocked.contains(userId))
            continue;
        if (connection->rooms.value(conversationId).joined ||
            m_typingEverywhere.contains(connection))
            connection->send(frame);
    }
}

void Hub::expireTyping()
{
    const qint64 now = m_clock.elapsed();
    QList<std::pair<QUuid, QUuid>> expired;
    for (auto it = m_typing.cbegin(); it != m_typing.cend(); ++it) {
        if (it.value() <= now)
            expired.append(it.key());
    }
    for (const auto &key : expired) {
        m_typing.remove(key);
        sendTyping(key.first, key.second, false);
    }
    if (m_typing.isEmpty())
        m_typingSweep.stop();
}

void Hub::onBlockChanged(const QUuid &blockerId, const QUuid &blockedId, bool blocked)
{
    const QSet<Connection *> sockets = m_byUser.value(blockerId);
    for (Connection *connection : sockets) {
        if (blocked)
            connection->blocked.insert(blockedId);
        else
            connection->blocked.remove(blockedId);
    }
}

void Hub::recover()
{
    m_changes.recover();
    resync(m_byUser.keys());
}

void Hub::resync(const QList<QUuid> &userIds)
{
    if (userIds.isEmpty())
        return;
    const quint64 startedAt = m_eventCounter;
    m_store.loadSessions(userIds).then(
        this, [this, userIds, startedAt](const Result<QHash<QUuid, SessionState>> &sessions) {
            if (!sessions) {
                QTimer::singleShot(kRetryMs, this, [this, userIds] { resync(userIds); });
                return;
            }
            QList<QUuid> changedAgain;
            for (const QUuid &userId : userIds) {
                const QSet<Connection *> sockets = m_byUser.value(userId);
                if (sockets.isEmpty())
                    continue;
                if (!sessions->contains(userId)) {
                    for (Connection *connection : sockets)
                        connection->closeWith(CloseCode::SessionRevoked, u"account gone"_s);
                    continue;
                }
                const SessionState state = sessions->value(userId);
                for (Connection *connection : sockets) {
                    connection->blocked = state.blocked;
                    const QList<QUuid> rooms = connection->rooms.keys();
                    for (const QUuid &conversationId : rooms) {
                        if (state.conversations.contains(conversationId))
                            continue;
                        connection->send(Frame::event(
                            QString(events::kRoomMemberLeft),
                            {{u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces)},
                             {u"user_id"_s, userId.toString(QUuid::WithoutBraces)}}));
                        removeRoom(connection, conversationId);
                    }
                    for (auto it = state.conversations.cbegin(); it != state.conversations.cend();
                         ++it) {
                        qint64 &heard = m_heardSeq[it.key()];
                        heard = std::max(heard, it.value());
                        auto room = connection->rooms.find(it.key());
                        if (room != connection->rooms.end() && room->lastSeq < it.value() &&
                            !room->busy && !room->held)
                            fill(connection, it.key());
                    }
                }
                for (auto it = state.conversations.cbegin(); it != state.conversations.cend(); ++it)
                    onConversationNew(it.key(), userId, it.value());
                if (m_userChangedAt.value(userId) > startedAt)
                    changedAgain.append(userId);
            }
            if (!changedAgain.isEmpty())
                resync(changedAgain);
        });
}

void Hub::watchPresence(Connection *connection, const QList<QUuid> &userIds)
{
    unwatchPresence(connection);
    if (!m_connections.contains(connection) || userIds.isEmpty())
        return;
    QSet<QUuid> &watched = m_watching[connection];
    for (const QUuid &userId : userIds) {
        watched.insert(userId);
        m_presenceWatchers[userId].insert(connection);
    }
}

void Hub::unwatchPresence(Connection *connection)
{
    const QSet<QUuid> watched = m_watching.take(connection);
    for (const QUuid &userId : watched) {
        auto watchers = m_presenceWatchers.find(userId);
        if (watchers == m_presenceWatchers.end())
            continue;
        watchers->remove(connection);
        if (watchers->isEmpty())
            m_presenceWatchers.erase(watchers);
    }
}

void Hub::onPresence(const QJsonObject &event)
{
    const QSet<Connection *> watchers = m_presenceWatchers.value(uuidField(event, u"user_id"_s));
    if (watchers.isEmpty())
        return;
    QJsonObject data = event;
    data.remove(u"type"_s);
    const Frame frame = Frame::event(QString(events::kPresence), data);
    for (Connection *connection : watchers)
        connection->send(frame);
}

void Hub::onPresenceHidden(const QUuid &userId, bool hidden)
{
    // Hidden: your own sockets stop seeing others (they watch again when shown), and those who
    // watch you learn nothing more; shown again, your state is announced by the change itself.
    const QSet<Connection *> own = m_byUser.value(userId);
    const Frame privacy = Frame::event(QString(events::kPresencePrivacy), {{u"hidden"_s, hidden}});
    for (Connection *connection : own) {
        if (hidden)
            unwatchPresence(connection);
        connection->send(privacy);
    }
    if (!hidden)
        return;
    const Frame unknown = Frame::event(QString(events::kPresence),
                                       {{u"user_id"_s, userId.toString(QUuid::WithoutBraces)},
                                        {u"online"_s, QJsonValue()},
                                        {u"last_seen_at"_s, QJsonValue()}});
    const QSet<Connection *> watchers = m_presenceWatchers.value(userId);
    for (Connection *connection : watchers)
        connection->send(unknown);
}

} // namespace natter::server::realtime
