// SPDX-License-Identifier: Apache-2.0
#include "imagesamples.h"

#include <QBuffer>
#include <QImageWriter>
#include <QtEndian>

#include <zlib.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing::samples {
namespace {

QByteArray be16(int value)
{
    return QByteArray(1, char((value >> 8) & 0xFF)) + char(value & 0xFF);
}

QByteArray be32(quint32 value)
{
    return be16(int(value >> 16)) + be16(int(value & 0xFFFF));
}

QByteArray le32(quint32 value)
{
    QByteArray bytes(4, '\0');
    qToLittleEndian(value, bytes.data());
    return bytes;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    const QByteArray typed = type + data;
    const quint32 crc =
        quint32(crc32(0, reinterpret_cast<const Bytef *>(typed.constData()), uInt(typed.size())));
    return be32(quint32(data.size())) + typed + be32(crc);
}

} // namespace

QImage picture(int width, int height, bool alpha)
{
    QImage image(width, height, alpha ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x)
            image.setPixel(
                x, y, qRgba(x * 255 / width, y * 255 / height, (x ^ y) & 0xFF, alpha ? 128 : 255));
    }
    return image;
}

QByteArray encode(const QImage &image, const char *format, int quality)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, format);
    writer.setQuality(quality);
    writer.write(image);
    return bytes;
}

QByteArray jpegWithExif(int width, int height, int orientation)
{
    const QByteArray jpeg = encode(picture(width, height), "jpeg");
    const QByteArray secret = QByteArray(kSecret) + '\0';
    // Big-endian TIFF: IFD0 at 8 with orientation, description (ASCII, out of line) and the
    // GPS IFD pointer; the GPS IFD with the processing method (UNDEFINED, out of line).
    const quint32 ifd0 = 8;
    const quint32 ifd0Size = 2 + 3 * 12 + 4;
    const quint32 descriptionAt = ifd0 + ifd0Size;
    const quint32 gpsIfd = descriptionAt + quint32(secret.size());
    const quint32 gpsIfdSize = 2 + 12 + 4;
    const quint32 methodAt = gpsIfd + gpsIfdSize;
    QByteArray tiff = "MM\0\x2A"_ba + be32(ifd0);
    tiff += be16(3);
    tiff += be16(0x010E) + be16(2) + be32(quint32(secret.size())) + be32(descriptionAt);
    tiff += be16(0x0112) + be16(3) + be32(1) + be16(orientation) + be16(0);
    tiff += be16(0x8825) + be16(4) + be32(1) + be32(gpsIfd);
    tiff += be32(0);
    tiff += secret;
    tiff += be16(1);
    tiff += be16(0x001B) + be16(7) + be32(quint32(secret.size())) + be32(methodAt);
    tiff += be32(0);
    tiff += secret;
    const QByteArray exif = "Exif\0\0"_ba + tiff;
    const QByteArray app1 = "\xFF\xE1"_ba + be16(int(exif.size()) + 2) + exif;
    const QByteArray comment = "\xFF\xFE"_ba + be16(int(secret.size()) + 2) + secret;
    return jpeg.left(2) + app1 + comment + jpeg.mid(2);
}

QByteArray pngWithText(int width, int height)
{
    const QByteArray png = encode(picture(width, height), "png");
    // After the signature (8) and IHDR (8 + 13 + 4).
    const qsizetype afterHeader = 8 + 25;
    return png.left(afterHeader) + pngChunk("tEXt"_ba, "Comment\0"_ba + kSecret) +
           png.mid(afterHeader);
}

