// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "realtime/eventbus.h"

#include <QTimer>

#include <memory>

namespace natter::server::realtime {

//! The optional event bus on NATS (NATTER_BUS_URL=nats://...), for deployments whose
//! processes outgrow one database's NOTIFY (docs/architecture.md, "The NATS bus").
//!
//! Publishing waits for COMMIT (sql::afterCommit) and numbers each event per process, in
//! commit order; a heartbeat every second repeats the last number. NATS core delivers at most
//! once, so a receiver that sees a number jump (or a heartbeat ahead of what it heard), or
//! loses its connection, says `listening` again: the hub then reads what it may have missed
//! from PostgreSQL, as after the LISTEN connection broke.
//!
//! libnats calls back on its own threads; events reach this object's thread through queued
//! signals, in the order the subscription received them.
class NatsBus final : public EventBus
{
    Q_OBJECT

public:
    //! `origin` names this process on the bus (the send writer's origin).
    NatsBus(QString url, QString origin, QObject *parent = nullptr);
    ~NatsBus() override;

    //! Connects (retrying in the background while the server is away) and subscribes.
    void start() override;
    [[nodiscard]] Status publish(QSqlDatabase &db, const QByteArray &payload) override;

private:
    struct Link;
    //! Shared with after-commit actions still queued on database threads.
    std::shared_ptr<Link> m_link;
    QTimer m_heartbeat;
};

} // namespace natter::server::realtime
