// SPDX-License-Identifier: Apache-2.0
#include "uploads/metadatastripper.h"

#include "uploads/bytereading.h"

#include <QIODevice>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {
namespace {

constexpr qint64 kChunk = 64 * 1024;

ApiError broken()
{
    return {ErrorCode::UnsupportedMediaType, u"The image file is damaged."_s, {}};
}

ApiError writeFailed()
{
    return ApiError::internal();
}

//! Copies `count` bytes in chunks; false when `in` ends early or `out` fails.
bool copyBytes(QIODevice &in, QIODevice &out, qint64 count)
{
    while (count > 0) {
        const QByteArray chunk = readExactly(in, std::min(count, kChunk));
        if (chunk.isEmpty() || out.write(chunk) != chunk.size())
            return false;
        count -= chunk.size();
    }
    return true;
}

bool skipBytes(QIODevice &in, qint64 count)
{
    return in.seek(in.pos() + count) && in.pos() <= in.size();
}

// PNG: chunks that carry pixels, colour, transparency or animation; everything else (tEXt,
// zTXt, iTXt, eXIf, tIME, private chunks) is dropped.
bool keepPngChunk(const QByteArray &type)
{
    static const QList<QByteArray> kept = {
        "IHDR"_ba, "PLTE"_ba, "IDAT"_ba, "IEND"_ba, "tRNS"_ba, "gAMA"_ba, "cHRM"_ba, "sRGB"_ba,
        "iCCP"_ba, "sBIT"_ba, "bKGD"_ba, "pHYs"_ba, "acTL"_ba, "fcTL"_ba, "fdAT"_ba,
    };
    return kept.contains(type);
}

Status stripPng(QIODevice &in, QIODevice &out)
{
    const QByteArray signature = readExactly(in, 8);
    if (out.write(signature) != 8)
        return writeFailed();
    for (;;) {
        const QByteArray head = readExactly(in, 8);
        if (head.size() < 8)
            return broken();
        const quint32 length = bigEndian32(head, 0);
        const QByteArray type = head.mid(4, 4);
        if (length > 0x7FFFFFFF)
            return broken();
        if (keepPngChunk(type)) {
            if (out.write(head) != 8 || !copyBytes(in, out, qint64(length) + 4))
                return broken();
        } else if (!skipBytes(in, qint64(length) + 4)) {
            return broken();
        }
        if (type == "IEND"_ba)
            return Done{}; // whatever follows the end is not part of the image
    }
}

//! APP0 (JFIF), APP2 (ICC profile) and APP14 (Adobe colour transform) change how pixels look;
//! the other application segments and comments are metadata.
bool keepJpegSegment(quint8 marker)
{
    return marker == 0xE0 || marker == 0xE2 || marker == 0xEE || (marker >= 0xC0 && marker <= 0xDF);
}

//! An APP1 segment holding only the EXIF orientation tag (big-endian TIFF, one IFD entry).
QByteArray orientationSegment(int orientation)
{
    QByteArray tiff = "Exif\0\0MM\0\x2A\0\0\0\x08\0\x01\x01\x12\0\x03\0\0\0\x01\0"_ba;
    tiff.append(char(orientation));
    tiff.append("\0\0\0\0\0\0"_ba); // value padding, then "no next IFD"
    const int length = int(tiff.size()) + 2;
    return "\xFF\xE1"_ba + char(length >> 8) + char(length & 0xFF) + tiff;
}

//! Copies entropy-coded data and the segments between scans up to and including EOI.
Status copyJpegScans(QIODevice &in, QIODevice &out)
{
    bool afterFF = false;
    for (;;) {
        const QByteArray chunk = in.read(kChunk);
        if (chunk.isEmpty())
            return broken();
        for (qsizetype i = 0; i < chunk.size(); ++i) {
            const quint8 byte = quint8(chunk[i]);
            if (afterFF && byte == 0xD9) {
                // EOI: never preceded by an unescaped FF inside scan data, so this is the end.
                if (out.write(chunk.constData(), i + 1) != i + 1)
                    return writeFailed();
                return Done{};
            }
            afterFF = byte == 0xFF;
        }
        if (out.write(chunk) != chunk.size())
            return writeFailed();
    }
}

Status stripJpeg(const ImageInfo &info, QIODevice &in, QIODevice &out)
{
    if (readExactly(in, 2) != "\xFF\xD8"_ba || out.write("\xFF\xD8"_ba) != 2)
        return broken();
    bool orientationWritten = info.orientation == 1;
    for (;;) {
        const QByteArray marker = readExactly(in, 4);
        if (marker.size() < 4 || byteAt(marker, 0) != 0xFF)
            return broken();
        const quint8 kind = byteAt(marker, 1);
        const int length = bigEndian16(marker, 2);
        if (length < 2)
            return broken();
        // The orientation goes right after JFIF (APP0), or first when there is none.
        if (!orientationWritten && kind != 0xE0) {
            if (out.write(orientationSegment(info.orientation)) < 0)
                return writeFailed();
            orientationWritten = true;
        }
        if (kind == 0xDA) {
            if (out.write(marker) != 4 || !copyBytes(in, out, length - 2))
                return broken();
            return copyJpegScans(in, out);
        }
        if (keepJpegSegment(kind)) {
            if (out.write(marker) != 4 || !copyBytes(in, out, length - 2))
                return broken();
        } else if (!skipBytes(in, length - 2)) {
            return broken();
        }
    }
}

//! Copies GIF data sub-blocks (size byte, data; a zero size ends them), or skips them.
bool passSubBlocks(QIODevice &in, QIODevice *out)
{
    for (;;) {
        const QByteArray size = readExactly(in, 1);
        if (size.isEmpty())
            return false;
        if (out && out->write(size) != 1)
            return false;
        const int length = byteAt(size, 0);
        if (length == 0)
            return true;
        if (out ? !copyBytes(in, *out, length) : !skipBytes(in, length))
            return false;
    }
}

Status stripGif(QIODevice &in, QIODevice &out)
{
    const QByteArray head = readExactly(in, 13);
    if (head.size() < 13 || out.write(head) != 13)
        return broken();
    const quint8 flags = byteAt(head, 10);
    if ((flags & 0x80) && !copyBytes(in, out, 3 * (2 << (flags & 0x07))))
        return broken();
    for (;;) {
        const QByteArray introducer = readExactly(in, 1);
        if (introducer.isEmpty())
            return broken();
        switch (byteAt(introducer, 0)) {
        case 0x3B: // trailer: the end; nothing after it is copied
            return out.write(introducer) == 1 ? Status(Done{}) : Status(writeFailed());
        case 0x2C: { // image: descriptor, local colour table, LZW size, data
            const QByteArray descriptor = readExactly(in, 9);
            if (descriptor.size() < 9 || out.write(introducer) != 1 || out.write(descriptor) != 9)
                return broken();
            const quint8 local = byteAt(descriptor, 8);
            if ((local & 0x80) && !copyBytes(in, out, 3 * (2 << (local & 0x07))))
                return broken();
            if (!copyBytes(in, out, 1) || !passSubBlocks(in, &out))
                return broken();
            break;
        }
        case 0x21: { // extension: keep frame control and the looping (NETSCAPE) block only
            const QByteArray label = readExactly(in, 1);
            if (label.isEmpty())
                return broken();
            bool keep = byteAt(label, 0) == 0xF9;
            QByteArray appHead;
            if (byteAt(label, 0) == 0xFF) {
                appHead = readExactly(in, 12);
                keep = appHead.mid(1, 11) == "NETSCAPE2.0"_ba;
            }
            if (keep && (out.write(introducer) != 1 || out.write(label) != 1 ||
                         out.write(appHead) != appHead.size()))
                return writeFailed();
            if (!passSubBlocks(in, keep ? &out : nullptr))
                return broken();
            break;
        }
        default:
            return broken();
        }
    }
}

Status stripWebP(QIODevice &in, QIODevice &out)
{
    const QByteArray riff = readExactly(in, 12);
    if (riff.size() < 12 || out.write(riff) != 12)
        return broken();
    const qint64 end = std::min<qint64>(in.size(), qint64(littleEndian32(riff, 4)) + 8);
    while (in.pos() + 8 <= end) {
        const QByteArray head = readExactly(in, 8);
        const QByteArray type = head.left(4);
        const qint64 length = littleEndian32(head, 4);
        const qint64 padded = length + (length & 1);
        if (type == "EXIF"_ba || type == "XMP "_ba) {
            if (!skipBytes(in, padded))
                return broken();
            continue;
        }
        if (type == "VP8X"_ba) {
            // Its flags no longer announce EXIF (0x08) or XMP (0x04).
            QByteArray extended = readExactly(in, padded);
            if (extended.size() != padded || extended.isEmpty())
                return broken();
            extended[0] = char(byteAt(extended, 0) & ~0x0C);
            if (out.write(head) != 8 || out.write(extended) != extended.size())
                return writeFailed();
            continue;
        }
        if (out.write(head) != 8 || !copyBytes(in, out, padded))
            return broken();
    }
    // Whatever followed the RIFF container is gone and the container shrank: fix its size.
    const qint64 written = out.pos();
    const quint32 size = quint32(written - 8);
    const char sizeBytes[4] = {char(size & 0xFF), char((size >> 8) & 0xFF),
                               char((size >> 16) & 0xFF), char(size >> 24)};
    if (!out.seek(4) || out.write(sizeBytes, 4) != 4 || !out.seek(written))
        return writeFailed();
    return Done{};
}

} // namespace

Status stripMetadata(const ImageInfo &info, QIODevice &in, QIODevice &out)
{
    if (!in.seek(0))
        return broken();
    switch (info.format) {
    case ImageFormat::Png:
        return stripPng(in, out);
    case ImageFormat::Jpeg:
        return stripJpeg(info, in, out);
    case ImageFormat::Gif:
        return stripGif(in, out);
    case ImageFormat::WebP:
        return stripWebP(in, out);
    }
    return broken();
}

} // namespace natter::server::uploads
