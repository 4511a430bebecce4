// SPDX-License-Identifier: Apache-2.0
#include "ops/restore.h"

#include "db/databasesettings.h"
#include "ops/backupmanifest.h"
#include "ops/failure.h"
#include "ops/filetree.h"
#include "ops/opsdatabase.h"
#include "ops/pgtools.h"

#include <QDir>
#include <QFileInfo>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

Result<BackupManifest> loadBackup(const QString &backupDir)
{
    auto manifest = BackupManifest::load(backupDir);
    if (manifest)
        return manifest;
    // The folder of all backups instead of one of them: name the newest.
    const QStringList inside =
        QDir(backupDir).entryList({u"natter-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    if (!inside.isEmpty())
        return failure(u"%1 holds several backups; restore one of them, e.g. the newest: %2"_s.arg(
            backupDir, QDir(backupDir).filePath(inside.constLast())));
    return manifest;
}

//! Every byte of the backup matches its manifest, before anything is changed.
Status verify(const QString &backupDir, const BackupManifest &manifest)
{
    const QString dump = QDir(backupDir).filePath(BackupManifest::kDatabaseFile);
    auto dumpSha = sha256File(dump);
    if (!dumpSha)
        return dumpSha.error();
    if (dumpSha.value() != manifest.databaseSha256 ||
        QFileInfo(dump).size() != manifest.databaseSize)
        return failure(u"%1 does not match its manifest: the backup is damaged"_s.arg(dump));
    const QDir files(QDir(backupDir).filePath(BackupManifest::kFilesFolder));
    for (const BackupFile &file : manifest.files) {
        auto sha = sha256File(files.filePath(file.path));
        if (!sha)
            return sha.error();
        if (sha.value() != file.sha256)
            return failure(u"%1 does not match its manifest: the backup is damaged"_s.arg(
                files.filePath(file.path)));
    }
    return Done{};
}

Status checkTarget(const DatabaseSettings &settings, bool replace)
{
    ScopedConnection connection(settings, u"restore"_s);
    if (!connection.isOpen())
        return failure(u"cannot connect to the database: %1"_s.arg(connection.errorText()));
    auto servers = countServerSessions(connection.db());
    if (!servers)
        return servers.error();
    if (servers.value() > 0)
        return failure(u"%1 natter-server connection(s) are open on database %2; stop the server "
                       "first (systemctl stop 'natter@*')"_s.arg(QString::number(servers.value()),
                                                                 settings.database));
    auto tables = countTables(connection.db());
    if (!tables)
        return tables.error();
    if (tables.value() > 0 && !replace)
        return failure(u"database %1 is not empty (%2 tables); restore into an empty database, or "
                       "pass --force to replace everything in it"_s.arg(
                           settings.database, QString::number(tables.value())));
    return Done{};
}

//! Files restored as root belong to whoever owns the data folder (the service's user).
void takeOwnership(const QString &dataDir, const QString &path)
{
    struct stat owner
    {
    };
    if (::geteuid() != 0 || ::stat(QFile::encodeName(dataDir).constData(), &owner) != 0)
        return;
    QString current = QFileInfo(path).absolutePath();
    const QString root = QDir(dataDir).absolutePath();
    (void)::chown(QFile::encodeName(path).constData(), owner.st_uid, owner.st_gid);
    while (current.startsWith(root + u'/')) {
        (void)::chown(QFile::encodeName(current).constData(), owner.st_uid, owner.st_gid);
        current = QFileInfo(current).absolutePath();
    }
}

Status restoreFiles(const QString &backupDir, const BackupManifest &manifest,
                    const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return failure(u"cannot create %1"_s.arg(dataDir));
    const QDir from(QDir(backupDir).filePath(BackupManifest::kFilesFolder));
    const QDir to(dataDir);
    for (const BackupFile &file : manifest.files) {
        auto sha = copyFile(from.filePath(file.path), to.filePath(file.path));
        if (!sha)
            return sha.error();
        if (sha.value() != file.sha256)
            return failure(u"%1 changed while it was restored"_s.arg(from.filePath(file.path)));
        takeOwnership(dataDir, to.filePath(file.path));
    }
    return Done{};
}

} // namespace

Result<RestoreReport> restoreBackup(const RestoreRequest &request)
{
    auto settings = DatabaseSettings::parse(request.databaseUrl);
    if (!settings)
        return failure(describe(settings.error()));
    auto manifest = loadBackup(request.backupDir);
    if (!manifest)
        return manifest.error();
    if (manifest->schemaVersion > latestMigrationVersion())
        return failure(u"the backup's schema is at version %1 but this natter-server knows "
                       "versions up to %2: restore with the Natter version that made it (%3)"_s.arg(
                           QString::number(manifest->schemaVersion),
                           QString::number(latestMigrationVersion()), manifest->natterVersion));
    if (auto verified = verify(request.backupDir, manifest.value()); !verified)
        return verified.error();
    if (auto target = checkTarget(settings.value(), request.replace); !target)
        return target.error();

    QStringList psql{u"--no-psqlrc"_s,          u"--quiet"_s,  u"--set=ON_ERROR_STOP=1"_s,
                     u"--single-transaction"_s, u"--dbname"_s, settings->database};
    if (request.replace)
        psql << u"--command=DROP SCHEMA public CASCADE"_s << u"--command=CREATE SCHEMA public"_s;
    psql << u"--file=-"_s;
    const QString dump = QDir(request.backupDir).filePath(BackupManifest::kDatabaseFile);
    auto loaded = runPipeline(
        u"pg_restore"_s, {u"--no-owner"_s, u"--no-privileges"_s, u"--file=-"_s, dump}, u"psql"_s,
        psql, libpqEnvironment(settings.value(), QProcessEnvironment::systemEnvironment()));
    if (!loaded)
        return loaded.error();

    if (auto files = restoreFiles(request.backupDir, manifest.value(), request.dataDir); !files)
        return files.error();
    return RestoreReport{manifest->schemaVersion, int(manifest->files.size())};
}

} // namespace natter::server::ops
