// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

//! Getting an image ready to send, before any byte goes to the server: the checks a person
//! should hear about at once (too large, not an image we send), and the thumbnail the contract
//! asks clients to make (issue 13), made here with QImage as the web app does with a canvas.
namespace natter::desktop::imageprep {

//! The server's default `NATTER_MAX_UPLOAD_BYTES`; the server checks again with its own.
inline constexpr qint64 kMaxUploadBytes = qint64(10) * 1024 * 1024;
//! The contract's thumbnail: at most this many pixels on the long side.
inline constexpr int kThumbnailSide = 320;
//! Avatars are stored small by the server anyway; more would only slow the upload.
inline constexpr int kAvatarSide = 512;

struct PreparedImage
{
    QByteArray bytes;
    //! What the bytes are (`image/png`), read from them, not from the file name.
    QByteArray contentType;
    QString name;
    //! As shown (a JPEG's EXIF rotation applied).
    QSize size;
    //! JPEG (PNG when the image has transparency), at most kThumbnailSide on the long side.
    QByteArray thumbnail;
    QByteArray thumbnailType;
};

[[nodiscard]] QString tooLargeText();
[[nodiscard]] QString unsupportedText();

//! The file at `path`, checked and with its thumbnail.
[[nodiscard]] Result<PreparedImage> fromFile(const QString &path);
//! Bytes already in memory (a drop of data rather than a file), named `name`.
[[nodiscard]] Result<PreparedImage> fromBytes(const QByteArray &bytes, const QString &name);
//! A picture from the clipboard (a screenshot has no file): sent as PNG.
[[nodiscard]] Result<PreparedImage> fromImage(const QImage &image, const QString &name);

//! The thumbnail of an image's bytes: {bytes, content type}, or an error when they do not
//! decode.
[[nodiscard]] Result<std::pair<QByteArray, QByteArray>> thumbnailOf(const QByteArray &bytes);

//! A profile picture: the centred square of the image at `path`, at most kAvatarSide, as PNG
//! (the app and the web app show it in a circle).
[[nodiscard]] Result<QByteArray> squareAvatar(const QString &path);

} // namespace natter::desktop::imageprep
