// SPDX-License-Identifier: Apache-2.0
#include "uploads/uploadprocessor.h"

#include "uploads/filestore.h"
#include "uploads/metadatastripper.h"

#include <QFile>
#include <QScopeGuard>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {
namespace {

ApiError notAnImage()
{
    return {ErrorCode::UnsupportedMediaType,
            u"Only JPEG, PNG, WebP and GIF images can be uploaded."_s,
            {}};
}

Status writeFile(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.flush())
        return ApiError::internal();
    return Done{};
}

} // namespace

QString fileKey(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QString thumbnailKey(const QUuid &id)
{
    return fileKey(id) + u".thumb"_s;
}

Result<ProcessedUpload> processUpload(const QString &receivedPath, const QUuid &id,
                                      FileStore &store, const ProcessingLimits &limits)
{
    const QString cleanPath = receivedPath + u".clean"_s;
    const QString thumbPath = receivedPath + u".thumb"_s;
    const auto cleanUp = qScopeGuard([&] {
        QFile::remove(receivedPath);
        QFile::remove(cleanPath);
        QFile::remove(thumbPath);
    });
    QFile received(receivedPath);
    if (!received.open(QIODevice::ReadOnly))
        return ApiError::internal();
    const auto format = sniffImageFormat(received.peek(kSniffBytes));
    if (!format)
        return notAnImage();
    auto info = probeImage(received, *format, limits.image);
    if (!info)
        return info.error();

    QFile clean(cleanPath);
    if (!clean.open(QIODevice::WriteOnly))
        return ApiError::internal();
    if (auto stripped = stripMetadata(info.value(), received, clean); !stripped)
        return stripped.error();
    if (!clean.flush())
        return ApiError::internal();
    clean.close();

    // The thumbnail decodes the stripped copy, the bytes that will be served: a file that only
    // looks like an image in its headers fails here.
    clean.open(QIODevice::ReadOnly);
    auto thumbnail = makeThumbnail(clean, info.value(), limits.decodeAllocationMb);
    const qint64 storedSize = clean.size();
    clean.close();
    if (!thumbnail)
        return thumbnail.error();
    if (auto written = writeFile(thumbPath, thumbnail->bytes); !written)
        return written.error();
    if (auto stored = store.put(thumbnailKey(id), thumbPath); !stored)
        return stored.error();
    if (auto stored = store.put(fileKey(id), cleanPath); !stored)
        return stored.error();
    return ProcessedUpload{info.value(), storedSize, thumbnail->format};
}

Result<Thumbnail> replaceThumbnail(const QString &receivedPath, const QUuid &id,
                                   const ImageInfo &original, FileStore &store)
{
    const QString thumbPath = receivedPath + u".thumb"_s;
    const auto cleanUp = qScopeGuard([&] {
        QFile::remove(receivedPath);
        QFile::remove(thumbPath);
    });
    QFile received(receivedPath);
    if (!received.open(QIODevice::ReadOnly) || received.size() > kMaxThumbnailBytes)
        return ApiError::internal();
    auto thumbnail = checkClientThumbnail(received.readAll(), original);
    if (!thumbnail)
        return thumbnail.error();
    if (auto written = writeFile(thumbPath, thumbnail->bytes); !written)
        return written.error();
    if (auto stored = store.put(thumbnailKey(id), thumbPath); !stored)
        return stored.error();
    return thumbnail;
}

} // namespace natter::server::uploads
