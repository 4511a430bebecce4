// SPDX-License-Identifier: Apache-2.0
#include "uploads/imageformat.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {

std::optional<ImageFormat> sniffImageFormat(const QByteArray &head)
{
    if (head.size() < kSniffBytes)
        return std::nullopt;
    // SOI followed by the first marker: a lone FF D8 is too weak a signature.
    if (head.startsWith("\xFF\xD8\xFF"_ba))
        return ImageFormat::Jpeg;
    if (head.startsWith("\x89PNG\r\n\x1A\n"_ba))
        return ImageFormat::Png;
    if (head.startsWith("RIFF"_ba) && head.mid(8, 4) == "WEBP"_ba)
        return ImageFormat::WebP;
    if (head.startsWith("GIF87a"_ba) || head.startsWith("GIF89a"_ba))
        return ImageFormat::Gif;
    return std::nullopt;
}

QString contentType(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return u"image/jpeg"_s;
    case ImageFormat::Png:
        return u"image/png"_s;
    case ImageFormat::WebP:
        return u"image/webp"_s;
    case ImageFormat::Gif:
        return u"image/gif"_s;
    }
    return {};
}

std::optional<ImageFormat> formatFromContentType(const QString &type)
{
    for (auto format : {ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP, ImageFormat::Gif}) {
        if (contentType(format) == type)
            return format;
    }
    return std::nullopt;
}

QString fileExtension(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg:
        return u"jpg"_s;
    case ImageFormat::Png:
        return u"png"_s;
    case ImageFormat::WebP:
        return u"webp"_s;
    case ImageFormat::Gif:
        return u"gif"_s;
    }
    return {};
}

} // namespace natter::server::uploads
