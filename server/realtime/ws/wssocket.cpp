// SPDX-License-Identifier: Apache-2.0
#include "realtime/ws/wssocket.h"

#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <array>
#include <cerrno>
#include <vector>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime::ws {
namespace {

//! A peer that does not answer our close frame within this long is cut off.
constexpr int kCloseHandshakeMs = 2000;
//! Reads per readiness, so one busy peer cannot hold the loop (level-triggered: the rest of
//! its bytes are read on the next pass).
constexpr int kReadsPerWakeUp = 4;
//! Frames handed to one sendmsg().
constexpr int kMaxIovecs = 64;

//! The sockets of one thread that have frames queued in this pass of its event loop. Writing
//! each socket's queue once, at the start of the next pass, coalesces everything one pass
//! queued (a fan-out, the acks of a batch) into one system call per socket. A posted call and
//! not QAbstractEventDispatcher::aboutToBlock, because a loop run with processEvents() (tests,
//! Server::stop) never blocks and would never write.
class WriteFlusher final : public QObject
{
public:
    static WriteFlusher &forThisThread()
    {
        // Never deleted: sockets may outlive any owner we could give it, up to the thread's end.
        thread_local auto *flusher = new WriteFlusher;
        return *flusher;
    }

    void schedule(WsSocket *socket)
    {
        if (m_due.empty())
            QMetaObject::invokeMethod(this, &WriteFlusher::flush, Qt::QueuedConnection);
        m_due.push_back(socket);
    }

    void forget(WsSocket *socket)
    {
        const auto found = std::find(m_due.begin(), m_due.end(), socket);
        if (found != m_due.end())
            *found = nullptr;
    }

private:
    void flush()
    {
        // Taken first: a write that finds a peer gone closes it, which may queue more.
        const std::vector<WsSocket *> due = std::exchange(m_due, {});
        for (WsSocket *socket : due) {
            if (socket)
                socket->flush();
        }
    }

    std::vector<WsSocket *> m_due;
};

std::array<char, 64 * 1024> &readBuffer()
{
    thread_local std::array<char, 64 * 1024> buffer;
    return buffer;
}

} // namespace

WsSocket::WsSocket(int descriptor, const QHostAddress &peerAddress, quint16 peerPort,
                   qsizetype maxMessageBytes, QObject *parent)
    : QObject(parent), m_descriptor(descriptor), m_peerPort(peerPort), m_peerAddress(peerAddress),
      m_parser(maxMessageBytes)
{
    // Small frames (a message, an ack) leave at once instead of waiting for Nagle's timer; the
    // coalescing above already joins what belongs together.
    const int one = 1;
    ::setsockopt(m_descriptor, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

WsSocket::~WsSocket()
{
    if (m_flushScheduled)
        WriteFlusher::forThisThread().forget(this);
    if (m_descriptor >= 0) {
        // Not through closeDescriptor(): the handler may already be gone.
        delete m_readNotifier;
        delete m_writeNotifier;
        ::close(m_descriptor);
    }
}

void WsSocket::start(Handler *handler, const QByteArray &early)
{
    m_handler = handler;
    m_readNotifier = new QSocketNotifier(m_descriptor, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &WsSocket::onReadable);
    if (!early.isEmpty()) {
        m_parser.feed(early);
        dispatch();
    }
}

void WsSocket::send(const QByteArray &wire)
{
    if (m_state != State::Open || wire.isEmpty())
        return;
    m_queue.append(wire);
    m_queuedBytes += wire.size();
    scheduleFlush();
}

void WsSocket::ping()
{
    static const QByteArray frame = encodeFrame(Opcode::Ping, {});
    send(frame);
}

void WsSocket::close(quint16 code, QByteArrayView reason)
{
    if (m_state != State::Open)
        return;
    m_queue.append(closeFrame(code, reason));
    m_queuedBytes += m_queue.constLast().size();
    m_state = State::Closing;
    QTimer::singleShot(kCloseHandshakeMs, this, &WsSocket::abort);
    // Now, not at the end of the pass: a closing server may not run another one.
    flush();
}

void WsSocket::abort()
{
    if (m_descriptor >= 0)
        closeDescriptor();
}

void WsSocket::answerClose(quint16 code)
{
    // Echo the peer's code (RFC 6455, 5.5.1), or send no code when it sent none.
    QByteArray answer =
        code == closecode::kNoStatus ? encodeFrame(Opcode::Close, {}) : closeFrame(code, {});
    m_queue.append(answer);
    m_queuedBytes += answer.size();
    m_state = State::Finishing;
    QTimer::singleShot(kCloseHandshakeMs, this, &WsSocket::abort);
    flush();
}

void WsSocket::scheduleFlush()
{
    // While the kernel is full the write notifier calls flush(); nothing to add to the pass.
    if (m_flushScheduled || (m_writeNotifier && m_writeNotifier->isEnabled()))
        return;
    m_flushScheduled = true;
    WriteFlusher::forThisThread().schedule(this);
}

void WsSocket::flush()
{
    m_flushScheduled = false;
    while (m_descriptor >= 0 && !m_queue.isEmpty()) {
        std::array<iovec, kMaxIovecs> parts;
        int count = 0;
        qint64 offered = 0;
        for (qsizetype i = 0; i < m_queue.size() && count < kMaxIovecs; ++i, ++count) {
            const qsizetype skip = i == 0 ? m_headOffset : 0;
            parts[count].iov_base = const_cast<char *>(m_queue.at(i).constData() + skip);
            parts[count].iov_len = size_t(m_queue.at(i).size() - skip);
            offered += qint64(parts[count].iov_len);
        }
        msghdr message{};
        message.msg_iov = parts.data();
        message.msg_iovlen = size_t(count);
        // MSG_NOSIGNAL: a peer that went away is an error to handle, not a SIGPIPE.
        const ssize_t written = ::sendmsg(m_descriptor, &message, MSG_NOSIGNAL);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) {
                setWaitingToWrite(true);
                return;
            }
            closeDescriptor(); // EPIPE, ECONNRESET: the peer is gone
            return;
        }
        m_queuedBytes -= written;
        qint64 left = written;
        while (left > 0) {
            const qint64 head = m_queue.constFirst().size() - m_headOffset;
            if (left < head) {
                m_headOffset += left;
                break;
            }
            left -= head;
            m_headOffset = 0;
            m_queue.removeFirst();
        }
        if (written < offered) {
            setWaitingToWrite(true); // the kernel took what it could
            return;
        }
    }
    if (m_descriptor < 0)
        return;
    m_queue = {}; // frees the list's storage: an idle socket holds none
    setWaitingToWrite(false);
    if (m_state == State::Finishing) {
        closeDescriptor();
    } else if (m_state == State::Closing && !m_writeShut) {
        // Our close frame is out: the FIN follows it at once, as QWebSocket's did, so a peer
        // (a browser tab about to navigate) sees the socket closed without waiting for this
        // process to be scheduled again. Reading goes on until its answer or the 2 s cut-off,
        // and only then is the descriptor closed, so unread bytes never turn it into a reset.
        ::shutdown(m_descriptor, SHUT_WR);
        m_writeShut = true;
    }
}

