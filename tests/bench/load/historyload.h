// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace natter::bench {

struct HistoryStats
{
    std::uint64_t pages = 0;
    std::uint64_t failures = 0;
    std::vector<std::uint32_t> pageUs;
};

//! `clients` threads, each with one keep-alive HTTP/1.1 connection, fetching pages of 50
//! (`GET /api/v1/conversations/{id}/messages?before=N&limit=50`, N random) back to back for
//! `seconds`. Blocking sockets: eight of them need no event loop.
HistoryStats loadHistory(const std::string &host, std::uint16_t port,
                         const std::vector<std::string> &tokens, const std::string &conversationId,
                         int maxSeq, int clients, double seconds);

} // namespace natter::bench
