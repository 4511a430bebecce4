// SPDX-License-Identifier: Apache-2.0
#include "media/imageprep.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QImageReader>
#include <QImageWriter>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop::imageprep {
namespace {

//! The formats the server accepts, by what QImageReader reads from the bytes.
QByteArray contentTypeOf(const QByteArray &format)
{
    if (format == "jpeg" || format == "jpg")
        return "image/jpeg"_ba;
    if (format == "png")
        return "image/png"_ba;
    if (format == "webp")
        return "image/webp"_ba;
    if (format == "gif")
        return "image/gif"_ba;
    return {};
}

QByteArray encode(const QImage &image, const char *format, int quality = -1)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    if (quality > 0)
        writer.setQuality(quality);
    if (!writer.write(image))
        return {};
    return bytes;
}

QSize fitted(const QSize &size, int side)
{
    if (size.width() <= side && size.height() <= side)
        return size;
    return size.scaled(side, side, Qt::KeepAspectRatio).expandedTo({1, 1});
}

} // namespace

QString tooLargeText()
{
    return u"This image is too large (at most 10 MB)."_s;
}

QString unsupportedText()
{
    return u"Only JPEG, PNG, WebP and GIF images can be sent."_s;
}

Result<std::pair<QByteArray, QByteArray>> thumbnailOf(const QByteArray &bytes)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (!size.isValid())
        return ApiError::badRequest(unsupportedText());
    // EXIF rotation turns the box; scale the box that is read (the unrotated one).
    reader.setScaledSize(fitted(size, kThumbnailSide));
    const QImage image = reader.read();
    if (image.isNull())
        return ApiError::badRequest(unsupportedText());
    if (image.hasAlphaChannel())
        return std::pair{encode(image, "png"), "image/png"_ba};
    return std::pair{encode(image.convertToFormat(QImage::Format_RGB32), "jpeg", 82),
                     "image/jpeg"_ba};
}

Result<PreparedImage> fromBytes(const QByteArray &bytes, const QString &name)
{
    if (bytes.size() > kMaxUploadBytes)
        return ApiError{ErrorCode::PayloadTooLarge, tooLargeText(), {}};
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer);
    reader.setAutoTransform(true);
    PreparedImage prepared;
    prepared.contentType = contentTypeOf(reader.format());
    if (prepared.contentType.isEmpty())
        return ApiError::badRequest(unsupportedText());
    const QSize raw = reader.size();
    const bool turned = reader.transformation().testFlag(QImageIOHandler::TransformationRotate90);
    prepared.size = turned ? raw.transposed() : raw;
    auto thumbnail = thumbnailOf(bytes);
    if (!thumbnail)
        return thumbnail.error();
    prepared.bytes = bytes;
    prepared.name = name.isEmpty() ? u"image"_s : name;
    prepared.thumbnail = thumbnail->first;
    prepared.thumbnailType = thumbnail->second;
    return prepared;
}

Result<PreparedImage> fromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return ApiError::badRequest(
            u"The file %1 cannot be read."_s.arg(QFileInfo(path).fileName()));
    // Said before reading 300 MB into memory.
    if (file.size() > kMaxUploadBytes)
        return ApiError{ErrorCode::PayloadTooLarge, tooLargeText(), {}};
    return fromBytes(file.readAll(), QFileInfo(path).fileName());
}

Result<PreparedImage> fromImage(const QImage &image, const QString &name)
{
    if (image.isNull())
        return ApiError::badRequest(unsupportedText());
    return fromBytes(encode(image, "png"), name);
}

Result<QByteArray> squareAvatar(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QImage image = reader.read();
    if (image.isNull())
        return ApiError::badRequest(unsupportedText());
    const int side = std::min(image.width(), image.height());
    image = image.copy((image.width() - side) / 2, (image.height() - side) / 2, side, side);
    if (side > kAvatarSide)
        image =
            image.scaled(kAvatarSide, kAvatarSide, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return encode(image, "png");
}

} // namespace natter::desktop::imageprep
