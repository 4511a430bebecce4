// SPDX-License-Identifier: Apache-2.0
#include "realtime/ws/wsframing.h"

#include <QCryptographicHash>
#include <QtEndian>

#include <cstring>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime::ws {
namespace {

constexpr qsizetype kMaxControlPayload = 125;

bool isControl(quint8 opcode)
{
    return (opcode & 0x8) != 0;
}

bool isKnownOpcode(quint8 opcode)
{
    switch (Opcode(opcode)) {
    case Opcode::Continuation:
    case Opcode::Text:
    case Opcode::Binary:
    case Opcode::Close:
    case Opcode::Ping:
    case Opcode::Pong:
        return true;
    }
    return false;
}

//! The longest prefix of `text` of at most `limit` bytes that ends on a UTF-8 boundary.
QByteArrayView cutAtBoundary(QByteArrayView text, qsizetype limit)
{
    if (text.size() <= limit)
        return text;
    qsizetype end = limit;
    while (end > 0 && (quint8(text[end]) & 0xC0) == 0x80)
        --end;
    return text.first(end);
}

} // namespace

QByteArray acceptKey(QByteArrayView clientKey)
{
    QCryptographicHash sha1(QCryptographicHash::Sha1);
    sha1.addData(clientKey);
    sha1.addData("258EAFA5-E914-47DA-95CA-C5AB0DC85B11"_ba);
    return sha1.result().toBase64();
}

bool isValidClientKey(QByteArrayView clientKey)
{
    const auto decoded = QByteArray::fromBase64Encoding(
        clientKey.toByteArray(),
        QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    return decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok &&
           decoded.decoded.size() == 16;
}

QByteArray handshakeAnswer(QByteArrayView clientKey)
{
    return "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Accept: "_ba +
           acceptKey(clientKey) + "\r\n\r\n"_ba;
}

QByteArray encodeFrame(Opcode opcode, QByteArrayView payload)
{
    const qsizetype size = payload.size();
    const qsizetype header = size < 126 ? 2 : size <= 0xFFFF ? 4 : 10;
    QByteArray frame(header + size, Qt::Uninitialized);
    auto *out = reinterpret_cast<uchar *>(frame.data());
    out[0] = 0x80 | quint8(opcode); // FIN, no reserved bits
    if (header == 2) {
        out[1] = quint8(size);
    } else if (header == 4) {
        out[1] = 126;
        qToBigEndian(quint16(size), out + 2);
    } else {
        out[1] = 127;
        qToBigEndian(quint64(size), out + 2);
    }
    if (size > 0)
        std::memcpy(out + header, payload.data(), size_t(size));
    return frame;
}

QByteArray closeFrame(quint16 code, QByteArrayView reason)
{
    QByteArray payload(2, Qt::Uninitialized);
    qToBigEndian(code, payload.data());
    payload.append(cutAtBoundary(reason, kMaxControlPayload - 2));
    return encodeFrame(Opcode::Close, payload);
}

bool isValidUtf8(QByteArrayView bytes)
{
    const auto *p = reinterpret_cast<const uchar *>(bytes.data());
    const auto *end = p + bytes.size();
    while (p < end) {
        // Plain ASCII, eight bytes at a time: most of what clients send.
        if (end - p >= 8) {
            quint64 word;
            std::memcpy(&word, p, 8);
            if ((word & 0x8080808080808080ULL) == 0) {
                p += 8;
                continue;
            }
        }
        const uchar lead = *p;
        if (lead < 0x80) {
            ++p;
            continue;
        }
        int more = 0;
        uchar low = 0x80; // bounds of the second byte (RFC 3629, section 4)
        uchar high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            more = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            more = 2;
            if (lead == 0xE0)
                low = 0xA0; // no overlong forms
            else if (lead == 0xED)
                high = 0x9F; // no surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            more = 3;
            if (lead == 0xF0)
                low = 0x90;
            else if (lead == 0xF4)
                high = 0x8F; // nothing past U+10FFFF
        } else {
            return false;
        }
        if (end - p <= more)
            return false;
        if (p[1] < low || p[1] > high)
            return false;
        for (int i = 2; i <= more; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return false;
        }
        p += more + 1;
    }
    return true;
}

bool isValidReceivedCloseCode(quint16 code)
{
    if (code >= 3000 && code <= 4999)
        return true;
    return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014);
}

