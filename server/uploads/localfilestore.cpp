// SPDX-License-Identifier: Apache-2.0
#include "uploads/localfilestore.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {

LocalFileStore::LocalFileStore(QString root) : m_root(std::move(root)) {}

QString LocalFileStore::pathOf(const QString &key) const
{
    return m_root + u'/' + key.left(2) + u'/' + key;
}

Status LocalFileStore::put(const QString &key, const QString &localPath)
{
    const QString target = pathOf(key);
    if (!QDir().mkpath(QFileInfo(target).path()))
        return ApiError::internal();
    QFile::remove(target);
    if (QFile::rename(localPath, target))
        return Done{};
    // Another file system: copy, then drop the scratch file.
    if (!QFile::copy(localPath, target))
        return ApiError::internal();
    QFile::remove(localPath);
    return Done{};
}

std::unique_ptr<QIODevice> LocalFileStore::open(const QString &key) const
{
    auto file = std::make_unique<QFile>(pathOf(key));
    if (!file->open(QIODevice::ReadOnly))
        return nullptr;
    return file;
}

Status LocalFileStore::remove(const QString &key)
{
    const QString path = pathOf(key);
    if (QFile::exists(path) && !QFile::remove(path))
        return ApiError::internal();
    return Done{};
}

QStringList LocalFileStore::keys() const
{
    QStringList keys;
    QDirIterator files(m_root, QDir::Files, QDirIterator::Subdirectories);
    while (files.hasNext())
        keys.append(QFileInfo(files.next()).fileName());
    return keys;
}

} // namespace natter::server::uploads
