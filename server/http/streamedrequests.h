// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>

class QTcpSocket;

namespace natter::server {

//! Requests whose bodies must never pass through Qt's HTTP server, which reads a whole body
//! into memory (uploads of many megabytes). ConnectionGuard asks wants() about every request
//! head before Qt's parser has finished with it; a request that is wanted is taken off Qt's
//! hands, socket and all, and read by take() as it arrives.
class StreamedRequests
{
public:
    virtual ~StreamedRequests() = default;

    //! True when the request with `lowerCaseHead` (request line and headers, lower-cased) is to
    //! be read by take().
    [[nodiscard]] virtual bool wants(const QByteArray &lowerCaseHead) const = 0;
    //! Takes `socket` over for good. Its unread bytes start with the request's head; Qt's HTTP
    //! server no longer reads it.
    virtual void take(QTcpSocket *socket) = 0;
};

} // namespace natter::server
