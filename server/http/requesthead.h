// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httplimits.h"

#include <QByteArray>

namespace natter::server {

//! What a request's complete head (request line and headers) allows next, decided before Qt's
//! HTTP server reads a byte of it. A pure function of the bytes, so it can be fuzzed.
struct RequestHeadVerdict
{
    enum class Kind
    {
        Body,      //!< a plain request: `bodyBytes` of body follow (0: none)
        WebSocket, //!< a real WebSocket upgrade: hand the connection over
        Refuse,    //!< answer `status` and close
    };
    Kind kind = Kind::Body;
    qint64 bodyBytes = 0;
    int status = 0;
    QByteArray reason;  //!< HTTP reason phrase
    QByteArray code;    //!< the contract's error code
    QByteArray message; //!< the error message
};

//! Where the head at the start of `bytes` ends: just past its blank line, or -1 while it has
//! none yet. Lines end at LF with or without a CR before it, as Qt's parser reads them, so the
//! guard and Qt always agree on where the head stops.
[[nodiscard]] qsizetype requestHeadEnd(const QByteArray &bytes);

//! Judges `head`, the lower-cased bytes up to and including the blank line. No header can lift
//! the body limit: only GET with `Upgrade: websocket` and no body is handed over.
[[nodiscard]] RequestHeadVerdict judgeRequestHead(const QByteArray &head, const HttpLimits &limits);

} // namespace natter::server
