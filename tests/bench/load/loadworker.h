// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace natter::bench {

//! One socket the load client holds: whose token, and when it sends, into which conversation.
struct ClientSpec
{
    std::string token;
    std::string conversationId;               //!< empty: this socket only receives
    std::uint32_t sourceAddress = 0x7f000001; //!< 127.0.0.x to connect from, host order
};

//! What the senders do in a phase. Open loop: each sender sends `perSenderRate` messages a
//! second on a fixed schedule, whatever the server answers (latency under a given load).
//! Closed loop: each sender keeps `window` sends unanswered (how many the server can take).
struct Phase
{
    enum Mode
    {
        Idle,
        OpenLoop,
        ClosedLoop
    } mode = Idle;
    double perSenderRate = 0;
    int window = 1;
    std::uint64_t endNs = 0; //!< no send starts after this (CLOCK_MONOTONIC)
    std::uint32_t tag = 0; //!< written into each body: late frames of older phases are not counted
    int bodyBytes = 150;
};

//! What a worker saw since the last take.
struct PhaseStats
{
    std::uint64_t sent = 0;
    std::uint64_t acked = 0;
    std::uint64_t errors = 0;
    std::uint64_t deliveries = 0;
    std::vector<std::uint32_t> deliveryUs; //!< send start to message.new, per delivery
    std::vector<std::uint32_t> ackUs;      //!< send start to its ack
    void merge(PhaseStats &&other);
};

std::uint64_t nowNs();

//! One thread with one epoll set and its share of the sockets: a raw RFC 6455 client, no Qt
//! and no JSON parser on the hot path (frames are told apart by their `"type"` text), so a
//! few threads hold thousands of sockets and are not the bottleneck of the measurement.
class LoadWorker final
{
public:
    LoadWorker(std::string host, std::uint16_t port);
    ~LoadWorker();
    LoadWorker(const LoadWorker &) = delete;
    LoadWorker &operator=(const LoadWorker &) = delete;

    void start();
    //! Opens (or reopens) every socket given so far; `specs` are added first.
    void connectAll(std::vector<ClientSpec> specs);
    //! Closes every socket at once (RST), as a crashed proxy would.
    void dropAll();
    void setPhase(const Phase &phase);
    [[nodiscard]] PhaseStats takeStats();

    std::atomic<int> authenticated{0};
    std::atomic<int> closed{0};
    std::atomic<std::uint64_t> lastAuthNs{0};

private:
    struct Client;
    void run();
    void post(std::function<void()> task);
    void open(Client &client);
    void onReadable(Client &client);
    void onFrame(Client &client, int opcode, std::string_view payload);
    void flush(Client &client);
    void close(Client &client);
    void sendDue(std::uint64_t now);
    void queueSend(Client &client, std::uint64_t now);

    std::string m_host;
    std::uint16_t m_port;
    std::string m_hostHeader;
    int m_epoll = -1;
    int m_wake = -1;
    std::thread m_thread;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex; //!< guards m_tasks and m_stats
    std::vector<std::function<void()>> m_tasks;
    PhaseStats m_stats;
    std::vector<std::unique_ptr<Client>> m_clients;
    Phase m_phase;
    std::uint64_t m_sequence = 0;
};

} // namespace natter::bench
