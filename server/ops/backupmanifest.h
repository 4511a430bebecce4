// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace natter::server::ops {

//! One file of the data folder as it was backed up.
struct BackupFile
{
    QString path; //!< relative to NATTER_DATA_DIR and to the backup's `files/`
    qint64 size = 0;
    qint64 modifiedMs = 0;
    QByteArray sha256;
};

//! `manifest.json` of one backup folder: what is in it and the checksums that prove it is
//! whole. A folder without one is not a backup (an interrupted run never gets one).
struct BackupManifest
{
    static constexpr int kFormat = 1;
    static constexpr QLatin1StringView kFileName{"manifest.json"};
    static constexpr QLatin1StringView kDatabaseFile{"database.dump"};
    static constexpr QLatin1StringView kFilesFolder{"files"};

    QDateTime createdAt;
    QString natterVersion;
    qint64 schemaVersion = 0;
    qint64 databaseSize = 0;
    QByteArray databaseSha256;
    QString dataDir;
    QList<BackupFile> files;

    //! Reads and checks `<backupDir>/manifest.json`.
    [[nodiscard]] static Result<BackupManifest> load(const QString &backupDir);
    //! Writes `<backupDir>/manifest.json` (atomically).
    [[nodiscard]] Status save(const QString &backupDir) const;
    //! The files by path, for finding what an earlier backup already holds.
    [[nodiscard]] QHash<QString, BackupFile> filesByPath() const;
};

} // namespace natter::server::ops
