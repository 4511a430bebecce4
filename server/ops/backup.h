// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QString>
#include <QStringList>

namespace natter::server::ops {

//! `natter-server backup DIR`: what to back up and where.
struct BackupRequest
{
    QString databaseUrl;
    QString dataDir;   //!< NATTER_DATA_DIR: uploaded files and other state
    QString targetDir; //!< each backup becomes a folder `natter-<UTC time>` in here
    int keep = 0;      //!< when > 0, older backups beyond this many are deleted afterwards
};

struct BackupReport
{
    QString folder;
    qint64 schemaVersion = 0;
    qint64 databaseBytes = 0;
    int files = 0;
    int linkedFiles = 0; //!< unchanged since the previous backup: hard links, no new space
    QStringList removed; //!< old backups deleted to keep `keep`
};

//! Dumps the database (pg_dump, custom format), then copies the data folder, then writes the
//! manifest; the folder only gets its final name when all of it is written. The data folder's
//! `tmp/` (unfinished writes) and `postgres/` (make dev's own cluster) are not copied.
//! The dump comes first: a file a dumped row points at is then always copied, as long as the
//! server deletes files no sooner than their rows (docs/operations.md, "Backups").
[[nodiscard]] Result<BackupReport> createBackup(const BackupRequest &request);

//! The top-level entries of NATTER_DATA_DIR a backup leaves out.
[[nodiscard]] QStringList skippedDataEntries();

} // namespace natter::server::ops
