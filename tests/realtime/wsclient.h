// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/frame.h"

#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <optional>

namespace natter::testing {

//! A WebSocket client for tests: connects, records every frame the server sends, and waits for
//! frames, acks and the close, each with a deadline, running the event loop meanwhile.
class WsClient final : public QObject
{
    Q_OBJECT

public:
    explicit WsClient(QObject *parent = nullptr);

    //! Opens the socket (optionally with an Authorization header and an Origin) and waits
    //! until it is open; false when the upgrade was refused or nothing answered.
    [[nodiscard]] bool open(const QUrl &url, const QString &bearer = {},
                            const QString &origin = {});
    //! Opens and authenticates by first frame; false unless auth.ok came.
    [[nodiscard]] bool connectAs(const QUrl &url, const QString &token);
    void sendText(const QByteArray &text);
    void sendBinary(const QByteArray &data);
    void send(const QString &type, const QJsonObject &data, const QString &id = {});
    //! Sends a request with a fresh id and waits for the answer carrying it (ack, error, pong).
    [[nodiscard]] std::optional<Frame> request(const QString &type, const QJsonObject &data,
                                               int timeoutMs = 5000);
    //! The next recorded frame matching `match` (frames are taken in order, each once).
    [[nodiscard]] std::optional<Frame> waitFor(const std::function<bool(const Frame &)> &match,
                                               int timeoutMs = 5000);
    [[nodiscard]] std::optional<Frame> waitForType(const QString &type, int timeoutMs = 5000);
    //! Every not-yet-taken frame of `type`, after letting the event loop run `settleMs`.
    [[nodiscard]] QList<Frame> drain(const QString &type, int settleMs = 300);
    //! Frames of `type` taken until `count` arrived or `timeoutMs` passed.
    [[nodiscard]] QList<Frame> collect(const QString &type, int count, int timeoutMs = 10000);
    //! Waits for the server to close; the close code, or -1 when still open.
    [[nodiscard]] int waitForClose(int timeoutMs = 5000);
    void close();
    void abort();

    [[nodiscard]] bool isOpen() const;
    [[nodiscard]] QWebSocket &socket() { return m_socket; }

private:
    QWebSocket m_socket;
    QList<Frame> m_frames;
    bool m_closed = false;
    int m_nextId = 1;
};

//! `message.new` frames' seqs, in arrival order.
[[nodiscard]] QList<qint64> seqsOf(const QList<Frame> &frames);

} // namespace natter::testing
