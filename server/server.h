// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "config.h"
#include "natter/result.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace natter::server {

class DbMonitor;
class DbPool;
class HttpServer;
class Metrics;
class Migrator;
struct ServerParts;

//! The running server: owns every part and wires them together. main() only parses the
//! command line and hands the Config over.
class Server final : public QObject
{
    Q_OBJECT

public:
    explicit Server(Config config, QObject *parent = nullptr);
    ~Server() override;

    //! Starts listening and watching the database; fails when the port cannot be bound.
    [[nodiscard]] Status start();
    //! Stops accepting, lets in-flight database work finish, closes sockets.
    void stop();
    [[nodiscard]] quint16 port() const;
    //! Every route served, as `METHOD /pattern` (docs/openapi.yaml must list each).
    [[nodiscard]] QStringList routes() const;

Q_SIGNALS:
    //! The server cannot go on (e.g. a migration failed); main() exits with an error.
    void fatalError(const QString &reason);

private:
    Config m_config;
    std::unique_ptr<ServerParts> m_parts;
};

} // namespace natter::server
