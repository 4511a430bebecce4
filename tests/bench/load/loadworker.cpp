// SPDX-License-Identifier: Apache-2.0
#include "loadworker.h"

#include "wsframes.h"

#include <arpa/inet.h>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <utility>

namespace natter::bench {
namespace {

constexpr std::string_view kMessageNew = "\"type\":\"message.new\"";
constexpr std::string_view kAck = "\"type\":\"ack\"";
constexpr std::string_view kError = "\"type\":\"error\"";
constexpr std::string_view kAuthOk = "\"type\":\"auth.ok\"";
//! Each benchmark body starts with this, then the send time and the phase tag.
constexpr std::string_view kBodyMark = "\"body_text\":\"t";

bool contains(std::string_view text, std::string_view part)
{
    return text.find(part) != std::string_view::npos;
}

//! "t<ns>p<tag>x..." after kBodyMark: the send time, when the tag is `tag`.
bool sentAt(std::string_view payload, std::uint32_t tag, std::uint64_t &ns)
{
    const auto at = payload.find(kBodyMark);
    if (at == std::string_view::npos)
        return false;
    const char *first = payload.data() + at + kBodyMark.size();
    const char *last = payload.data() + payload.size();
    auto [afterNs, error] = std::from_chars(first, last, ns);
    if (error != std::errc() || afterNs == last || *afterNs != 'p')
        return false;
    std::uint32_t found = 0;
    auto [afterTag, tagError] = std::from_chars(afterNs + 1, last, found);
    return tagError == std::errc() && found == tag;
}

} // namespace

struct LoadWorker::Client
{
    ClientSpec spec;
    int fd = -1;
    enum State
    {
        Down,
        Upgrading,
        Open
    } state = Down;
    std::string in;
    std::string out;
    bool wantsWrite = false;
    std::uint64_t nextSendNs = 0;
    int inFlight = 0;
    std::vector<std::uint64_t> sendTimes; //!< of unanswered sends, oldest first
};

std::uint64_t nowNs()
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return std::uint64_t(ts.tv_sec) * 1'000'000'000ULL + std::uint64_t(ts.tv_nsec);
}

void PhaseStats::merge(PhaseStats &&other)
{
    sent += other.sent;
    acked += other.acked;
    errors += other.errors;
    deliveries += other.deliveries;
    deliveryUs.insert(deliveryUs.end(), other.deliveryUs.begin(), other.deliveryUs.end());
    ackUs.insert(ackUs.end(), other.ackUs.begin(), other.ackUs.end());
}

LoadWorker::LoadWorker(std::string host, std::uint16_t port)
    : m_host(std::move(host)), m_port(port), m_hostHeader(m_host + ":" + std::to_string(port))
{
    m_epoll = epoll_create1(EPOLL_CLOEXEC);
    m_wake = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.ptr = nullptr;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, m_wake, &event);
}

LoadWorker::~LoadWorker()
{
    m_stop = true;
    post([] {});
    if (m_thread.joinable())
        m_thread.join();
    for (auto &client : m_clients) {
        if (client->fd >= 0)
            ::close(client->fd);
    }
    ::close(m_wake);
    ::close(m_epoll);
}

void LoadWorker::start()
{
    m_thread = std::thread([this] { run(); });
}

void LoadWorker::post(std::function<void()> task)
{
    {
        std::lock_guard lock(m_mutex);
        m_tasks.push_back(std::move(task));
    }
    const std::uint64_t one = 1;
    (void)!write(m_wake, &one, sizeof one);
}

void LoadWorker::connectAll(std::vector<ClientSpec> specs)
{
    post([this, specs = std::move(specs)]() mutable {
        for (ClientSpec &spec : specs) {
            m_clients.push_back(std::make_unique<Client>());
            m_clients.back()->spec = std::move(spec);
        }
        for (auto &client : m_clients) {
            if (client->state == Client::Down)
                open(*client);
        }
    });
}

