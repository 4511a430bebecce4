// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for the frame parser both the server and the desktop app run on every frame
// a peer sends. Beyond "no crash, no sanitizer report", it checks a property: whatever parses
// serializes to text that parses back to the same frame, so what the server echoes is what it
// understood.
#include "natter/frame.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const auto parsed =
        natter::Frame::parse(QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!parsed)
        return 0;
    const QByteArray text = parsed.value().serialize();
    const auto again = natter::Frame::parse(text);
    if (!again || !(again.value() == parsed.value()))
        std::abort();
    return 0;
}
