// SPDX-License-Identifier: Apache-2.0
#include "db/dbmonitor.h"

#include "db/dbpool.h"
#include "db/migrator.h"
#include "db/sql.h"
#include "logging.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {
constexpr int kUpIntervalMs = 2000;
constexpr int kFirstRetryMs = 500;
constexpr int kMaxRetryMs = 5000;
} // namespace

DbMonitor::DbMonitor(DbPool &pool, const Migrator *migrator, QObject *parent)
    : QObject(parent), m_pool(pool), m_migrator(migrator)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &DbMonitor::probe);
}

void DbMonitor::start()
{
    probe();
}

void DbMonitor::probe()
{
    if (m_probing)
        return;
    m_probing = true;
    const Migrator *migrator = m_migrated ? nullptr : m_migrator;
    m_pool
        .run<qint64>([migrator](QSqlDatabase &db) -> Result<qint64> {
            if (migrator)
                return migrator->up(db);
            auto probe = sql::exec(db, u"SELECT 1"_s);
            if (!probe)
                return probe.error();
            return qint64(0);
        })
        .then(this, [this, migrator](const Result<qint64> &result) {
            m_probing = false;
            if (!result.ok() && result.error().code != ErrorCode::Unavailable && migrator) {
                logging::event(lcMigrate(), QtCriticalMsg, u"migrations failed"_s,
                               {{u"error"_s, result.error().message}});
                Q_EMIT migrationFailed(result.error().message);
                return;
            }
            const bool wasUp = m_up.exchange(result.ok());
            if (result.ok()) {
                m_migrated = true;
                m_retryMs = kFirstRetryMs;
                if (!wasUp) {
                    m_pool.invalidateConnections();
                    logging::event(lcDb(), QtInfoMsg, u"database is up"_s, {});
                    Q_EMIT databaseUp();
                }
            } else {
                if (wasUp) {
                    m_pool.invalidateConnections(); // every worker's connection is suspect now
                    logging::event(lcDb(), QtWarningMsg, u"database is down"_s, {});
                    Q_EMIT databaseDown();
                }
                m_retryMs = std::min(m_retryMs * 2, kMaxRetryMs);
            }
            scheduleNext();
        });
}

void DbMonitor::scheduleNext()
{
    m_timer.start(m_up.load() ? kUpIntervalMs : m_retryMs);
}

} // namespace natter::server
