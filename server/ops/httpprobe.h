// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace natter::server::ops {

//! What one HTTP request of the doctor found out.
struct ProbeReply
{
    int status = 0;        //!< 0: no HTTP answer at all (see `error`)
    QString error;         //!< connection, TLS or timeout failure, empty when answered
    QStringList tlsErrors; //!< why the certificate was not accepted
    QByteArray body;       //!< at most the first 64 KiB
    QHash<QByteArray, QByteArray> headers; //!< lower-case names
    QSslCertificate peerCertificate;
    std::optional<double> clockSkewSeconds; //!< the `Date` header against our clock
};

//! What a WebSocket handshake and one frame each way found out.
struct SocketProbeReply
{
    bool upgraded = false; //!< the server answered 101 and the socket opened
    bool answered = false; //!< a frame or a close came back for the frame we sent
    int closeCode = 0;
    QString error;
};

//! Blocking HTTP and WebSocket probes for the doctor, each with a time limit. TLS is verified
//! against the system's certificate authorities plus `extraCaFile` when given (for a private
//! CA such as Caddy's `tls internal`).
class HttpProbe final
{
public:
    explicit HttpProbe(const QString &extraCaFile = {}, int timeoutMs = 8000);

    [[nodiscard]] ProbeReply get(const QUrl &url,
                                 const QHash<QByteArray, QByteArray> &headers = {}) const;
    //! Opens a WebSocket to `url` with `origin`, sends `frame` and waits for any answer.
    [[nodiscard]] SocketProbeReply webSocket(const QUrl &url, const QString &origin,
                                             const QByteArray &frame) const;
    //! False when `extraCaFile` could not be read.
    [[nodiscard]] bool caLoaded() const { return m_caLoaded; }

private:
    QSslConfiguration m_tls;
    int m_timeoutMs;
    bool m_caLoaded = true;
};

} // namespace natter::server::ops
