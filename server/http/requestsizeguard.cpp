// SPDX-License-Identifier: Apache-2.0
#include "http/requestsizeguard.h"

#include "http/connectionguard.h"

#include <QTcpSocket>

namespace natter::server {

RequestSizeGuard::RequestSizeGuard(HttpLimits limits, QObject *parent)
    : QTcpServer(parent), m_limits(limits)
{
    setListenBacklogSize(4096);
}

void RequestSizeGuard::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Small frames (a message, an ack) leave at once instead of waiting for Nagle's timer.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new ConnectionGuard(socket, m_limits, m_streamed);
    addPendingConnection(socket);
}

} // namespace natter::server
