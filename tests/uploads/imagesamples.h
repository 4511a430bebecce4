// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QImage>

//! Image files for the upload tests, made here so every byte is known: real encodings from
//! QImage, with metadata, trailers and lying headers spliced in by hand.
namespace natter::testing::samples {

//! What the metadata samples carry in their EXIF/text/comment blocks; never in a served file.
inline constexpr char kSecret[] = "GPS-SECRET-52.5200N-13.4050E";

//! A `width` x `height` image with a gradient (so encoders cannot squash it to nothing).
[[nodiscard]] QImage picture(int width, int height, bool alpha = false);
[[nodiscard]] QByteArray encode(const QImage &image, const char *format, int quality = 85);
//! A JPEG with an EXIF block (APP1) holding orientation `orientation` and kSecret as the
//! image description and GPS processing method, plus a COM comment with kSecret.
[[nodiscard]] QByteArray jpegWithExif(int width, int height, int orientation);
//! A PNG with a tEXt chunk holding kSecret.
[[nodiscard]] QByteArray pngWithText(int width, int height);
//! A PNG whose header claims `width` x `height` with a few bytes of data: a decompression bomb
//! (100,000 x 100,000 is 40 GB of pixels).
[[nodiscard]] QByteArray pngBomb(quint32 width, quint32 height);
//! A valid PNG with an HTML page after its end: a browser sniffing it could run the script.
[[nodiscard]] QByteArray pngHtmlPolyglot();
//! A GIF (Qt has no GIF writer), 128 grey levels.
[[nodiscard]] QByteArray gif(int width, int height);
//! A GIF with a comment extension holding kSecret.
[[nodiscard]] QByteArray gifWithComment(int width, int height);
//! A lossless WebP with an EXIF chunk holding kSecret (VP8X flags announcing it).
[[nodiscard]] QByteArray webpWithExif(int width, int height);

} // namespace natter::testing::samples
