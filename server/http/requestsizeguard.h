// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httplimits.h"

#include <QTcpServer>

namespace natter::server {

class StreamedRequests;

//! The listening socket handed to QAbstractHttpServer::bind(). Qt 6.4's HTTP server reads a
//! whole request body into memory with no limit and never times a connection out, so every
//! connection is watched here first (see ConnectionGuard): oversized headers get 431, a
//! Content-Length past the cap 413, a chunked body 411, slow headers 408, each before the
//! server buffers anything. A large listen backlog lets thousands of clients reconnect at once
//! after a restart without their SYNs being dropped.
class RequestSizeGuard final : public QTcpServer
{
    Q_OBJECT

public:
    explicit RequestSizeGuard(HttpLimits limits, QObject *parent = nullptr);

    //! Requests to take off Qt's HTTP server before it reads their bodies (uploads).
    void setStreamedRequests(StreamedRequests *streamed) { m_streamed = streamed; }

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    HttpLimits m_limits;
    StreamedRequests *m_streamed = nullptr;
};

} // namespace natter::server
