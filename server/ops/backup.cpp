// SPDX-License-Identifier: Apache-2.0
#include "ops/backup.h"

#include "db/databasesettings.h"
#include "ops/backupmanifest.h"
#include "ops/failure.h"
#include "ops/filetree.h"
#include "ops/opsdatabase.h"
#include "ops/pgtools.h"

#include <QDir>
#include <QFileInfo>
#include <QLockFile>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

const QString kPrefix = u"natter-"_s;
const QString kPartialPrefix = u".natter-"_s;

//! Complete backups in `targetDir` (folders with a manifest), oldest first.
QStringList completeBackups(const QString &targetDir)
{
    QStringList complete;
    const QStringList names =
        QDir(targetDir).entryList({kPrefix + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &name : names) {
        if (QFileInfo::exists(QDir(targetDir).filePath(name + u'/' + BackupManifest::kFileName)))
            complete.append(name);
    }
    return complete;
}

QString newBackupName(const QString &targetDir)
{
    const QString stamp = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd'T'HHmmss'Z'"_s);
    QString name = kPrefix + stamp;
    for (int n = 1; QFileInfo::exists(QDir(targetDir).filePath(name)); ++n)
        name = kPrefix + stamp + u'-' + QString::number(n);
    return name;
}

Result<qint64> migratedVersion(const DatabaseSettings &settings)
{
    ScopedConnection connection(settings, u"backup"_s);
    if (!connection.isOpen())
        return failure(u"cannot connect to the database: %1"_s.arg(connection.errorText()));
    auto state = readSchemaState(connection.db());
    if (!state)
        return state.error();
    if (!state.value())
        return failure(u"the database has no Natter schema yet (run natter-server migrate)"_s);
    if (state.value()->dirty)
        return failure(u"the schema is marked dirty at version %1; fix it before backing up"_s.arg(
            state.value()->version));
    return state.value()->version;
}

//! Copies the data folder into `staging/files`, linking what the previous backup already
//! has unchanged (same path, size and modification time).
Status copyDataFolder(const BackupRequest &request, const QString &staging,
                      BackupManifest &manifest, BackupReport &report)
{
    QStringList skipped = skippedDataEntries();
    // The backups may live inside the data folder; they must not back themselves up.
    const QString relativeTarget =
        QDir(request.dataDir).relativeFilePath(QDir(request.targetDir).absolutePath());
    if (!relativeTarget.startsWith(".."_L1))
        skipped.append(relativeTarget.section(u'/', 0, 0));
    auto files = listFiles(request.dataDir, skipped);
    if (!files)
        return files.error();

    const QStringList earlier = completeBackups(request.targetDir);
    QHash<QString, BackupFile> previous;
    QString previousFolder;
    if (!earlier.isEmpty()) {
        previousFolder = QDir(request.targetDir).filePath(earlier.constLast());
        if (auto loaded = BackupManifest::load(previousFolder))
            previous = loaded->filesByPath();
    }

    const QDir source(request.dataDir);
    const QDir target(QDir(staging).filePath(BackupManifest::kFilesFolder));
    for (const QString &path : files.value()) {
        const QFileInfo info(source.filePath(path));
        BackupFile entry{path, info.size(), modifiedMs(info.filePath()), {}};
        const auto before = previous.constFind(path);
        if (before != previous.cend() && before->size == entry.size &&
            before->modifiedMs == entry.modifiedMs) {
            const QString old =
                QDir(previousFolder).filePath(BackupManifest::kFilesFolder + u'/' + path);
            if (hardLink(old, target.filePath(path))) {
                entry.sha256 = before->sha256;
                ++report.linkedFiles;
            }
        }
        if (entry.sha256.isEmpty()) {
            auto sha = copyFile(info.filePath(), target.filePath(path));
            if (!sha)
                return sha.error();
            entry.sha256 = sha.value();
        }
        manifest.files.append(entry);
    }
    report.files = int(manifest.files.size());
    return Done{};
}

QStringList applyRetention(const QString &targetDir, int keep)
{
    QStringList removed;
    QStringList backups = completeBackups(targetDir);
    while (keep > 0 && backups.size() > keep) {
        const QString oldest = backups.takeFirst();
        if (QDir(QDir(targetDir).filePath(oldest)).removeRecursively())
            removed.append(oldest);
    }
    return removed;
}

} // namespace

