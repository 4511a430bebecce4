// SPDX-License-Identifier: Apache-2.0
#include "realtime/changefeed.h"

#include "realtime/realtimestore.h"

#include <QTimer>

namespace natter::server::realtime {
namespace {

//! Changed messages read per query.
constexpr int kPage = 200;
constexpr int kRetryMs = 500;

} // namespace

ChangeFeed::ChangeFeed(RealtimeStore &store, Watched watched, Deliver deliver, QObject *parent)
    : QObject(parent), m_store(store), m_watched(std::move(watched)), m_deliver(std::move(deliver))
{}

void ChangeFeed::onChanged(const QUuid &conversationId, qint64 rev)
{
    auto feed = m_feeds.find(conversationId);
    if (feed == m_feeds.end()) {
        // First news of this conversation here: what came before went to sockets that are
        // gone or were caught up by room.join.
        feed = m_feeds.insert(conversationId, Feed{rev - 1, rev, false});
    }
    feed->heardRev = std::max(feed->heardRev, rev);
    if (!m_watched(conversationId)) {
        feed->passedRev = std::max(feed->passedRev, feed->heardRev);
        return;
    }
    if (!feed->reading)
        read(conversationId);
}

void ChangeFeed::recover()
{
    const QList<QUuid> conversations = m_feeds.keys();
    for (const QUuid &conversationId : conversations) {
        if (m_watched(conversationId) && !m_feeds[conversationId].reading)
            read(conversationId);
    }
}

void ChangeFeed::read(const QUuid &conversationId)
{
    Feed &feed = m_feeds[conversationId];
    feed.reading = true;
    m_store.changedAfter(conversationId, feed.passedRev, kPage)
        .then(this, [this, conversationId](const Result<QList<Message>> &changed) {
            Feed &feed = m_feeds[conversationId];
            feed.reading = false;
            if (!changed) {
                QTimer::singleShot(kRetryMs, this, [this, conversationId] {
                    if (!m_feeds[conversationId].reading)
                        read(conversationId);
                });
                return;
            }
            if (!changed->isEmpty()) {
                feed.passedRev = std::max(feed.passedRev, changed->constLast().rev);
                m_deliver(conversationId, changed.value());
            } else {
                // Nothing newer than what was passed on (the changed rows went with their
                // conversation): do not read again for it.
                feed.passedRev = std::max(feed.passedRev, feed.heardRev);
            }
            if (changed->size() == kPage || feed.heardRev > feed.passedRev)
                read(conversationId);
        });
}

} // namespace natter::server::realtime
