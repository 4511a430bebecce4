// SPDX-License-Identifier: Apache-2.0
#include "historyload.h"

#include "loadworker.h"

#include <arpa/inet.h>
#include <cstring>
#include <mutex>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <random>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace natter::bench {
namespace {

int connectTo(const std::string &host, std::uint16_t port)
{
    const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int on = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(port);
    inet_pton(AF_INET, host.c_str(), &server.sin_addr);
    if (connect(fd, reinterpret_cast<sockaddr *>(&server), sizeof server) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

//! Reads one response; true when it was a 200 with its whole body.
bool readResponse(int fd, std::string &buffer)
{
    char chunk[65536];
    std::size_t headerEnd;
    while ((headerEnd = buffer.find("\r\n\r\n")) == std::string::npos) {
        const ssize_t got = recv(fd, chunk, sizeof chunk, 0);
        if (got <= 0)
            return false;
        buffer.append(chunk, std::size_t(got));
    }
    const bool ok = buffer.compare(0, 12, "HTTP/1.1 200") == 0;
    std::size_t length = 0;
    for (const char *name : {"\r\nContent-Length: ", "\r\ncontent-length: "}) {
        const auto at = buffer.find(name);
        if (at != std::string::npos && at < headerEnd)
            length = std::strtoul(buffer.c_str() + at + std::strlen(name), nullptr, 10);
    }
    const std::size_t total = headerEnd + 4 + length;
    while (buffer.size() < total) {
        const ssize_t got = recv(fd, chunk, sizeof chunk, 0);
        if (got <= 0)
            return false;
        buffer.append(chunk, std::size_t(got));
    }
    buffer.erase(0, total);
    return ok;
}

} // namespace

HistoryStats loadHistory(const std::string &host, std::uint16_t port,
                         const std::vector<std::string> &tokens, const std::string &conversationId,
                         int maxSeq, int clients, double seconds)
{
    HistoryStats total;
    std::mutex mutex;
    const std::uint64_t endNs = nowNs() + std::uint64_t(seconds * 1e9);
    std::vector<std::thread> threads;
    for (int c = 0; c < clients; ++c) {
        threads.emplace_back([&, c] {
            HistoryStats mine;
            std::mt19937 random(unsigned(c) + 1);
            std::uniform_int_distribution<int> before(51, maxSeq);
            int fd = connectTo(host, port);
            std::string buffer;
            const std::string &token = tokens[std::size_t(c) % tokens.size()];
            while (fd >= 0 && nowNs() < endNs) {
                const std::string request = "GET /api/v1/conversations/" + conversationId +
                                            "/messages?before=" + std::to_string(before(random)) +
                                            "&limit=50 HTTP/1.1\r\nHost: " + host +
                                            "\r\nAuthorization: Bearer " + token + "\r\n\r\n";
                const std::uint64_t started = nowNs();
                if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) !=
                    ssize_t(request.size())) {
                    ++mine.failures;
                    break;
                }
                if (readResponse(fd, buffer)) {
                    ++mine.pages;
                    mine.pageUs.push_back(std::uint32_t((nowNs() - started) / 1000));
                } else {
                    ++mine.failures;
                }
            }
            if (fd >= 0)
                ::close(fd);
            std::lock_guard lock(mutex);
            total.pages += mine.pages;
            total.failures += mine.failures;
            total.pageUs.insert(total.pageUs.end(), mine.pageUs.begin(), mine.pageUs.end());
        });
    }
    for (auto &thread : threads)
        thread.join();
    return total;
}

} // namespace natter::bench
