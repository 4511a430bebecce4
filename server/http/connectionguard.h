// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httplimits.h"

#include <QByteArray>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace natter::server {

class StreamedRequests;

//! Follows the byte stream of one HTTP connection, ahead of Qt's parser: where each request's
//! headers end and how much body follows, so a request is refused before the HTTP server has
//! read it, and a client that trickles bytes (or sends nothing) is dropped on a deadline.
//!
//! The one hand-over it allows is a real WebSocket upgrade (GET, `Upgrade: websocket`, no
//! body): from there on the WebSocket layer (realtime/ws) reads frames and bounds their size. Any
//! other `Upgrade` header is just a header: it never turns the body limit off. The other is a
//! request that `streamed` wants (an upload): the connection is then given to it before Qt reads
//! the body.
class ConnectionGuard final : public QObject
{
public:
    ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits,
                    StreamedRequests *streamed = nullptr);

private:
    enum class Phase
    {
        Idle,    //!< between requests: nothing of the next one has arrived
        Headers, //!< part of a request line or headers arrived
        Body,    //!< the headers are through; m_bodyRemaining bytes of body follow
        Handed,  //!< a WebSocket upgrade or a streamed request: no longer ours to watch
        Refused, //!< answered with an error; draining until closed
    };

    void inspect();
    qsizetype consumeHeaderBytes(const QByteArray &fresh, qsizetype offset);
    //! Decides what the complete `header` (lower-cased) allows next.
    void judgeHeader(const QByteArray &header);
    void enter(Phase phase);
    void onDeadline();
    void refuse(int status, const QByteArray &reason, const QByteArray &code,
                const QByteArray &message);
    void handOver();
    void handOverToStreamed();

    QTcpSocket *m_socket;
    const HttpLimits m_limits;
    StreamedRequests *m_streamed;
    QByteArray m_header;
    qint64 m_bodyRemaining = 0;
    Phase m_phase = Phase::Idle;
    QTimer m_deadline;
};

} // namespace natter::server
