// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>

#include <atomic>

namespace natter::server::realtime {

//! How events travel between natter-server processes, as the hub sees it: a way in
//! (`publish`, called by eventpublisher.h inside the writer's transaction) and a way out (the
//! signals, on the thread the bus lives on, in the order events were published).
//!
//! Two buses exist. PostgreSQL's LISTEN/NOTIFY (EventListener, the default) and NATS
//! (NatsBus, when NATTER_BUS_URL is set). Whichever it is, PostgreSQL stays the authority: a
//! bus that may have dropped something says `listening` again, and the hub reads from the
//! database what it may have missed. So "every acked message is delivered exactly once, in seq
//! order" never rests on the bus being reliable, only on it saying when it was not.
class EventBus : public QObject
{
    Q_OBJECT

public:
    explicit EventBus(QObject *parent = nullptr);

    //! Starts receiving; `listening` follows once events flow.
    virtual void start() = 0;
    //! Publishes one event (compact JSON) as part of the transaction open on `db` (or at once
    //! without one): delivered after COMMIT, never for a rollback, in commit order. Called on
    //! database worker threads.
    [[nodiscard]] virtual Status publish(QSqlDatabase &db, const QByteArray &payload) = 0;
    //! Whether events flow now (for /metrics and /healthz).
    [[nodiscard]] bool isUp() const { return m_up.load(); }

Q_SIGNALS:
    //! Events flow (again). Anything published before may have been missed: the hub recovers.
    void listening();
    //! Events are being missed until `listening` comes again.
    void lost();
    //! One event as published (see eventpublisher.h).
    void eventReceived(const QJsonObject &event);

protected:
    void setUp(bool up) { m_up.store(up); }

private:
    std::atomic<bool> m_up{false};
};

//! The bus eventpublisher.h publishes through (set by the gateway that owns it); without one,
//! events go straight to PostgreSQL's NOTIFY, as they always did.
void setEventBus(EventBus *bus);
[[nodiscard]] EventBus *eventBus();

} // namespace natter::server::realtime
