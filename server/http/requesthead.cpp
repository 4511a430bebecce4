// SPDX-License-Identifier: Apache-2.0
#include "http/requesthead.h"

#include <QList>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! Every value of header `name` (lower-case, without the colon) in a lower-cased head. A line
//! ends at LF, with or without CR before it: Qt's parser (http_parser) accepts bare LFs, so a
//! guard that split at CRLF only could be shown one Content-Length while Qt reads another.
QList<QByteArray> headerValues(const QByteArray &head, const QByteArray &name)
{
    QList<QByteArray> values;
    const QByteArray prefix = name + ':';
    // The first line is the request line; each header starts after a LF.
    for (qsizetype lineEnd = head.indexOf('\n'); lineEnd >= 0;) {
        const qsizetype start = lineEnd + 1;
        lineEnd = head.indexOf('\n', start);
        const QByteArrayView line =
            QByteArrayView(head).sliced(start, (lineEnd < 0 ? head.size() : lineEnd) - start);
        if (line.startsWith(prefix))
            values.append(line.sliced(prefix.size()).trimmed().toByteArray());
    }
    return values;
}

RequestHeadVerdict refusal(int status, const QByteArray &reason, const QByteArray &code,
                           const QByteArray &message)
{
    return {RequestHeadVerdict::Kind::Refuse, 0, status, reason, code, message};
}

bool isDecimal(const QByteArray &text)
{
    if (text.isEmpty() || text.size() > 18)
        return false;
    for (const char ch : text) {
        if (ch < '0' || ch > '9')
            return false;
    }
    return true;
}

} // namespace

qsizetype requestHeadEnd(const QByteArray &bytes)
{
    for (qsizetype lf = bytes.indexOf('\n'); lf >= 0; lf = bytes.indexOf('\n', lf + 1)) {
        if (bytes.size() > lf + 1 && bytes.at(lf + 1) == '\n')
            return lf + 2;
        if (bytes.size() > lf + 2 && bytes.at(lf + 1) == '\r' && bytes.at(lf + 2) == '\n')
            return lf + 3;
    }
    return -1;
}

RequestHeadVerdict judgeRequestHead(const QByteArray &head, const HttpLimits &limits)
{
    if (head.size() > limits.maxHeaderBytes)
        return refusal(431, "Request Header Fields Too Large"_ba, "bad_request"_ba,
                       "The request headers are too large."_ba);
    if (!headerValues(head, "transfer-encoding"_ba).isEmpty())
        return refusal(411, "Length Required"_ba, "bad_request"_ba,
                       "Chunked request bodies are not accepted; send Content-Length."_ba);
    const QList<QByteArray> lengths = headerValues(head, "content-length"_ba);
    // Two lengths are how requests are smuggled past proxies: never guess which counts.
    if (lengths.size() > 1)
        return refusal(400, "Bad Request"_ba, "bad_request"_ba, "Send one Content-Length."_ba);
    qint64 length = 0;
    if (lengths.size() == 1) {
        if (!isDecimal(lengths.first()))
            return refusal(400, "Bad Request"_ba, "bad_request"_ba,
                           "The Content-Length is not valid."_ba);
        length = lengths.first().toLongLong();
    }
    if (length > limits.maxBodyBytes)
        return refusal(413, "Payload Too Large"_ba, "payload_too_large"_ba,
                       "The request body is too large."_ba);
    const QList<QByteArray> upgrade = headerValues(head, "upgrade"_ba);
    if (upgrade.size() == 1 && upgrade.first() == "websocket" && head.startsWith("get ")) {
        if (length > 0)
            return refusal(400, "Bad Request"_ba, "bad_request"_ba,
                           "A WebSocket upgrade carries no body."_ba);
        return {RequestHeadVerdict::Kind::WebSocket, 0, 0, {}, {}, {}};
    }
    return {RequestHeadVerdict::Kind::Body, length, 0, {}, {}, {}};
}

} // namespace natter::server
