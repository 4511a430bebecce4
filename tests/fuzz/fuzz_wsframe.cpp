// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the WebSocket frame parser every byte from a client goes through
// (realtime/ws). Beyond "no crash, no sanitizer report", it checks properties: the same bytes
// give the same results however the socket happens to split them (the first input byte picks
// the piece size), a text message is valid UTF-8, control payloads fit 125 bytes, nothing comes
// after a failure, and no message passes the bound.
#include "realtime/ws/wsframing.h"

#include <QList>

#include <cstdint>
#include <cstdlib>

using natter::server::realtime::ws::FrameParser;
using natter::server::realtime::ws::Incoming;

namespace {

constexpr qsizetype kMax = 4096;

QList<Incoming> parse(QByteArrayView bytes, qsizetype piece)
{
    FrameParser parser(kMax);
    QList<Incoming> out;
    for (qsizetype at = 0; at < bytes.size(); at += piece) {
        parser.feed(bytes.sliced(at, std::min(piece, bytes.size() - at)));
        while (auto incoming = parser.next()) {
            if (!out.isEmpty() && out.constLast().kind == Incoming::Kind::Failed)
                std::abort(); // something after a failure
            out.append(*incoming);
        }
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const qsizetype piece = qsizetype(data[0] % 32) + 1;
    const QByteArrayView bytes(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1));
    const QList<Incoming> whole = parse(bytes, bytes.size() + 1);
    const QList<Incoming> pieces = parse(bytes, piece);
    if (whole.size() != pieces.size())
        std::abort();
    for (qsizetype i = 0; i < whole.size(); ++i) {
        const Incoming &a = whole[i];
        if (a.kind != pieces[i].kind || a.payload != pieces[i].payload ||
            a.closeCode != pieces[i].closeCode)
            std::abort();
        if (a.payload.size() > kMax)
            std::abort();
        if (a.kind == Incoming::Kind::Text && !natter::server::realtime::ws::isValidUtf8(a.payload))
            std::abort();
        if ((a.kind == Incoming::Kind::Ping || a.kind == Incoming::Kind::Pong) &&
            a.payload.size() > 125)
            std::abort();
    }
    return 0;
}
