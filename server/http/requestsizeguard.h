// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QTcpServer>

namespace natter::server {

//! The listening socket handed to QAbstractHttpServer::bind(). Qt 6.4's HTTP server reads a
//! whole request body into memory with no limit, so every connection is watched here first:
//! headers past 16 KiB get 431, a Content-Length past the cap 413, a chunked body 411, each
//! before the server buffers it. A large listen backlog lets thousands of clients reconnect at
//! once after a restart without their SYNs being dropped.
class RequestSizeGuard final : public QTcpServer
{
    Q_OBJECT

public:
    explicit RequestSizeGuard(qint64 maxBodyBytes, QObject *parent = nullptr);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    qint64 m_maxBodyBytes;
};

} // namespace natter::server
