// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QTemporaryDir>

namespace natter::testing {

//! A private PostgreSQL cluster for tests that stop and start the database (outages), so
//! they never disturb the cluster other tests share. Uses scripts/lib-postgres.sh, the same
//! code `make dev` runs.
class PostgresCluster final
{
public:
    PostgresCluster();
    ~PostgresCluster();

    //! Listens on `address` (TCP, a free port) besides the Unix socket, and lets clients from
    //! `clients` (a CIDR range) in; url() then names the TCP address. Call before start().
    [[nodiscard]] bool listenOn(const QString &address, const QString &clients);
    [[nodiscard]] bool start();
    [[nodiscard]] bool stop();
    //! DATABASE_URL of database `natter` in it (created on first start).
    [[nodiscard]] QString url() const;
    //! The same database through the Unix socket, for the test's own queries.
    [[nodiscard]] QString localUrl() const;

private:
    [[nodiscard]] bool run(const QString &script);

    QTemporaryDir m_dir;
    QString m_tcpAddress;
    quint16 m_tcpPort = 0;
    QString m_tcpClients;
};

} // namespace natter::testing