QStringList skippedDataEntries()
{
    return {u"tmp"_s, u"postgres"_s, u"dev.lock"_s};
}

Result<BackupReport> createBackup(const BackupRequest &request)
{
    auto settings = DatabaseSettings::parse(request.databaseUrl);
    if (!settings)
        return failure(describe(settings.error()));
    if (!QDir().mkpath(request.targetDir))
        return failure(u"cannot create %1"_s.arg(request.targetDir));
    QLockFile lock(QDir(request.targetDir).filePath(u".natter-backup.lock"_s));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return failure(u"another backup is writing to %1"_s.arg(request.targetDir));

    // Under the lock nobody else writes here, so unfinished folders are left over from a run
    // that died: they are no backups and only take space.
    const QStringList partials =
        QDir(request.targetDir)
            .entryList({kPartialPrefix + u'*'}, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &partial : partials)
        QDir(QDir(request.targetDir).filePath(partial)).removeRecursively();

    const QString name = newBackupName(request.targetDir);
    const QString staging = QDir(request.targetDir).filePath(u".%1.partial"_s.arg(name));
    if (!QDir().mkpath(staging))
        return failure(u"cannot create %1"_s.arg(staging));
    struct RemoveOnFailure
    {
        QString path;
        bool keep = false;
        ~RemoveOnFailure()
        {
            if (!keep)
                QDir(path).removeRecursively();
        }
    } cleanup{staging};

    BackupManifest manifest;
    manifest.createdAt = QDateTime::currentDateTimeUtc();
    manifest.natterVersion = QStringLiteral(NATTER_VERSION);
    manifest.dataDir = QDir(request.dataDir).absolutePath();
    BackupReport report;

    auto version = migratedVersion(settings.value());
    if (!version)
        return version.error();
    const QString dumpPath = QDir(staging).filePath(BackupManifest::kDatabaseFile);
    auto dumped =
        runTool(u"pg_dump"_s, {u"--format=custom"_s, u"--file"_s, dumpPath},
                libpqEnvironment(settings.value(), QProcessEnvironment::systemEnvironment()));
    if (!dumped)
        return dumped.error();
    auto versionAfter = migratedVersion(settings.value());
    if (!versionAfter)
        return versionAfter.error();
    if (versionAfter.value() != version.value())
        return failure(
            u"the schema changed from version %1 to %2 during the backup (a server "
            "upgrade?); run the backup again"_s.arg(QString::number(version.value()),
                                                    QString::number(versionAfter.value())));
    manifest.schemaVersion = version.value();
    auto dumpSha = sha256File(dumpPath);
    if (!dumpSha)
        return dumpSha.error();
    manifest.databaseSha256 = dumpSha.value();
    manifest.databaseSize = QFileInfo(dumpPath).size();

    if (auto copied = copyDataFolder(request, staging, manifest, report); !copied)
        return copied.error();
    if (auto saved = manifest.save(staging); !saved)
        return saved.error();

    const QString folder = QDir(request.targetDir).filePath(name);
    if (!QDir().rename(staging, folder))
        return failure(u"cannot rename %1 to %2"_s.arg(staging, folder));
    cleanup.keep = true;

    report.folder = folder;
    report.schemaVersion = manifest.schemaVersion;
    report.databaseBytes = manifest.databaseSize;
    report.removed = applyRetention(request.targetDir, request.keep);
    return report;
}

} // namespace natter::server::ops
