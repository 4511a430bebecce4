// SPDX-License-Identifier: Apache-2.0
#include "rawhttp.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QHostAddress>

namespace natter::testing {
namespace {

qint64 statusField(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field + ':'))
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

} // namespace

bool RawHttp::connectTo(quint16 port)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return m_socket.waitForConnected(5000);
}

bool RawHttp::write(const QByteArray &bytes)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return false;
    m_socket.write(bytes);
    while (m_socket.bytesToWrite() > 0) {
        if (!m_socket.waitForBytesWritten(5000))
            return false;
    }
    return m_socket.state() == QAbstractSocket::ConnectedState;
}

qint64 RawHttp::stream(qint64 total, const QByteArray &unit)
{
    const QByteArray chunk = unit.repeated(1024 * 1024 / unit.size());
    qint64 written = 0;
    while (written < total && m_socket.state() == QAbstractSocket::ConnectedState) {
        m_socket.waitForReadyRead(0);
        if (m_socket.bytesAvailable() > 0)
            break; // the server answered early; stop like a real client would
        if (!write(chunk.left(std::min<qint64>(chunk.size(), total - written))))
            break;
        written += std::min<qint64>(chunk.size(), total - written);
    }
    return written;
}

QByteArray RawHttp::readUntilClosed(int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired()) {
        m_socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
        m_received += m_socket.readAll();
    }
    m_received += m_socket.readAll();
    return m_received;
}

bool RawHttp::waitForClose(int timeoutMs)
{
    (void)readUntilClosed(timeoutMs);
    return m_socket.state() != QAbstractSocket::ConnectedState;
}

qint64 peakRssBytes(qint64 pid)
{
    return statusField(pid, "VmHWM");
}

qint64 rssBytes(qint64 pid)
{
    return statusField(pid, "VmRSS");
}

} // namespace natter::testing
