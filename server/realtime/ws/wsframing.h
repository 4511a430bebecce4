// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

//! The server side of RFC 6455 as plain functions and one parser, with no socket in them (Qt
//! Core only), so the unit test and the fuzzer drive exactly what a socket runs.
namespace natter::server::realtime::ws {

enum class Opcode : quint8
{
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

//! The RFC 6455 close codes this layer sends by itself (the application's are in CloseCode).
namespace closecode {
constexpr quint16 kNormal = 1000;
constexpr quint16 kGoingAway = 1001;
constexpr quint16 kProtocolError = 1002;
//! Received when the peer's close frame carried no code; never sent (RFC 6455, 7.4.1).
constexpr quint16 kNoStatus = 1005;
constexpr quint16 kInvalidPayload = 1007;
constexpr quint16 kTooBig = 1009;
} // namespace closecode

//! Sec-WebSocket-Accept for a client's Sec-WebSocket-Key (RFC 6455, 4.2.2).
[[nodiscard]] QByteArray acceptKey(QByteArrayView clientKey);
//! A valid Sec-WebSocket-Key: 16 bytes in base64.
[[nodiscard]] bool isValidClientKey(QByteArrayView clientKey);
//! The whole 101 answer to an upgrade with this key.
[[nodiscard]] QByteArray handshakeAnswer(QByteArrayView clientKey);

//! One complete, unmasked, unfragmented server frame. A fan-out builds it once and queues the
//! same (implicitly shared) bytes for every socket.
[[nodiscard]] QByteArray encodeFrame(Opcode opcode, QByteArrayView payload);
[[nodiscard]] inline QByteArray textFrame(QByteArrayView utf8)
{
    return encodeFrame(Opcode::Text, utf8);
}
//! A close frame; the reason is cut to fit a control frame's 125 bytes (at a UTF-8 boundary).
[[nodiscard]] QByteArray closeFrame(quint16 code, QByteArrayView reason);

//! Strict UTF-8 (no overlong forms, no surrogates, nothing past U+10FFFF), as RFC 6455 asks of
//! every text message and close reason.
[[nodiscard]] bool isValidUtf8(QByteArrayView bytes);
//! A close code a peer may send (RFC 6455, 7.4): never 1004-1006, 1015 or anything unassigned.
[[nodiscard]] bool isValidReceivedCloseCode(quint16 code);

//! What the parser found in the bytes from a client.
struct Incoming
{
    enum class Kind
    {
        Text,   //!< a whole text message, valid UTF-8, in `payload`
        Binary, //!< a whole binary message
        Ping,   //!< answer with a pong carrying `payload`
        Pong,
        Close,  //!< the peer's close: `closeCode` (kNoStatus when it sent none) and reason
        Failed, //!< the stream broke the protocol: close with `closeCode`, read no further
    };
    Kind kind = Kind::Failed;
    QByteArray payload;
    quint16 closeCode = 0;
};

//! Reads client frames from a byte stream that arrives in pieces of any size: checks what
//! RFC 6455 requires of a client (masked frames, no reserved bits or opcodes, short unfragmented
//! control frames, continuation only inside a message, UTF-8 text) and assembles fragmented
//! messages, with control frames allowed between the fragments. A message longer than
//! `maxMessageBytes` fails with 1009 as soon as its length is known, before it is buffered.
//! After a failure the parser yields nothing more.
class FrameParser final
{
public:
    explicit FrameParser(qsizetype maxMessageBytes) : m_maxMessageBytes(maxMessageBytes) {}

    //! Adds bytes read from the socket.
    void feed(QByteArrayView bytes);
    //! The next complete message or control frame, if the bytes fed so far hold one.
    [[nodiscard]] std::optional<Incoming> next();
    [[nodiscard]] bool hasFailed() const { return m_failed; }
    //! Bytes fed but not yet part of a result (a partial frame, a partial message).
    [[nodiscard]] qsizetype bufferedBytes() const
    {
        return m_buffer.size() - m_offset + m_message.size();
    }

private:
    [[nodiscard]] Incoming fail(quint16 code);

    qsizetype m_maxMessageBytes;
    //! Unparsed input from m_offset on; emptied (and its memory freed) whenever all is parsed,
    //! so an idle socket holds no buffer.
    QByteArray m_buffer;
    qsizetype m_offset = 0;
    //! The fragments so far of a message whose final frame has not come.
    QByteArray m_message;
    bool m_inMessage = false;
    Opcode m_messageOpcode = Opcode::Text;
    bool m_failed = false;
};

} // namespace natter::server::realtime::ws
