// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QTimer>

namespace natter::server {
class DbPool;
}

namespace natter::server::uploads {

class FileStore;

//! Periodically removes attachments nobody attached within a day (a composer closed, a send
//! that never happened), and the files of every upload whose row is gone (with its message,
//! with its account, or by this sweep), as recorded in `upload_deletions`. Every server
//! process sweeps; the statements are idempotent, so two sweeping at once do no harm.
class UploadSweeper final : public QObject
{
    Q_OBJECT

public:
    UploadSweeper(DbPool &pool, FileStore &store, int intervalMs, QObject *parent = nullptr);

    //! Sweeps now (also run by the timer).
    void sweep();

private:
    DbPool &m_pool;
    FileStore &m_store;
    QTimer m_timer;
    bool m_running = false;
};

} // namespace natter::server::uploads
