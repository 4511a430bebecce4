// SPDX-License-Identifier: Apache-2.0
#include "ops/filetree.h"

#include "ops/failure.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

constexpr qint64 kChunkBytes = 1 << 20;

} // namespace

Result<QStringList> listFiles(const QString &root, const QStringList &skipped)
{
    QStringList files;
    const QDir base(root);
    if (!base.exists())
        return files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::NoSymLinks,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QString relative = base.relativeFilePath(path);
        if (skipped.contains(relative.section(u'/', 0, 0)))
            continue;
        files.append(relative);
    }
    files.sort();
    return files;
}

Result<QByteArray> sha256File(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return failure(u"cannot read %1: %2"_s.arg(path, file.errorString()));
    return hash.result().toHex();
}

Result<QByteArray> copyFile(const QString &from, const QString &to)
{
    QFile source(from);
    if (!source.open(QIODevice::ReadOnly))
        return failure(u"cannot read %1: %2"_s.arg(from, source.errorString()));
    if (!QDir().mkpath(QFileInfo(to).absolutePath()))
        return failure(u"cannot create the folder of %1"_s.arg(to));
    QFile target(to);
    if (!target.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return failure(u"cannot write %1: %2"_s.arg(to, target.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    while (!source.atEnd()) {
        const QByteArray chunk = source.read(kChunkBytes);
        if (chunk.isEmpty() && source.error() != QFileDevice::NoError)
            return failure(u"cannot read %1: %2"_s.arg(from, source.errorString()));
        hash.addData(chunk);
        if (target.write(chunk) != chunk.size())
            return failure(u"cannot write %1: %2"_s.arg(to, target.errorString()));
    }
    if (!target.flush() || ::fsync(target.handle()) != 0)
        return failure(u"cannot write %1: %2"_s.arg(to, target.errorString()));
    target.setFileTime(source.fileTime(QFileDevice::FileModificationTime),
                       QFileDevice::FileModificationTime);
    return hash.result().toHex();
}

Status hardLink(const QString &from, const QString &to)
{
    if (!QDir().mkpath(QFileInfo(to).absolutePath()))
        return failure(u"cannot create the folder of %1"_s.arg(to));
    if (::link(QFile::encodeName(from).constData(), QFile::encodeName(to).constData()) != 0)
        return failure(u"cannot link %1 to %2"_s.arg(to, from));
    return Done{};
}

qint64 modifiedMs(const QString &path)
{
    return QFileInfo(path).lastModified().toMSecsSinceEpoch();
}

} // namespace natter::server::ops
