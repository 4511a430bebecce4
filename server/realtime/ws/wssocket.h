// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "realtime/ws/wsframing.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>

class QSocketNotifier;

namespace natter::server::realtime::ws {

//! One server-side WebSocket on a raw, non-blocking TCP descriptor taken from Qt's HTTP server
//! after the upgrade (see HttpServer::setWebSocketPath). It replaces QWebSocket + QTcpSocket,
//! which cost about 22 KB per idle socket (two private objects, read and write buffers, ~31
//! connections, a QTimer, two QNetworkRequests); this holds a descriptor, one read notifier,
//! an empty queue and the parser's state.
//!
//! Outgoing frames are queued as complete QByteArrays, so a fan-out can queue the same
//! (implicitly shared) bytes for every socket, and written with one sendmsg() per socket per
//! pass of the event loop: frames queued while the loop handles one batch of events leave
//! together. A write notifier exists only while the kernel's send buffer is full.
class WsSocket final : public QObject
{
public:
    //! What the socket tells its owner (the Connection). Calls may come from inside send()
    //! or close() (a write that finds the peer gone), never after onDisconnected().
    class Handler
    {
    public:
        virtual void onText(const QByteArray &utf8) = 0;
        virtual void onBinary() = 0;
        //! Any frame from the peer, a pong included: it is alive.
        virtual void onHeard() = 0;
        //! The descriptor is closed: after the close handshake, a failure, abort() or EOF.
        virtual void onDisconnected() = 0;

    protected:
        ~Handler() = default;
    };

    //! Takes ownership of `descriptor` (connected, upgraded); `maxMessageBytes` bounds a message.
    WsSocket(int descriptor, const QHostAddress &peerAddress, quint16 peerPort,
             qsizetype maxMessageBytes, QObject *parent = nullptr);
    ~WsSocket() override;

    //! Starts reading; `early` are bytes that arrived with the upgrade request, after it.
    void start(Handler *handler, const QByteArray &early);

    [[nodiscard]] QHostAddress peerAddress() const { return m_peerAddress; }
    [[nodiscard]] quint16 peerPort() const { return m_peerPort; }
    [[nodiscard]] bool isOpen() const { return m_state == State::Open; }
    //! Bytes queued and not yet taken by the kernel.
    [[nodiscard]] qint64 queuedBytes() const { return m_queuedBytes; }

    //! Queues bytes that are already a complete frame (or the handshake answer) for the next
    //! write; ignored once the socket is closing.
    void send(const QByteArray &wire);
    void ping();
    //! Starts the close handshake (`code` and `reason` to the peer, our side shut once that is
    //! written). The descriptor is closed when the peer answers, or after two seconds.
    void close(quint16 code, QByteArrayView reason);
    //! Closes the descriptor now, without a handshake (a dead peer).
    void abort();

    //! Writes what is queued, as far as the kernel takes it (the flusher calls this).
    void flush();

private:
    enum class State : quint8
    {
        Open,
        Closing,   //!< our close frame is queued; waiting for the peer's
        Finishing, //!< both close frames exchanged: the descriptor goes once the queue is out
        Closed,
    };

    void onReadable();
    //! Acts on every complete frame parsed so far.
    void dispatch();
    void answerClose(quint16 code);
    void scheduleFlush();
    void setWaitingToWrite(bool waiting);
    void closeDescriptor();

    int m_descriptor;
    State m_state = State::Open;
    //! In the flusher's list for the end of this pass.
    bool m_flushScheduled = false;
    //! After a protocol failure: what the peer sends is read and dropped.
    bool m_discarding = false;
    //! Our side of the connection is shut (FIN sent after our close frame).
    bool m_writeShut = false;
    quint16 m_peerPort;
    Handler *m_handler = nullptr;
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    QHostAddress m_peerAddress;
    FrameParser m_parser;
    //! Frames to write; the first one from m_headOffset on.
    QList<QByteArray> m_queue;
    qsizetype m_headOffset = 0;
    qint64 m_queuedBytes = 0;
};

} // namespace natter::server::realtime::ws