void LoadWorker::dropAll()
{
    post([this] {
        for (auto &client : m_clients) {
            if (client->fd < 0)
                continue;
            linger hard{1, 0}; // close with RST, no lingering FIN handshake
            setsockopt(client->fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
            close(*client);
        }
        authenticated = 0;
        closed = 0;
    });
}

void LoadWorker::setPhase(const Phase &phase)
{
    post([this, phase] {
        m_phase = phase;
        const std::uint64_t now = nowNs();
        // Senders start spread over one interval, so an open loop offers a steady rate
        // instead of every sender's message at the same instant.
        const auto interval = std::uint64_t(1e9 / std::max(phase.perSenderRate, 1e-3));
        const std::uint64_t count = std::max<std::size_t>(m_clients.size(), 1);
        std::uint64_t position = 0;
        for (auto &client : m_clients) {
            client->nextSendNs = now + interval * position++ / count;
            client->inFlight = 0;
            client->sendTimes.clear();
        }
    });
}

PhaseStats LoadWorker::takeStats()
{
    std::lock_guard lock(m_mutex);
    return std::exchange(m_stats, {});
}

void LoadWorker::open(Client &client)
{
    client.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (client.fd < 0) {
        ++closed;
        return;
    }
    const int on = 1;
    setsockopt(client.fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
    // Many sockets to one server port: the source port is chosen per (source, destination)
    // pair at connect, so each 127.0.0.x source address has a whole port range of its own.
    setsockopt(client.fd, IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, &on, sizeof on);
    sockaddr_in source{};
    source.sin_family = AF_INET;
    source.sin_addr.s_addr = htonl(client.spec.sourceAddress);
    bind(client.fd, reinterpret_cast<sockaddr *>(&source), sizeof source);
    sockaddr_in server{};
    server.sin_family = AF_INET;
    server.sin_port = htons(m_port);
    inet_pton(AF_INET, m_host.c_str(), &server.sin_addr);
    connect(client.fd, reinterpret_cast<sockaddr *>(&server), sizeof server);
    client.state = Client::Upgrading;
    client.in.clear();
    client.out = ws::upgradeRequest(m_hostHeader, client.spec.token);
    client.wantsWrite = true;
    epoll_event event{};
    event.events = EPOLLIN | EPOLLOUT;
    event.data.ptr = &client;
    epoll_ctl(m_epoll, EPOLL_CTL_ADD, client.fd, &event);
}

void LoadWorker::close(Client &client)
{
    if (client.fd < 0)
        return;
    epoll_ctl(m_epoll, EPOLL_CTL_DEL, client.fd, nullptr);
    ::close(client.fd);
    client.fd = -1;
    client.state = Client::Down;
    client.out.clear();
    client.in.clear();
    ++closed;
}

void LoadWorker::flush(Client &client)
{
    while (!client.out.empty()) {
        const ssize_t written =
            ::send(client.fd, client.out.data(), client.out.size(), MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINPROGRESS ||
                errno == ENOTCONN)
                break;
            close(client);
            return;
        }
        client.out.erase(0, std::size_t(written));
    }
    const bool wantsWrite = !client.out.empty();
    if (wantsWrite != client.wantsWrite) {
        client.wantsWrite = wantsWrite;
        epoll_event event{};
        event.events = EPOLLIN | (wantsWrite ? EPOLLOUT : 0u);
        event.data.ptr = &client;
        epoll_ctl(m_epoll, EPOLL_CTL_MOD, client.fd, &event);
    }
}

void LoadWorker::onReadable(Client &client)
{
    char buffer[65536];
    for (;;) {
        const ssize_t got = recv(client.fd, buffer, sizeof buffer, 0);
        if (got == 0 || (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK)) {
            close(client);
            return;
        }
        if (got < 0)
            break;
        client.in.append(buffer, std::size_t(got));
    }
    std::size_t used = 0;
    if (client.state == Client::Upgrading) {
        const auto end = client.in.find("\r\n\r\n");
        if (end == std::string::npos)
            return;
        if (client.in.compare(0, 12, "HTTP/1.1 101") != 0) {
            close(client);
            return;
        }
        client.state = Client::Open;
        used = end + 4;
    }
    ws::ServerFrame frame;
    while (client.fd >= 0 && ws::nextFrame(std::string_view(client.in).substr(used), frame)) {
        onFrame(client, frame.opcode, frame.payload);
        used += frame.size;
    }
    if (client.fd >= 0)
        client.in.erase(0, used);
}

void LoadWorker::onFrame(Client &client, int opcode, std::string_view payload)
{
    if (opcode == ws::Ping) {
        ws::appendClientFrame(client.out, ws::Pong, payload);
        flush(client);
        return;
    }
    if (opcode == ws::Close) {
        close(client);
        return;
    }
    if (opcode != ws::Text)
        return;
    const std::uint64_t now = nowNs();
    if (contains(payload, kMessageNew)) {
        std::uint64_t sent = 0;
        if (sentAt(payload, m_phase.tag, sent)) {
            std::lock_guard lock(m_mutex);
            ++m_stats.deliveries;
            m_stats.deliveryUs.push_back(std::uint32_t((now - sent) / 1000));
        }
        return;
    }
    if (contains(payload, kAck) || contains(payload, kError)) {
        if (client.sendTimes.empty())
            return;
        const std::uint64_t sent = client.sendTimes.front();
        client.sendTimes.erase(client.sendTimes.begin());
        --client.inFlight;
        std::lock_guard lock(m_mutex);
        if (contains(payload, kError)) {
            ++m_stats.errors;
        } else {
            ++m_stats.acked;
            m_stats.ackUs.push_back(std::uint32_t((now - sent) / 1000));
        }
        return;
    }
    if (contains(payload, kAuthOk)) {
        ++authenticated;
        std::uint64_t seen = lastAuthNs.load();
        while (seen < now && !lastAuthNs.compare_exchange_weak(seen, now)) {
        }
    }
}

void LoadWorker::queueSend(Client &client, std::uint64_t now)
{
    // {"type":"message.send","id":"...","data":{"conversation_id":"...","body_text":"t<ns>p<tag>xxx"}}
    std::string body = "t" + std::to_string(now) + "p" + std::to_string(m_phase.tag);
    if (int(body.size()) < m_phase.bodyBytes)
        body.append(std::size_t(m_phase.bodyBytes) - body.size(), 'x');
    std::string frame = R"({"type":"message.send","id":"s)" + std::to_string(++m_sequence) +
                        R"(","data":{"conversation_id":")" + client.spec.conversationId +
                        R"(","body_text":")" + body + R"("}})";
    ws::appendClientFrame(client.out, ws::Text, frame);
    client.sendTimes.push_back(now);
    ++client.inFlight;
    std::lock_guard lock(m_mutex);
    ++m_stats.sent;
}