void FrameParser::feed(QByteArrayView bytes)
{
    if (m_failed || bytes.isEmpty())
        return;
    if (m_offset > 0) {
        // What is left is the start of one frame: keep only it, so the buffer never grows
        // past one frame however long the stream runs.
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

Incoming FrameParser::fail(quint16 code)
{
    m_failed = true;
    m_buffer.clear();
    m_message.clear();
    m_offset = 0;
    return Incoming{Incoming::Kind::Failed, {}, code};
}

std::optional<Incoming> FrameParser::next()
{
    while (!m_failed) {
        const auto *data = reinterpret_cast<const uchar *>(m_buffer.constData()) + m_offset;
        const qsizetype available = m_buffer.size() - m_offset;
        if (available < 2)
            break;
        const bool fin = (data[0] & 0x80) != 0;
        const quint8 opcode = data[0] & 0x0F;
        if ((data[0] & 0x70) != 0 || !isKnownOpcode(opcode))
            return fail(closecode::kProtocolError); // no extension was agreed
        if ((data[1] & 0x80) == 0)
            return fail(closecode::kProtocolError); // a client masks every frame
        const quint8 shortLength = data[1] & 0x7F;
        if (isControl(opcode) && (!fin || shortLength > kMaxControlPayload))
            return fail(closecode::kProtocolError);
        qsizetype header = 2;
        quint64 length = shortLength;
        if (shortLength == 126) {
            header = 4;
            if (available < header)
                break;
            length = qFromBigEndian<quint16>(data + 2);
        } else if (shortLength == 127) {
            header = 10;
            if (available < header)
                break;
            length = qFromBigEndian<quint64>(data + 2);
            if (length >> 63)
                return fail(closecode::kProtocolError);
        }
        if (!isControl(opcode)) {
            const bool continuation = opcode == quint8(Opcode::Continuation);
            if (continuation != m_inMessage)
                return fail(closecode::kProtocolError); // a stray or an interrupted fragment
            if (length > quint64(m_maxMessageBytes - m_message.size()))
                return fail(closecode::kTooBig);
        }
        header += 4; // the mask
        if (available < header || quint64(available - header) < length)
            break;
        const uchar *mask = data + header - 4;
        QByteArray payload(qsizetype(length), Qt::Uninitialized);
        auto *out = reinterpret_cast<uchar *>(payload.data());
        for (qsizetype i = 0; i < qsizetype(length); ++i)
            out[i] = data[header + i] ^ mask[i & 3];
        m_offset += header + qsizetype(length);
        if (m_offset == m_buffer.size()) {
            m_buffer.clear(); // frees it: an idle socket keeps no buffer
            m_offset = 0;
        }

        switch (Opcode(opcode)) {
        case Opcode::Ping:
            return Incoming{Incoming::Kind::Ping, payload, 0};
        case Opcode::Pong:
            return Incoming{Incoming::Kind::Pong, payload, 0};
        case Opcode::Close: {
            if (payload.isEmpty())
                return Incoming{Incoming::Kind::Close, {}, closecode::kNoStatus};
            if (payload.size() == 1)
                return fail(closecode::kProtocolError);
            const quint16 code = qFromBigEndian<quint16>(payload.constData());
            if (!isValidReceivedCloseCode(code))
                return fail(closecode::kProtocolError);
            const QByteArray reason = payload.mid(2);
            if (!isValidUtf8(reason))
                return fail(closecode::kInvalidPayload);
            return Incoming{Incoming::Kind::Close, reason, code};
        }
        case Opcode::Text:
        case Opcode::Binary:
            m_messageOpcode = Opcode(opcode);
            m_inMessage = true;
            [[fallthrough]];
        case Opcode::Continuation:
            if (m_message.isEmpty())
                m_message = payload; // the common unfragmented case copies nothing more
            else
                m_message.append(payload);
            break;
        }
        if (!fin)
            continue;
        m_inMessage = false;
        QByteArray message = std::exchange(m_message, {});
        if (m_messageOpcode == Opcode::Binary)
            return Incoming{Incoming::Kind::Binary, message, 0};
        if (!isValidUtf8(message))
            return fail(closecode::kInvalidPayload);
        return Incoming{Incoming::Kind::Text, message, 0};
    }
    return std::nullopt;
}

} // namespace natter::server::realtime::ws
