// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIODevice>
#include <QObject>

#include <memory>

class QTcpSocket;

namespace natter::server {

//! Sends a response body from a device (a stored file) as the client takes it: a chunk at a
//! time, topped up when the socket's send buffer drains, so a 10 MB image sent to a slow
//! client costs a few hundred kilobytes of memory, not 10 MB. Qt 6.4's responder reads a
//! device into the socket as fast as it can instead. Lives as a child of the socket.
class BodyPump final : public QObject
{
public:
    BodyPump(QTcpSocket *socket, std::unique_ptr<QIODevice> body);

private:
    void pump();

    QTcpSocket *m_socket;
    std::unique_ptr<QIODevice> m_body;
};

} // namespace natter::server
