// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QTcpSocket>

namespace natter::testing {

//! A plain TCP connection to a server, for requests no well-behaved HTTP client would send:
//! lying headers, bodies that never end, headers that trickle in.
class RawHttp final
{
public:
    [[nodiscard]] bool connectTo(quint16 port);
    //! Writes `bytes` and waits until the kernel took them; false once the server hung up.
    bool write(const QByteArray &bytes);
    //! Writes `total` bytes of filler (`unit` repeated) in 1 MiB chunks until done, the server
    //! answers or it hangs up; returns how many were written.
    qint64 stream(qint64 total, const QByteArray &unit = QByteArrayLiteral("x"));
    //! Everything the server sent until it closed or `timeoutMs` passed.
    [[nodiscard]] QByteArray readUntilClosed(int timeoutMs);
    //! Waits up to `timeoutMs` for the server to close the connection.
    [[nodiscard]] bool waitForClose(int timeoutMs);
    [[nodiscard]] QTcpSocket &socket() { return m_socket; }

private:
    QTcpSocket m_socket;
    QByteArray m_received;
};

//! Peak resident memory (VmHWM) of process `pid`, in bytes, from /proc.
[[nodiscard]] qint64 peakRssBytes(qint64 pid);
//! Current resident memory (VmRSS) of process `pid`, in bytes.
[[nodiscard]] qint64 rssBytes(qint64 pid);

} // namespace natter::testing
