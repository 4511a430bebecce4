// SPDX-License-Identifier: Apache-2.0
#include "realtime/deliveredacker.h"

#include "realtime/realtimeclient.h"

namespace natter::desktop {
namespace {

//! The protocol's coalescing interval for `receipt.delivered`.
constexpr int kCoalesceMs = 250;

} // namespace

DeliveredAcker::DeliveredAcker(RealtimeClient *realtime, QObject *parent)
    : QObject(parent), m_realtime(realtime)
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(kCoalesceMs);
    connect(&m_coalesce, &QTimer::timeout, this, &DeliveredAcker::flush);
    connect(m_realtime, &RealtimeClient::connected, this, &DeliveredAcker::flushWhenOnline);
}

void DeliveredAcker::stored(const QUuid &conversationId, qint64 seq)
{
    if (seq <= 0 || seq <= m_sent.value(conversationId, 0) ||
        seq <= m_waiting.value(conversationId, 0))
        return;
    m_waiting.insert(conversationId, seq);
    flushWhenOnline();
}

void DeliveredAcker::clear()
{
    m_coalesce.stop();
    m_waiting.clear();
    m_sent.clear();
}

void DeliveredAcker::flushWhenOnline()
{
    // A running timer already covers what arrived since: that is the coalescing.
    if (!m_waiting.isEmpty() && !m_coalesce.isActive())
        m_coalesce.start();
}

void DeliveredAcker::flush()
{
    if (m_realtime->state() != RealtimeClient::State::Online)
        return; // held: `connected` starts the timer again
    for (auto it = m_waiting.cbegin(); it != m_waiting.cend(); ++it) {
        m_realtime->sendDelivered(it.key(), it.value());
        m_sent.insert(it.key(), it.value());
    }
    m_waiting.clear();
}

} // namespace natter::desktop
