// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QString>

namespace natter::server::ops {

//! `natter-server restore BACKUP`: which backup, into which database and data folder.
struct RestoreRequest
{
    QString databaseUrl;
    QString dataDir;
    QString backupDir;    //!< one `natter-<time>` folder written by `natter-server backup`
    bool replace = false; //!< allow a database that has tables: they are dropped first
};

struct RestoreReport
{
    qint64 schemaVersion = 0;
    int files = 0;
};

//! Checks the whole backup against its manifest before it changes anything, refuses while a
//! natter-server is connected to the database, then loads the dump in one transaction (with
//! `replace`, the old `public` schema is dropped in that same transaction) and copies the
//! files into the data folder.
[[nodiscard]] Result<RestoreReport> restoreBackup(const RestoreRequest &request);

} // namespace natter::server::ops