void WsSocket::setWaitingToWrite(bool waiting)
{
    if (!waiting) {
        if (m_writeNotifier)
            m_writeNotifier->setEnabled(false);
        return;
    }
    if (!m_writeNotifier) {
        m_writeNotifier = new QSocketNotifier(m_descriptor, QSocketNotifier::Write, this);
        connect(m_writeNotifier, &QSocketNotifier::activated, this, &WsSocket::flush);
    }
    m_writeNotifier->setEnabled(true);
}

void WsSocket::onReadable()
{
    auto &buffer = readBuffer();
    for (int round = 0; round < kReadsPerWakeUp && m_descriptor >= 0; ++round) {
        const ssize_t got = ::read(m_descriptor, buffer.data(), buffer.size());
        if (got > 0) {
            if (!m_discarding)
                m_parser.feed(QByteArrayView(buffer.data(), got));
            if (size_t(got) < buffer.size())
                break; // the kernel had no more
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            break;
        // EOF or an error (ECONNRESET): whatever was complete is still acted on first.
        dispatch();
        abort();
        return;
    }
    dispatch();
}

void WsSocket::dispatch()
{
    while (m_descriptor >= 0 && !m_discarding) {
        std::optional<Incoming> incoming = m_parser.next();
        if (!incoming)
            return;
        switch (incoming->kind) {
        case Incoming::Kind::Text:
            m_handler->onHeard();
            if (m_state == State::Open)
                m_handler->onText(incoming->payload);
            break;
        case Incoming::Kind::Binary:
            m_handler->onHeard();
            if (m_state == State::Open)
                m_handler->onBinary();
            break;
        case Incoming::Kind::Ping:
            m_handler->onHeard();
            send(encodeFrame(Opcode::Pong, incoming->payload));
            break;
        case Incoming::Kind::Pong:
            m_handler->onHeard();
            break;
        case Incoming::Kind::Close:
            m_discarding = true; // nothing may follow a close frame
            if (m_state == State::Open) {
                answerClose(incoming->closeCode);
            } else if (m_state == State::Closing) {
                m_state = State::Finishing;
                flush(); // closes the descriptor once our close frame is out
            }
            return;
        case Incoming::Kind::Failed:
            // Read on (and drop) until the peer answers or the handshake times out, so our
            // close frame is not destroyed by a reset while the peer is still sending.
            m_discarding = true;
            close(incoming->closeCode,
                  incoming->closeCode == closecode::kTooBig           ? "message too big"_ba
                  : incoming->closeCode == closecode::kInvalidPayload ? "invalid UTF-8"_ba
                                                                      : "protocol error"_ba);
            return;
        }
    }
}

void WsSocket::closeDescriptor()
{
    if (m_descriptor < 0)
        return;
    // Notifiers off before the descriptor closes, so the event loop forgets it first.
    m_readNotifier->setEnabled(false);
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
    ::close(m_descriptor);
    m_descriptor = -1;
    m_state = State::Closed;
    m_queue = {};
    m_queuedBytes = 0;
    m_handler->onDisconnected();
}

} // namespace natter::server::realtime::ws
