// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "realtime/realtimestore.h"

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUuid>

namespace natter::server::realtime {

//! Collects "this member's client holds everything up to seq N" (`receipt.delivered`) and
//! writes the delivered watermarks in one statement every flush interval, instead of a query
//! per acknowledgement. A flush that fails (the
//! database is away) is merged into the next one.
class DeliveredBatcher final : public QObject
{
    Q_OBJECT

public:
    DeliveredBatcher(RealtimeStore &store, int flushIntervalMs, QObject *parent = nullptr);

    void raise(const QUuid &conversationId, const QUuid &userId, qint64 seq);

private:
    void flush();

    RealtimeStore &m_store;
    QHash<std::pair<QUuid, QUuid>, qint64> m_pending;
    QTimer m_timer;
    bool m_flushing = false;
};

} // namespace natter::server::realtime
