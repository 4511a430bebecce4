// SPDX-License-Identifier: Apache-2.0
#include "ops/backupmanifest.h"

#include "natter/timestamps.h"
#include "ops/failure.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {

Result<BackupManifest> BackupManifest::load(const QString &backupDir)
{
    const QString path = QDir(backupDir).filePath(kFileName);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(u"%1 is not a Natter backup: it has no readable %2"_s.arg(
            backupDir, QString(kFileName)));
    QJsonParseError parseError;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll(), &parseError).object();
    if (parseError.error != QJsonParseError::NoError)
        return failure(u"%1 is damaged: %2"_s.arg(path, parseError.errorString()));
    if (json.value("format"_L1).toInt() != kFormat)
        return failure(u"%1 has format %2; this natter-server reads format %3"_s.arg(
            path, QString::number(json.value("format"_L1).toInt()), QString::number(kFormat)));

    BackupManifest manifest;
    manifest.createdAt = parseTimestamp(json.value("created_at"_L1).toString());
    manifest.natterVersion = json.value("natter_version"_L1).toString();
    manifest.schemaVersion = json.value("schema_version"_L1).toInteger();
    const QJsonObject database = json.value("database"_L1).toObject();
    manifest.databaseSize = database.value("size"_L1).toInteger(-1);
    manifest.databaseSha256 = database.value("sha256"_L1).toString().toLatin1();
    manifest.dataDir = json.value("data_dir"_L1).toString();
    const QJsonArray files = json.value("files"_L1).toArray();
    for (const auto &value : files) {
        const QJsonObject entry = value.toObject();
        BackupFile file{entry.value("path"_L1).toString(), entry.value("size"_L1).toInteger(-1),
                        entry.value("modified_ms"_L1).toInteger(),
                        entry.value("sha256"_L1).toString().toLatin1()};
        // A path that climbs out of the backup would let a crafted manifest write anywhere.
        if (file.path.isEmpty() || QDir::isAbsolutePath(file.path) ||
            QDir::cleanPath(file.path) != file.path || file.path.startsWith("../"_L1) ||
            file.path == ".."_L1)
            return failure(u"%1 names a file outside the backup: '%2'"_s.arg(path, file.path));
        manifest.files.append(file);
    }
    if (!manifest.createdAt.isValid() || manifest.databaseSize < 0 ||
        manifest.databaseSha256.size() != 64)
        return failure(u"%1 is incomplete"_s.arg(path));
    return manifest;
}

Status BackupManifest::save(const QString &backupDir) const
{
    QJsonArray fileList;
    for (const BackupFile &file : files) {
        fileList.append(QJsonObject{{u"path"_s, file.path},
                                    {u"size"_s, file.size},
                                    {u"modified_ms"_s, file.modifiedMs},
                                    {u"sha256"_s, QString::fromLatin1(file.sha256)}});
    }
    const QJsonObject json{
        {u"format"_s, kFormat},
        {u"created_at"_s, formatTimestamp(createdAt)},
        {u"natter_version"_s, natterVersion},
        {u"schema_version"_s, schemaVersion},
        {u"database"_s, QJsonObject{{u"file"_s, QString(kDatabaseFile)},
                                    {u"size"_s, databaseSize},
                                    {u"sha256"_s, QString::fromLatin1(databaseSha256)}}},
        {u"data_dir"_s, dataDir},
        {u"files"_s, fileList},
    };
    QSaveFile file(QDir(backupDir).filePath(kFileName));
    if (!file.open(QIODevice::WriteOnly))
        return failure(u"cannot write the manifest in %1: %2"_s.arg(backupDir, file.errorString()));
    file.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!file.commit())
        return failure(u"cannot write the manifest in %1: %2"_s.arg(backupDir, file.errorString()));
    return Done{};
}

QHash<QString, BackupFile> BackupManifest::filesByPath() const
{
    QHash<QString, BackupFile> byPath;
    for (const BackupFile &file : files)
        byPath.insert(file.path, file);
    return byPath;
}

} // namespace natter::server::ops
