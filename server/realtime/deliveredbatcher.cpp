// SPDX-License-Identifier: Apache-2.0
#include "realtime/deliveredbatcher.h"

#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {

DeliveredBatcher::DeliveredBatcher(RealtimeStore &store, int flushIntervalMs, QObject *parent)
    : QObject(parent), m_store(store)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(flushIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &DeliveredBatcher::flush);
}

void DeliveredBatcher::raise(const QUuid &conversationId, const QUuid &userId, qint64 seq)
{
    qint64 &pending = m_pending[{conversationId, userId}];
    pending = std::max(pending, seq);
    if (!m_timer.isActive() && !m_flushing)
        m_timer.start();
}

void DeliveredBatcher::flush()
{
    if (m_pending.isEmpty())
        return;
    QList<DeliveredMark> marks;
    marks.reserve(m_pending.size());
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it)
        marks.append({it.key().first, it.key().second, it.value()});
    m_pending.clear();
    m_flushing = true;
    m_store.raiseDelivered(marks).then(this, [this, marks](const Result<int> &result) {
        m_flushing = false;
        if (!result) {
            logging::event(lcRealtime(), QtWarningMsg, u"delivered watermarks not written"_s,
                           {{u"count"_s, int(marks.size())}});
            for (const DeliveredMark &mark : marks) {
                qint64 &pending = m_pending[{mark.conversationId, mark.userId}];
                pending = std::max(pending, mark.seq);
            }
        }
        if (!m_pending.isEmpty())
            m_timer.start();
    });
}

} // namespace natter::server::realtime