void LoadWorker::sendDue(std::uint64_t now)
{
    if (m_phase.mode == Phase::Idle || now >= m_phase.endNs)
        return;
    const auto interval = std::uint64_t(1e9 / std::max(m_phase.perSenderRate, 1e-3));
    for (auto &client : m_clients) {
        if (client->state != Client::Open || client->spec.conversationId.empty())
            continue;
        bool queued = false;
        if (m_phase.mode == Phase::OpenLoop) {
            while (client->nextSendNs <= now) {
                queueSend(*client, now);
                client->nextSendNs += interval;
                queued = true;
            }
        } else {
            while (client->inFlight < m_phase.window) {
                queueSend(*client, now);
                queued = true;
            }
        }
        if (queued)
            flush(*client);
    }
}

void LoadWorker::run()
{
    epoll_event events[512];
    while (!m_stop) {
        const int timeoutMs = m_phase.mode == Phase::Idle ? 50 : 1;
        const int count = epoll_wait(m_epoll, events, 512, timeoutMs);
        for (int i = 0; i < count; ++i) {
            auto *client = static_cast<Client *>(events[i].data.ptr);
            if (!client) {
                std::uint64_t drained = 0;
                (void)!read(m_wake, &drained, sizeof drained);
                std::vector<std::function<void()>> tasks;
                {
                    std::lock_guard lock(m_mutex);
                    tasks.swap(m_tasks);
                }
                for (auto &task : tasks)
                    task();
                continue;
            }
            if (client->fd < 0)
                continue;
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR))
                onReadable(*client);
            if (client->fd >= 0 && (events[i].events & EPOLLOUT))
                flush(*client);
        }
        sendDue(nowNs());
    }
}

} // namespace natter::bench
