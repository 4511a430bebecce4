// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QTimer>

#include <atomic>

namespace natter::server {

class DbPool;
class Migrator;

//! Watches the database from the server's side: a cheap probe every two seconds while it is
//! up, retries with backoff (0.5 s doubling to 5 s) while it is down, and applies pending
//! migrations the first time it is reached. The server keeps running through an outage;
//! /healthz reports what this sees.
class DbMonitor final : public QObject
{
    Q_OBJECT

public:
    DbMonitor(DbPool &pool, const Migrator *migrator, QObject *parent = nullptr);

    void start();
    [[nodiscard]] bool isUp() const { return m_up.load(); }

Q_SIGNALS:
    void databaseUp();
    void databaseDown();
    //! Migrations failed for a reason other than an unreachable database: the server cannot
    //! serve this schema and should stop.
    void migrationFailed(const QString &reason);

private:
    void probe();
    void scheduleNext();

    DbPool &m_pool;
    const Migrator *m_migrator;
    bool m_migrated = false;
    bool m_probing = false;
    std::atomic<bool> m_up{false};
    int m_retryMs = 500;
    QTimer m_timer;
};

} // namespace natter::server
