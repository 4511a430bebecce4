// SPDX-License-Identifier: Apache-2.0
#include "wsframes.h"

namespace natter::bench::ws {

void appendClientFrame(std::string &out, Opcode opcode, std::string_view payload)
{
    out.push_back(char(0x80 | opcode));
    const std::size_t size = payload.size();
    if (size < 126) {
        out.push_back(char(0x80 | size));
    } else if (size < 65536) {
        out.push_back(char(0x80 | 126));
        out.push_back(char(size >> 8));
        out.push_back(char(size & 0xff));
    } else {
        out.push_back(char(0x80 | 127));
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(char((std::uint64_t(size) >> shift) & 0xff));
    }
    out.append(4, '\0'); // the mask key
    out.append(payload);
}

bool nextFrame(std::string_view buffer, ServerFrame &frame)
{
    if (buffer.size() < 2)
        return false;
    const auto byte = [&](std::size_t i) { return std::uint8_t(buffer[i]); };
    std::size_t header = 2;
    std::uint64_t size = byte(1) & 0x7f;
    if (size == 126) {
        if (buffer.size() < 4)
            return false;
        size = (std::uint64_t(byte(2)) << 8) | byte(3);
        header = 4;
    } else if (size == 127) {
        if (buffer.size() < 10)
            return false;
        size = 0;
        for (std::size_t i = 2; i < 10; ++i)
            size = (size << 8) | byte(i);
        header = 10;
    }
    if (buffer.size() < header + size)
        return false;
    frame.opcode = Opcode(byte(0) & 0x0f);
    frame.payload = buffer.substr(header, size);
    frame.size = header + size;
    return true;
}

std::string upgradeRequest(std::string_view host, std::string_view token)
{
    std::string request = "GET /api/v1/ws HTTP/1.1\r\nHost: ";
    request += host;
    request += "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
               "Authorization: Bearer ";
    request += token;
    request += "\r\n\r\n";
    return request;
}

} // namespace natter::bench::ws
