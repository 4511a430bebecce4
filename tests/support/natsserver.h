// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QProcess>
#include <QString>

namespace natter::testing {

//! A real nats-server (Debian's, or NATTER_NATS_SERVER_BIN) on 127.0.0.1, for the tests of
//! the optional NATS event bus (NATTER_BUS_URL).
class NatsServer final
{
public:
    NatsServer() = default;
    ~NatsServer();
    NatsServer(const NatsServer &) = delete;
    NatsServer &operator=(const NatsServer &) = delete;

    //! Starts it on `port` (0: a free one) and waits until it accepts clients.
    [[nodiscard]] bool start(quint16 port = 0);
    //! SIGKILL: the bus is gone without a goodbye.
    void kill();

    [[nodiscard]] quint16 port() const { return m_port; }
    //! `nats://127.0.0.1:<port>`, for NATTER_BUS_URL.
    [[nodiscard]] QString url() const;

private:
    QProcess m_process;
    quint16 m_port = 0;
};

} // namespace natter::testing
