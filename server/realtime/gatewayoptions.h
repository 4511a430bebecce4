// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

namespace natter::server::realtime {

//! The close codes the server uses, as documented in docs/protocol.md. 1000-1011 are the
//! standard ones; 4000-4999 are ours.
enum class CloseCode : quint16
{
    Normal = 1000,
    GoingAway = 1001,       //!< the server is shutting down: reconnect
    UnsupportedData = 1003, //!< a binary frame
    TooBig = 1009,          //!< a frame past Frame::kMaxBytes (sent by Qt itself)
    Internal = 1011,
    TryAgainLater = 1013,    //!< the database is unavailable: reconnect with backoff
    Unauthorized = 4001,     //!< no valid authentication within the deadline, or it expired
    SessionRevoked = 4003,   //!< the sign-in ended: logout, revoked refresh family
    SlowConsumer = 4002,     //!< the outgoing queue passed its bound
    Flood = 4008,            //!< far too many frames, after rate_limited errors
    HeartbeatTimeout = 4009, //!< nothing heard from the peer for too long
};

//! Limits of the WebSocket gateway. Defaults are what production runs; tests may shorten
//! the timeouts.
struct GatewayOptions
{
    //! Time to authenticate (by header or first frame) before close 4001.
    int authTimeoutMs = 10'000;
    //! A socket silent this long is pinged; any frame or pong counts as a sign of life.
    //! 30 s, between Discord's 41 s heartbeat and the 60 s after which common proxies
    //! (nginx's proxy_read_timeout, cloud load balancers) drop a quiet connection; each ping
    //! costs server CPU, so 18,000 idle sockets pinged every 15 s cost twice as much.
    int pingIntervalMs = 30'000;
    //! A peer silent this long is dropped (checked every half ping interval, so a dead peer
    //! is gone within 75 s).
    int idleTimeoutMs = 60'000;
    //! Bytes queued for one socket past which it is closed as a slow consumer.
    qint64 maxQueuedBytes = 4 * 1024 * 1024;
    //! Frames a client may send in a burst, and refilled per second.
    int rateBurst = 60;
    int ratePerSecond = 20;
    //! Frames refused with rate_limited, in a row, before close 4008.
    int maxRefusedFrames = 100;
    //! Typing shows for this long after the last typing.start unless renewed.
    int typingTimeoutMs = 6'000;
    //! A typing.start is forwarded at most this often per socket and conversation.
    int typingThrottleMs = 2'000;
    //! After auth.ok, live messages of a conversation wait this long for the client's room.join
    //! with after_seq, so replay and live messages meet exactly (see docs/protocol.md).
    int joinWindowMs = 2'000;
    //! auth.expiring goes out this long before the access token expires (or halfway through
    //! a shorter token's life).
    int authExpiringLeadMs = 60'000;
    //! Sockets one user may hold at once; a new one past it closes the oldest (4008).
    int maxSocketsPerUser = 32;
    //! Past this many queued database jobs a send gets an `unavailable` error frame.
    int maxQueuedDbJobs = 2000;
    //! Delivered watermarks are written this often (one statement for all of them).
    int deliveredFlushMs = 250;
    //! NATTER_BUS_URL: events between processes travel on this NATS server (nats://...);
    //! empty: through PostgreSQL's LISTEN/NOTIFY, the default.
    QString busUrl;
};

} // namespace natter::server::realtime
