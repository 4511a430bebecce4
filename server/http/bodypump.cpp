// SPDX-License-Identifier: Apache-2.0
#include "http/bodypump.h"

#include <QTcpSocket>

namespace natter::server {
namespace {

constexpr qint64 kChunkBytes = 64 * 1024;
constexpr qint64 kBufferedBytes = 4 * kChunkBytes;

} // namespace

BodyPump::BodyPump(QTcpSocket *socket, std::unique_ptr<QIODevice> body)
    : QObject(socket), m_socket(socket), m_body(std::move(body))
{
    connect(socket, &QTcpSocket::bytesWritten, this, &BodyPump::pump);
    pump();
}

void BodyPump::pump()
{
    while (m_socket->bytesToWrite() < kBufferedBytes) {
        const QByteArray chunk = m_body->read(kChunkBytes);
        if (chunk.isEmpty()) {
            deleteLater();
            disconnect(m_socket, nullptr, this, nullptr);
            return;
        }
        m_socket->write(chunk);
    }
}

} // namespace natter::server
