// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

//! The few pieces of RFC 6455 a load client needs, without Qt: a masked client frame, and
//! the next complete frame of a server's byte stream.
namespace natter::bench::ws {

enum Opcode : std::uint8_t
{
    Text = 0x1,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
};

//! Appends a client frame (FIN, masked with a zero key: RFC 6455 asks for a mask, not for
//! an unpredictable one from a benchmark, and a zero key leaves the payload as it is).
void appendClientFrame(std::string &out, Opcode opcode, std::string_view payload);

struct ServerFrame
{
    Opcode opcode = Text;
    std::string_view payload; //!< points into the buffer given to nextFrame()
    std::size_t size = 0;     //!< bytes the whole frame took
};

//! The first complete frame at the start of `buffer`, or false when more bytes are needed.
//! Server frames are never masked and Qt sends each message as one frame.
bool nextFrame(std::string_view buffer, ServerFrame &frame);

//! The HTTP request that upgrades a connection, authenticated by header (docs/protocol.md).
std::string upgradeRequest(std::string_view host, std::string_view token);

} // namespace natter::bench::ws
