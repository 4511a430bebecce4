// SPDX-License-Identifier: Apache-2.0
#include "realtime/presencetracker.h"

#include "db/dbpool.h"
#include "db/presencerepository.h"
#include "db/sql.h"
#include "logging.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

struct FlushResult
{
    QSet<QUuid> unannounced; //!< their slot was taken: try again next flush
};

} // namespace

PresenceTracker::PresenceTracker(DbPool &pool, QString origin, Timing timing, QObject *parent)
    : QObject(parent), m_pool(pool), m_origin(std::move(origin)), m_timing(timing)
{
    m_clock.start();
    m_flushTimer.setInterval(m_timing.flushMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &PresenceTracker::flush);
    m_heartbeatTimer.setInterval(m_timing.heartbeatMs);
    connect(&m_heartbeatTimer, &QTimer::timeout, this, [this] {
        (void)m_pool.run<Done>([origin = m_origin](QSqlDatabase &db) {
            return PresenceRepository(db).heartbeat(origin);
        });
    });
}

void PresenceTracker::start()
{
    m_pool
        .run<Done>([origin = m_origin](QSqlDatabase &db) {
            return PresenceRepository(db).heartbeat(origin);
        })
        .then(this, [this](const Result<Done> &done) {
            if (!done) {
                // The database is away: the next heartbeat creates the row.
                logging::event(lcRealtime(), QtWarningMsg, u"presence heartbeat failed"_s, {});
            }
            m_ready = true;
        });
    m_heartbeatTimer.start();
    m_flushTimer.start();
}

void PresenceTracker::connected(const QUuid &userId)
{
    m_connected.insert(userId);
    // Back within the grace period: nothing changed for anyone.
    if (m_leaving.remove(userId))
        return;
    if (!m_recorded.contains(userId))
        m_toRecord.insert(userId);
}

void PresenceTracker::disconnected(const QUuid &userId)
{
    m_connected.remove(userId);
    if (m_toRecord.remove(userId))
        return; // never written: nobody was told
    if (m_recorded.contains(userId))
        m_leaving.insert(userId, m_clock.elapsed());
}

void PresenceTracker::flush()
{
    if (!m_ready || m_flushing)
        return;
    const qint64 now = m_clock.elapsed();
    QList<QUuid> offline;
    for (auto it = m_leaving.begin(); it != m_leaving.end();) {
        if (now - it.value() >= m_timing.offlineGraceMs) {
            offline.append(it.key());
            it = m_leaving.erase(it);
        } else {
            ++it;
        }
    }
    const QList<QUuid> online = m_toRecord.values();
    if (online.isEmpty() && offline.isEmpty() && m_toAnnounce.isEmpty())
        return;
    m_toRecord.clear();
    QSet<QUuid> announce = m_toAnnounce;
    for (const QUuid &id : online)
        announce.insert(id);
    for (const QUuid &id : offline)
        announce.insert(id);
    m_toAnnounce.clear();

    m_flushing = true;
    m_pool
        .run<FlushResult>(
            [origin = m_origin, online, offline, announce,
             interval = m_timing.minAnnounceIntervalMs](QSqlDatabase &db) -> Result<FlushResult> {
                sql::Transaction transaction(db);
                if (!transaction.began())
                    return ApiError::unavailable();
                PresenceRepository presence(db);
                if (auto recorded = presence.record(origin, online, offline); !recorded)
                    return recorded.error();
                FlushResult result;
                for (const QUuid &userId : announce) {
                    auto claim = presence.claimAnnouncement(userId, interval);
                    if (!claim)
                        return claim.error();
                    if (!claim->claimed) {
                        result.unannounced.insert(userId);
                        continue;
                    }
                    if (claim->state) {
                        if (auto published = publishPresence(db, *claim->state); !published)
                            return published.error();
                    }
                }
                if (auto committed = transaction.commit(); !committed)
                    return committed.error();
                return result;
            })
        .then(this, [this, online, offline, announce](const Result<FlushResult> &result) {
            m_flushing = false;
            if (!result) {
                // Try the same again on the next flush.
                for (const QUuid &id : online)
                    m_toRecord.insert(id);
                for (const QUuid &id : offline)
                    m_leaving.insert(id, 0);
                m_toAnnounce.unite(announce);
                return;
            }
            // Sockets came and went while the flush was under way: catch up next time.
            for (const QUuid &id : online) {
                m_recorded.insert(id);
                if (!m_connected.contains(id) && !m_leaving.contains(id))
                    m_leaving.insert(id, m_clock.elapsed());
            }
            for (const QUuid &id : offline) {
                m_recorded.remove(id);
                if (m_connected.contains(id))
                    m_toRecord.insert(id);
            }
            m_toAnnounce.unite(result->unannounced);
        });
}

} // namespace natter::server::realtime
