// SPDX-License-Identifier: Apache-2.0
#include "uploads/uploadsweeper.h"

#include "db/dbpool.h"
#include "db/uploadrepository.h"
#include "logging.h"
#include "uploads/filestore.h"
#include "uploads/uploadprocessor.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {
namespace {

constexpr qint64 kOrphanAgeSeconds = 24 * 3600;
constexpr int kDeletionsPerSweep = 1000;

} // namespace

UploadSweeper::UploadSweeper(DbPool &pool, FileStore &store, int intervalMs, QObject *parent)
    : QObject(parent), m_pool(pool), m_store(store)
{
    connect(&m_timer, &QTimer::timeout, this, &UploadSweeper::sweep);
    m_timer.start(intervalMs);
}

void UploadSweeper::sweep()
{
    if (m_running)
        return;
    m_running = true;
    FileStore *store = &m_store;
    // One job on a database worker: the file removals are quick unlinks on local disk.
    m_pool
        .run<int>([store](QSqlDatabase &db) -> Result<int> {
            UploadRepository uploads(db);
            const QDateTime cutoff = QDateTime::currentDateTimeUtc().addSecs(-kOrphanAgeSeconds);
            auto orphans = uploads.deleteOrphans(cutoff);
            if (!orphans)
                return orphans.error();
            auto deleted = uploads.pendingFileDeletions(kDeletionsPerSweep);
            if (!deleted)
                return deleted.error();
            QList<QUuid> removed;
            for (const QUuid &id : deleted.value()) {
                if (store->remove(fileKey(id)) && store->remove(thumbnailKey(id)))
                    removed.append(id);
            }
            if (!removed.isEmpty()) {
                if (auto forgotten = uploads.forgetFileDeletions(removed); !forgotten)
                    return forgotten.error();
            }
            return orphans.value() + int(removed.size());
        })
        .then(this, [this](Result<int> swept) {
            m_running = false;
            if (!swept)
                logging::event(lcServer(), QtWarningMsg, u"upload sweep failed"_s, {});
            else if (swept.value() > 0)
                logging::event(lcServer(), QtInfoMsg, u"uploads swept"_s,
                               {{u"removed"_s, swept.value()}});
        });
}

} // namespace natter::server::uploads
