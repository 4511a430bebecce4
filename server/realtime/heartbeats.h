// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "realtime/gatewayoptions.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <array>
#include <map>
#include <utility>
#include <vector>

namespace natter::server::realtime {

class Connection;

//! Every socket's heartbeat on one timer: a wheel of slots, one slot visited per tick, each
//! socket in one slot (by its serial), so each socket is visited once per ping interval. A
//! QTimer per socket costs far more at scale: Qt keeps its timers in one sorted list, and
//! 18,000 of them firing every 15 s took about a third of a core (issue 10).
//!
//! The sockets' one-off deadlines (authentication, token expiry) share one more timer, armed
//! for the earliest: three QTimers per socket cost about 1 KB of objects and connections,
//! and thousands of registered timers.
class Heartbeats final : public QObject
{
    Q_OBJECT

public:
    explicit Heartbeats(const GatewayOptions &options, QObject *parent = nullptr);

    void add(Connection *connection);
    //! Also forgets the connection's deadline.
    void remove(Connection *connection);

    //! Calls connection->onDeadline() at `atMs` (of nowMs()'s clock), replacing the
    //! deadline it had; one per connection.
    void setDeadline(Connection *connection, qint64 atMs);
    void clearDeadline(Connection *connection);
    //! Milliseconds on a monotonic clock (not wall time: a clock change moves nothing).
    [[nodiscard]] static qint64 nowMs();

private:
    static constexpr std::size_t kSlots = 16;
    void tick();
    void fireDeadlines();
    void armDeadlineTimer();

    std::array<QSet<Connection *>, kSlots> m_slots;
    std::size_t m_next = 0;
    QTimer m_timer;
    //! (when, connection serial) -> connection; the connection remembers its `when`.
    std::map<std::pair<qint64, quint64>, Connection *> m_deadlines;
    QTimer m_deadlineTimer;
};

} // namespace natter::server::realtime
