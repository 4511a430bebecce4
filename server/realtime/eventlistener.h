// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/databasesettings.h"
#include "realtime/eventbus.h"

#include <QThread>
#include <QTimer>

namespace natter::server::realtime {

//! The process's one LISTEN connection, on a thread of its own with its own event loop (Qt
//! 6.4 cannot move a QSqlDatabase between threads, and notifications arrive through the
//! driver's socket notifier). Events are handed to the hub on the main thread through queued
//! signals, in the order PostgreSQL delivered them, which is commit order.
//!
//! The connection is checked every second; when it broke (database restart, outage, a killed
//! backend) it is reopened with backoff and LISTEN is issued again, and `listening` is emitted
//! again so the hub can recover what was published while nobody listened.
//!
//! The default EventBus: publishing is `pg_notify` inside the writer's transaction.
class EventListener final : public EventBus
{
    Q_OBJECT

public:
    explicit EventListener(DatabaseSettings settings);
    ~EventListener() override;

    //! Starts the thread; connects as soon as the database answers.
    void start() override;
    //! `pg_notify` on `db`: PostgreSQL delivers it at COMMIT, in commit order.
    [[nodiscard]] Status publish(QSqlDatabase &db, const QByteArray &payload) override;

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker = nullptr;
};

} // namespace natter::server::realtime
