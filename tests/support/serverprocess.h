// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QUrl>

namespace natter::testing {

//! A real natter-server process (NATTER_SERVER_BIN, set by make test) on a free port of
//! 127.0.0.1, for tests that talk to the server the way clients do.
class ServerProcess final
{
public:
    ServerProcess() = default;
    ~ServerProcess();
    ServerProcess(const ServerProcess &) = delete;
    ServerProcess &operator=(const ServerProcess &) = delete;

    //! Starts the server with DATABASE_URL = `databaseUrl`, the development login on and a
    //! fixed signing key, plus `extra`; waits until it listens. `port` 0 picks a free one.
    [[nodiscard]] bool start(const QString &databaseUrl, const QProcessEnvironment &extra = {},
                             quint16 port = 0);
    //! The next start() runs the server inside network namespace `name` (NetworkNamespace),
    //! listening on `address` there. Its /metrics listener is then out of reach.
    void runInNamespace(const QString &name, const QString &address);
    //! SIGTERM, then waits for a graceful exit; returns the exit code.
    int stop();
    //! SIGKILL: a crash, as far as clients can tell.
    void kill();
    //! Waits until /healthz answers `expectedStatus`, up to `timeoutMs`.
    [[nodiscard]] bool waitForHealth(int expectedStatus, int timeoutMs);

    [[nodiscard]] quint16 port() const { return m_port; }
    [[nodiscard]] QUrl url(const QString &path) const;
    //! The WebSocket endpoint, ws://host:port/api/v1/ws.
    [[nodiscard]] QUrl socketUrl() const;
    //! A URL on the /metrics listener (NATTER_METRICS_LISTEN, a free port of its own).
    [[nodiscard]] QUrl metricsUrl() const;
    //! The server's count of authenticated sockets (natter_ws_connections on /metrics), -1
    //! when it cannot be read.
    [[nodiscard]] int authenticatedSockets() const;
    //! The server's process id, for tests that watch its memory.
    [[nodiscard]] qint64 pid() const { return m_process.processId(); }
    //! Everything the server wrote to stderr so far (read now, not only at start and stop).
    [[nodiscard]] QByteArray logs() const;
    [[nodiscard]] bool isRunning() const;
    //! Runs the server binary once with `arguments` and returns exit code and output.
    static std::pair<int, QByteArray> runOnce(const QStringList &arguments,
                                              const QProcessEnvironment &env);

private:
    // logs() reads what arrived since its last call, so it mutates the process's buffer.
    mutable QProcess m_process;
    QString m_namespace;
    QString m_host = QStringLiteral("127.0.0.1");
    quint16 m_port = 0;
    quint16 m_metricsPort = 0;
    mutable QByteArray m_logs;
};

//! The server binary under test.
[[nodiscard]] QString serverBinary();

//! Starts `first` and `second` on one database and waits until each answers /healthz: the
//! set-up of every test that checks that two processes behave as one.
[[nodiscard]] bool startTwoProcesses(ServerProcess &first, ServerProcess &second,
                                     const QString &databaseUrl,
                                     const QProcessEnvironment &extra = {});

} // namespace natter::testing
