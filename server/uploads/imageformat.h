// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace natter::server::uploads {

//! The image formats Natter accepts. Anything else is refused with 415, whatever the client
//! called it: the type is always taken from the bytes, never from a header or a file name.
enum class ImageFormat
{
    Jpeg,
    Png,
    WebP,
    Gif,
};

//! How many leading bytes sniffImageFormat() needs to decide (WebP's RIFF header is longest).
inline constexpr qsizetype kSniffBytes = 12;

//! The format whose signature `head` starts with; nullopt for anything else (HTML, SVG, a PDF,
//! a JPEG's signature alone without a marker after it...). `head` needs kSniffBytes bytes.
[[nodiscard]] std::optional<ImageFormat> sniffImageFormat(const QByteArray &head);
//! `image/jpeg`, `image/png`, `image/webp`, `image/gif`.
[[nodiscard]] QString contentType(ImageFormat format);
//! The same, parsed back (for rows read from the database).
[[nodiscard]] std::optional<ImageFormat> formatFromContentType(const QString &contentType);
//! `jpg`, `png`, `webp`, `gif`: the extension a download is given.
[[nodiscard]] QString fileExtension(ImageFormat format);

} // namespace natter::server::uploads
