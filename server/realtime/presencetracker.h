// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>
#include <QUuid>

namespace natter::server {
class DbPool;
}

namespace natter::server::realtime {

//! Presence of this process's users (issue 18): told when a user's first socket here opens and
//! their last one closes, it records that in the database in small batches and announces
//! `presence` when the user's state across all processes changed.
//!
//! Three rules keep it quiet: a user whose last socket closed is only taken offline after a
//! grace period (a reconnect in between changes nothing); writes are batched per flush; and an
//! announcement needs the user's slot in the database (one per user per few seconds across
//! every process), else it waits for the next flush.
class PresenceTracker final : public QObject
{
    Q_OBJECT

public:
    struct Timing
    {
        int flushMs = 1000;
        int offlineGraceMs = 3000;
        int minAnnounceIntervalMs = 3000;
        int heartbeatMs = 15000;
    };

    //! `pool` is the tracker's own (its writes never wait behind message sends).
    PresenceTracker(DbPool &pool, QString origin, Timing timing, QObject *parent = nullptr);

    void start();
    void connected(const QUuid &userId);
    void disconnected(const QUuid &userId);

private:
    void flush();

    DbPool &m_pool;
    QString m_origin;
    Timing m_timing;
    QElapsedTimer m_clock;
    QTimer m_flushTimer;
    QTimer m_heartbeatTimer;
    bool m_ready = false;           //!< this process's row exists (sessions refer to it)
    bool m_flushing = false;        //!< one flush job at a time, in order
    QSet<QUuid> m_connected;        //!< users with a socket here now
    QSet<QUuid> m_recorded;         //!< online here as the database has it
    QSet<QUuid> m_toRecord;         //!< connected, not yet written
    QHash<QUuid, qint64> m_leaving; //!< disconnected at (m_clock ms), within the grace period
    QSet<QUuid> m_toAnnounce;
};

} // namespace natter::server::realtime
