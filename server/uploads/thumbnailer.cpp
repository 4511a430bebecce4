// SPDX-License-Identifier: Apache-2.0
#include "uploads/thumbnailer.h"

#include <QBuffer>
#include <QImage>
#include <QImageReader>
#include <QImageWriter>
#include <QMutex>
#include <QMutexLocker>

#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {
namespace {

//! One decode at a time: the allocation limit bounds one image, this bounds their number.
QMutex &decodeLock()
{
    static QMutex lock;
    return lock;
}

QSize fitted(int width, int height)
{
    const int longSide = std::max(width, height);
    if (longSide <= kThumbnailSide)
        return {width, height};
    const double scale = double(kThumbnailSide) / longSide;
    return {std::max(1, int(std::lround(width * scale))),
            std::max(1, int(std::lround(height * scale)))};
}

Result<Thumbnail> encode(const QImage &decoded)
{
    // A decoded image keeps the file's text (EXIF description, comments), and Qt's writers
    // write it back out: start from the pixels alone.
    QImage image(decoded.constBits(), decoded.width(), decoded.height(), decoded.bytesPerLine(),
                 decoded.format());
    image.setColorTable(decoded.colorTable());
    image = image.copy();
    Thumbnail thumbnail;
    thumbnail.format = image.hasAlphaChannel() ? ImageFormat::Png : ImageFormat::Jpeg;
    QBuffer buffer(&thumbnail.bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, thumbnail.format == ImageFormat::Png ? "png"_ba : "jpeg"_ba);
    if (thumbnail.format == ImageFormat::Jpeg)
        writer.setQuality(82);
    if (!writer.write(image))
        return ApiError::internal();
    thumbnail.width = image.width();
    thumbnail.height = image.height();
    return thumbnail;
}

QByteArray readerFormat(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return "jpeg"_ba;
    case ImageFormat::Png:
        return "png"_ba;
    case ImageFormat::WebP:
        return "webp"_ba;
    case ImageFormat::Gif:
        return "gif"_ba;
    }
    return {};
}

} // namespace

Result<Thumbnail> makeThumbnail(QIODevice &original, const ImageInfo &info, int allocationLimitMb)
{
    QMutexLocker locker(&decodeLock());
    if (!original.seek(0))
        return ApiError::internal();
    QImageReader::setAllocationLimit(allocationLimitMb);
    QImageReader reader(&original, readerFormat(info.format));
    reader.setAutoTransform(true);
    // Scaled while decoding where the format can (JPEG decodes at 1/2, 1/4, 1/8 directly).
    reader.setScaledSize(fitted(info.width, info.height));
    QImage image = reader.read();
    if (image.isNull())
        return ApiError{ErrorCode::UnsupportedMediaType,
                        u"The image could not be decoded: %1"_s.arg(reader.errorString()),
                        {}};
    if (std::max(image.width(), image.height()) > kThumbnailSide)
        image = image.scaled(kThumbnailSide, kThumbnailSide, Qt::KeepAspectRatio,
                             Qt::SmoothTransformation);
    return encode(image);
}

Result<Thumbnail> checkClientThumbnail(const QByteArray &bytes, const ImageInfo &original)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    const auto format = sniffImageFormat(bytes.left(kSniffBytes));
    if (!format)
        return ApiError{ErrorCode::UnsupportedMediaType,
                        u"A thumbnail must be a JPEG, PNG, WebP or GIF image."_s,
                        {}};
    auto info =
        probeImage(buffer, *format, {qint64(kThumbnailSide) * kThumbnailSide, kThumbnailSide});
    if (!info) {
        if (info.error().code == ErrorCode::PayloadTooLarge)
            return ApiError::validation(
                u"thumbnail"_s, u"at most %1 pixels on the long side"_s.arg(kThumbnailSide));
        return info.error();
    }
    // The thumbnail shows the upright picture: compare with the original's display shape.
    const double shape = double(info->width) / info->height;
    const double wanted = double(original.displayWidth()) / original.displayHeight();
    if (std::abs(shape - wanted) / wanted > 0.05 && std::max(info->width, info->height) > 8)
        return ApiError::validation(u"thumbnail"_s, u"must have the image's proportions"_s);
    QMutexLocker locker(&decodeLock());
    buffer.seek(0);
    QImageReader reader(&buffer, readerFormat(*format));
    const QImage image = reader.read();
    if (image.isNull())
        return ApiError{
            ErrorCode::UnsupportedMediaType, u"The thumbnail could not be decoded."_s, {}};
    return encode(image);
}

} // namespace natter::server::uploads