QByteArray pngBomb(quint32 width, quint32 height)
{
    const QByteArray header = be32(width) + be32(height) + "\x08\x02\0\0\0"_ba;
    // A zlib stream of zeros: rows of nothing, compressed to almost nothing.
    QByteArray zeros(64 * 1024, '\0');
    uLongf size = compressBound(uLong(zeros.size()));
    QByteArray compressed(qsizetype(size), '\0');
    compress(reinterpret_cast<Bytef *>(compressed.data()), &size,
             reinterpret_cast<const Bytef *>(zeros.constData()), uLong(zeros.size()));
    compressed.truncate(qsizetype(size));
    return "\x89PNG\r\n\x1A\n"_ba + pngChunk("IHDR"_ba, header) + pngChunk("IDAT"_ba, compressed) +
           pngChunk("IEND"_ba, {});
}

QByteArray pngHtmlPolyglot()
{
    return encode(picture(40, 30), "png") +
           "<html><body><script>alert(document.cookie)</script></body></html>"_ba;
}

QByteArray gif(int width, int height)
{
    // Qt reads GIF but cannot write it. 128 grey levels and an LZW stream whose codes are all
    // 8 bits wide: a clear code at least every 126 pixels keeps the table from growing past 256.
    QByteArray bytes = "GIF89a"_ba;
    bytes += char(width & 0xFF) + QByteArray(1, char(width >> 8)) + char(height & 0xFF) +
             char(height >> 8);
    bytes += "\xF6\0\0"_ba; // global colour table of 2^(6+1) = 128 entries
    for (int i = 0; i < 128; ++i)
        bytes += QByteArray(3, char(i * 2));
    bytes += "\x2C\0\0\0\0"_ba + char(width & 0xFF) + char(width >> 8) + char(height & 0xFF) +
             char(height >> 8) + '\0';
    QByteArray codes;
    constexpr char kClear = char(128);
    constexpr char kEnd = char(129);
    int sinceClear = 126;
    for (int y = 0; y < height; ++y) {
        for (int x = 0; x < width; ++x) {
            if (sinceClear == 126) {
                codes += kClear;
                sinceClear = 0;
            }
            codes += char(((x * 127) / std::max(1, width - 1) + y) % 128);
            ++sinceClear;
        }
    }
    codes += kEnd;
    bytes += char(7); // LZW minimum code size: codes start at 8 bits
    for (qsizetype at = 0; at < codes.size(); at += 255) {
        const QByteArray block = codes.mid(at, 255);
        bytes += char(block.size()) + block;
    }
    bytes += '\0';
    bytes += ';';
    return bytes;
}

QByteArray gifWithComment(int width, int height)
{
    const QByteArray plain = gif(width, height);
    // Insert the comment right before the trailer (0x3B, the last byte).
    const QByteArray comment =
        "\x21\xFE"_ba + char(sizeof(kSecret) - 1) + QByteArray(kSecret) + '\0';
    return plain.left(plain.size() - 1) + comment + plain.right(1);
}

QByteArray webpWithExif(int width, int height)
{
    const QByteArray simple = encode(picture(width, height), "webp", 100);
    // RIFF(4) size(4) WEBP(4), then the image chunk (VP8 or VP8L) to the end.
    const QByteArray imageChunk = simple.mid(12);
    QByteArray exif = "Exif\0\0MM\0\x2A\0\0\0\x08\0\0\0\0\0\0"_ba + kSecret;
    if (exif.size() % 2)
        exif += '\0';
    const quint32 w = quint32(width - 1);
    const quint32 h = quint32(height - 1);
    QByteArray vp8x = "VP8X"_ba + le32(10) + char(0x08) + QByteArray(3, '\0');
    vp8x += char(w & 0xFF) + QByteArray(1, char((w >> 8) & 0xFF)) + char((w >> 16) & 0xFF);
    vp8x += char(h & 0xFF) + QByteArray(1, char((h >> 8) & 0xFF)) + char((h >> 16) & 0xFF);
    const QByteArray body =
        "WEBP"_ba + vp8x + imageChunk + "EXIF"_ba + le32(quint32(exif.size())) + exif;
    return "RIFF"_ba + le32(quint32(body.size())) + body;
}

} // namespace natter::testing::samples
