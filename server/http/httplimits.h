// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

namespace natter::server {

//! What one HTTP connection may cost the server, enforced at the socket before Qt's HTTP
//! server buffers anything. No request header can switch these off.
struct HttpLimits
{
    //! A request body past this is refused with 413 before it is read.
    qint64 maxBodyBytes = 64 * 1024;
    //! Request line plus headers past this are refused with 431.
    qint64 maxHeaderBytes = 16 * 1024;
    //! From the first byte of a request to the end of its headers (slowloris: 408, closed).
    int headerTimeoutMs = 10'000;
    //! A body that stops arriving for this long is dropped.
    int bodyStallTimeoutMs = 30'000;
    //! A kept-alive connection with no request for this long is closed.
    int idleTimeoutMs = 60'000;
};

} // namespace natter::server
