// SPDX-License-Identifier: Apache-2.0
#include "media/imagecache.h"

#include "api/transferclient.h"
#include "core/logging.h"

#include <algorithm>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

ImageCache::ImageCache(TransferClient *transfers, const QString &directory, qint64 budgetBytes,
                       QObject *parent)
    : QObject(parent), m_transfers(transfers), m_directory(directory), m_budget(budgetBytes)
{
    QDir().mkpath(m_directory);
    const QFileInfoList files = QDir(m_directory).entryInfoList(QDir::Files);
    for (const QFileInfo &file : files)
        m_bytes += file.size();
}

QString ImageCache::qmlSource(const QString &serverPath)
{
    if (!serverPath.startsWith(u"/api/v1/"_s))
        return {};
    return u"image://natter"_s + serverPath;
}

QString ImageCache::fileFor(const QString &serverPath) const
{
    // The server is part of the name: two servers both have an /api/v1/avatars/1.
    const QByteArray key = m_transfers->urlOf(serverPath).toEncoded();
    return m_directory + u'/' +
           QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex());
}

QString ImageCache::cachedFile(const QString &serverPath) const
{
    const QString file = fileFor(serverPath);
    return QFileInfo::exists(file) ? file : QString();
}

void ImageCache::fetch(const QString &serverPath, QObject *context, Callback callback)
{
    if (!serverPath.startsWith(u"/api/v1/"_s) || serverPath.contains(u".."_s)) {
        callback(ApiError::badRequest(u"Not an image of this server."_s));
        return;
    }
    const QString file = fileFor(serverPath);
    if (QFileInfo::exists(file)) {
        // Touched on use: the budget removes what was not looked at for the longest time.
        QFile touched(file);
        if (touched.open(QIODevice::ReadWrite))
            touched.setFileTime(QDateTime::currentDateTimeUtc(), QFileDevice::FileModificationTime);
        callback(file);
        return;
    }
    auto &waiters = m_waiting[serverPath];
    waiters.append({QPointer<QObject>(context), std::move(callback)});
    if (waiters.size() > 1)
        return;
    m_transfers->download(serverPath, this, [this, serverPath](Result<QByteArray> answer) {
        const QList<Waiter> waiting = m_waiting.take(serverPath);
        Result<QString> result =
            answer ? Result<QString>(fileFor(serverPath)) : Result<QString>(answer.error());
        if (answer)
            store(serverPath, *answer);
        for (const Waiter &waiter : waiting) {
            if (waiter.context)
                waiter.callback(result);
        }
    });
}

void ImageCache::store(const QString &serverPath, const QByteArray &bytes)
{
    QSaveFile file(fileFor(serverPath));
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        qCWarning(lcStore) << "image cache: cannot write" << file.fileName();
        return;
    }
    m_bytes += bytes.size();
    if (m_bytes > m_budget)
        trim();
}

void ImageCache::trim()
{
    QFileInfoList files = QDir(m_directory).entryInfoList(QDir::Files, QDir::Time | QDir::Reversed);
    // Down to three quarters, so the next few images do not trim again at once.
    const qint64 target = m_budget * 3 / 4;
    m_bytes = 0;
    for (const QFileInfo &file : std::as_const(files))
        m_bytes += file.size();
    for (const QFileInfo &file : std::as_const(files)) {
        if (m_bytes <= target)
            break;
        if (QFile::remove(file.absoluteFilePath()))
            m_bytes -= file.size();
    }
}

void ImageCache::clear()
{
    const QFileInfoList files = QDir(m_directory).entryInfoList(QDir::Files);
    for (const QFileInfo &file : files)
        QFile::remove(file.absoluteFilePath());
    m_bytes = 0;
}

} // namespace natter::desktop
