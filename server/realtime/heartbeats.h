// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "realtime/gatewayoptions.h"

#include <QObject>
#include <QSet>
#include <QTimer>

#include <array>

namespace natter::server::realtime {

class Connection;

//! Every socket's heartbeat on one timer: a wheel of slots, one slot visited per tick, each
//! socket in one slot (by its serial), so each socket is visited once per ping interval. A
//! QTimer per socket costs far more at scale: Qt keeps its timers in one sorted list, and
//! 18,000 of them firing every 15 s took about a third of a core (issue 10).
class Heartbeats final : public QObject
{
    Q_OBJECT

public:
    explicit Heartbeats(const GatewayOptions &options, QObject *parent = nullptr);

    void add(Connection *connection);
    void remove(Connection *connection);

private:
    static constexpr std::size_t kSlots = 16;
    void tick();

    std::array<QSet<Connection *>, kSlots> m_slots;
    std::size_t m_next = 0;
    QTimer m_timer;
};

} // namespace natter::server::realtime
