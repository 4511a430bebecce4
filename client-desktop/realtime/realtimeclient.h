// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/message.h"
#include "natter/receipt.h"
#include "natter/result.h"
#include "realtime/backoff.h"

#include <functional>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QWebSocket>

namespace natter::desktop {

class ApiClient;

//! The one WebSocket of the app (`/api/v1/ws`). It authenticates with the API client's access
//! token (renewing it first when it is about to expire), reconnects with exponential backoff
//! and jitter whenever the connection drops, re-joins the focused conversation with
//! `after_seq` so nothing sent meanwhile is lost, and hands messages on in `seq` order without
//! duplicates. A ping every 25 s notices a dead connection that never said goodbye.
class RealtimeClient final : public QObject
{
    Q_OBJECT

public:
    enum class State
    {
        Offline,
        Connecting,
        Online
    };
    Q_ENUM(State)

    explicit RealtimeClient(ApiClient *api, QObject *parent = nullptr);
    ~RealtimeClient() override;

    //! Connects and keeps reconnecting until `stop()`.
    void start();
    void stop();
    //! While waiting to reconnect: try now, with a fresh backoff ("Retry now").
    void reconnectNow();
    [[nodiscard]] State state() const { return m_state; }
    //! For tests: small delays so a reconnect test does not wait for seconds.
    void setBackoff(const Backoff &backoff) { m_backoff = backoff; }
    void setPingInterval(int ms);

    //! Focus a conversation: the server sends everything after `knownSeq` (when >= 0), then live.
    void joinRoom(const QUuid &conversationId);
    void leaveRoom(const QUuid &conversationId);
    [[nodiscard]] QUuid joinedRoom() const { return m_room; }
    void sendTyping(const QUuid &conversationId, bool typing);
    void sendRead(const QUuid &conversationId, qint64 seq);
    void sendDelivered(const QUuid &conversationId, qint64 seq);

    using Callback = std::function<void(Result<QJsonObject>)>;
    //! A request with an `id`, answered by the server's `ack` (its data) or `error`. Fails with
    //! `unavailable` when the connection drops first.
    void request(const QString &type, const QJsonObject &data, QObject *context, Callback callback);

    //! Where a room join learns its `after_seq`: the newest seq the app holds in order for
    //! that conversation (its Timeline's), -1 for none.
    void setKnownSeqSource(std::function<qint64(const QUuid &)> source)
    {
        m_knownSeq = std::move(source);
    }
    //! Where a room join learns its `changes_after`: the conversation's change cursor (#12,
    //! docs/protocol.md), -1 for none (then no changes are replayed).
    void setChangeCursorSource(std::function<qint64(const QUuid &)> source)
    {
        m_changeCursor = std::move(source);
    }

Q_SIGNALS:
    void stateChanged(natter::desktop::RealtimeClient::State state);
    //! Authenticated and (re)joined: a good moment to catch up on the conversation list.
    void connected();
    void messageReceived(const natter::Message &message);
    //! `message.updated`: a message as it now is, after an edit, deletion or reaction (#12).
    void messageUpdated(const natter::Message &message);
    //! The server acknowledged a room join: everything up to it was replayed. `lastRev` is the
    //! ack's `last_rev`, -1 when the join asked for no changes.
    void roomJoined(const QUuid &conversationId, qint64 lastRev);
    //! The server closed the socket with 4003: this sign-in is over (signed out elsewhere,
    //! revoked). The client has stopped; the app must ask to sign in again.
    void signInEnded();
    void typingChanged(const QUuid &conversationId, const QUuid &userId, bool typing);
    void receiptUpdated(const natter::Receipt &receipt);
    void memberJoined(const QUuid &conversationId, const natter::User &user);
    void memberLeft(const QUuid &conversationId, const QUuid &userId);
    void conversationAdded(const natter::Conversation &conversation);
    //! `conversation.preferences` (#18): the user changed a mute, pin or archive somewhere.
    void preferencesChanged(const QUuid &conversationId,
                            const natter::ConversationPreferences &preferences);
    //! `presence` (#18): `{"user_id","online","last_seen_at"}` of a watched person.
    void presenceReceived(const QJsonObject &presence);
    //! `presence.privacy` (#18): the user hid or showed their presence somewhere.
    void presencePrivacyChanged(bool hidden);

private:
    void connectNow();
    void scheduleReconnect();
    void setState(State state);
    void sendFrame(const QString &type, const QJsonObject &data, const QString &id = {});
    void handleFrame(const QString &text);
    void handleDisconnect();
    void failPending();

    ApiClient *m_api;
    QWebSocket m_socket;
    State m_state = State::Offline;
    bool m_running = false;
    bool m_authenticated = false;
    Backoff m_backoff;
    QTimer m_reconnectTimer;
    QTimer m_pingTimer;
    QTimer m_pongDeadline;
    QUuid m_room;
    std::function<qint64(const QUuid &)> m_knownSeq;
    std::function<qint64(const QUuid &)> m_changeCursor;
    int m_nextId = 1;
    struct Pending
    {
        QPointer<QObject> context;
        Callback callback;
    };
    QHash<QString, Pending> m_pending;
};

} // namespace natter::desktop
