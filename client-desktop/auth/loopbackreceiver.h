// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QTcpServer>
#include <QUrl>

namespace natter::desktop {

//! The RFC 8252 loopback redirect: listens on 127.0.0.1 on a port the system picks, answers the
//! browser's one `GET /callback?code=...` with a page that says it may be closed, and hands the
//! code on. Anything else it is sent gets a 404 and is ignored.
class LoopbackReceiver final : public QObject
{
    Q_OBJECT

public:
    explicit LoopbackReceiver(QObject *parent = nullptr);

    //! Starts listening; false when no port could be had.
    [[nodiscard]] bool listen();
    void close();
    [[nodiscard]] bool isListening() const { return m_server.isListening(); }
    //! `http://127.0.0.1:<port>/callback`
    [[nodiscard]] QUrl redirectUri() const;
    //! The `state` the browser must bring back (RFC 8252 §8.9): a request without it, such as
    //! another local program guessing the port, is refused and the wait goes on.
    void setExpectedState(const QString &state) { m_expectedState = state; }

Q_SIGNALS:
    void codeReceived(const QString &code);
    //! The provider or the server sent `?error=...` instead of a code.
    void failed(const QString &reason);

private:
    void handle(QTcpSocket *socket);

    QTcpServer m_server;
    QString m_expectedState;
};

} // namespace natter::desktop
