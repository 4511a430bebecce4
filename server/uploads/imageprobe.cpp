// SPDX-License-Identifier: Apache-2.0
#include "uploads/imageprobe.h"

#include "uploads/bytereading.h"

#include <QIODevice>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {
namespace {

ApiError notAnImage()
{
    return {ErrorCode::UnsupportedMediaType, u"The file is not a valid image."_s, {}};
}

Result<ImageInfo> judged(ImageInfo info, const ImageLimits &limits)
{
    if (info.width <= 0 || info.height <= 0)
        return notAnImage();
    if (info.width > limits.maxSide || info.height > limits.maxSide ||
        qint64(info.width) * info.height > limits.maxPixels)
        return ApiError{ErrorCode::PayloadTooLarge,
                        u"The image is %1 x %2 pixels; at most %3 pixels are accepted."_s.arg(
                            QString::number(info.width), QString::number(info.height),
                            QString::number(limits.maxPixels)),
                        {}};
    return info;
}

Result<ImageInfo> probePng(QIODevice &file, const ImageLimits &limits)
{
    // The signature, then IHDR, which the format requires to come first.
    const QByteArray head = readExactly(file, 8 + 8 + 13);
    if (head.size() < 29 || head.mid(12, 4) != "IHDR"_ba || bigEndian32(head, 8) != 13)
        return notAnImage();
    ImageInfo info{ImageFormat::Png, int(std::min<quint32>(bigEndian32(head, 16), INT_MAX)),
                   int(std::min<quint32>(bigEndian32(head, 20), INT_MAX)), 1};
    return judged(info, limits);
}

Result<ImageInfo> probeGif(QIODevice &file, const ImageLimits &limits)
{
    const QByteArray head = readExactly(file, 10);
    if (head.size() < 10)
        return notAnImage();
    return judged({ImageFormat::Gif, littleEndian16(head, 6), littleEndian16(head, 8), 1}, limits);
}

Result<ImageInfo> probeWebP(QIODevice &file, const ImageLimits &limits)
{
    const QByteArray head = readExactly(file, 30);
    if (head.size() < 30)
        return notAnImage();
    const QByteArray chunk = head.mid(12, 4);
    ImageInfo info{ImageFormat::WebP, 0, 0, 1};
    if (chunk == "VP8X"_ba) {
        info.width = int(littleEndian24(head, 24) + 1);
        info.height = int(littleEndian24(head, 27) + 1);
    } else if (chunk == "VP8L"_ba) {
        if (quint8(head[20]) != 0x2F)
            return notAnImage();
        const quint32 bits = littleEndian32(head, 21);
        info.width = int((bits & 0x3FFF) + 1);
        info.height = int(((bits >> 14) & 0x3FFF) + 1);
    } else if (chunk == "VP8 "_ba) {
        if (head.mid(23, 3) != "\x9D\x01\x2A"_ba)
            return notAnImage();
        info.width = littleEndian16(head, 26) & 0x3FFF;
        info.height = littleEndian16(head, 28) & 0x3FFF;
    } else {
        return notAnImage();
    }
    return judged(info, limits);
}

bool isStartOfFrame(quint8 marker)
{
    return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

Result<ImageInfo> probeJpeg(QIODevice &file, const ImageLimits &limits)
{
    if (readExactly(file, 2) != "\xFF\xD8"_ba)
        return notAnImage();
    int orientation = 1;
    // Segments up to the first frame header; entropy-coded data only follows SOS.
    for (int segments = 0; segments < 1000; ++segments) {
        const QByteArray marker = readExactly(file, 4);
        if (marker.size() < 4 || quint8(marker[0]) != 0xFF)
            return notAnImage();
        const quint8 kind = quint8(marker[1]);
        const int length = bigEndian16(marker, 2);
        if (length < 2 || kind == 0xDA || kind == 0xD9)
            return notAnImage(); // scan data or the end before any frame header
        if (isStartOfFrame(kind)) {
            const QByteArray frame = readExactly(file, 5);
            if (frame.size() < 5)
                return notAnImage();
            return judged(
                {ImageFormat::Jpeg, bigEndian16(frame, 3), bigEndian16(frame, 1), orientation},
                limits);
        }
        if (kind == 0xE1 && orientation == 1) {
            const QByteArray payload = readExactly(file, length - 2);
            if (payload.startsWith("Exif\0\0"_ba))
                orientation = exifOrientation(payload.mid(6));
            continue;
        }
        if (!file.seek(file.pos() + length - 2))
            return notAnImage();
    }
    return notAnImage();
}

} // namespace

int exifOrientation(const QByteArray &tiff)
{
    if (tiff.size() < 8)
        return 1;
    const bool little = tiff.startsWith("II"_ba);
    if (!little && !tiff.startsWith("MM"_ba))
        return 1;
    auto u16 = [&](qsizetype at) {
        return little ? littleEndian16(tiff, at) : bigEndian16(tiff, at);
    };
    auto u32 = [&](qsizetype at) {
        return little ? littleEndian32(tiff, at) : bigEndian32(tiff, at);
    };
    const quint32 ifd = u32(4);
    if (ifd + 2 > quint32(tiff.size()))
        return 1;
    const int entries = u16(ifd);
    for (int i = 0; i < entries; ++i) {
        const qsizetype entry = qsizetype(ifd) + 2 + 12 * i;
        if (entry + 12 > tiff.size())
            return 1;
        if (u16(entry) == 0x0112) {
            const int value = u16(entry + 8);
            return value >= 1 && value <= 8 ? value : 1;
        }
    }
    return 1;
}

Result<ImageInfo> probeImage(QIODevice &file, ImageFormat format, const ImageLimits &limits)
{
    if (!file.seek(0))
        return notAnImage();
    switch (format) {
    case ImageFormat::Png:
        return probePng(file, limits);
    case ImageFormat::Gif:
        return probeGif(file, limits);
    case ImageFormat::WebP:
        return probeWebP(file, limits);
    case ImageFormat::Jpeg:
        return probeJpeg(file, limits);
    }
    return notAnImage();
}

} // namespace natter::server::uploads
