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

    [[nodiscard]] bool start();
    [[nodiscard]] bool stop();
    //! DATABASE_URL of database `natter` in it (created on first start).
    [[nodiscard]] QString url() const;

private:
    [[nodiscard]] bool run(const QString &script);

    QTemporaryDir m_dir;
};

} // namespace natter::testing
