// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "uploads/imageprobe.h"

#include <QByteArray>

class QIODevice;

namespace natter::server::uploads {

//! A small preview of an upload, at most kThumbnailSide pixels on its long side, re-encoded by
//! us (so it carries no metadata whoever made it): PNG where it has transparency, else JPEG.
struct Thumbnail
{
    QByteArray bytes;
    ImageFormat format = ImageFormat::Jpeg;
    int width = 0;
    int height = 0;
};

inline constexpr int kThumbnailSide = 320;
//! A client's thumbnail past this many bytes is refused before it is read.
inline constexpr qint64 kMaxThumbnailBytes = 512 * 1024;

//! Decodes the image in `original` (whose headers said `info`, already within the limits)
//! scaled down and turned upright, one decode at a time in the whole process and never past
//! `allocationLimitMb` of pixels, so a burst of uploads cannot add up to a burst of memory.
[[nodiscard]] Result<Thumbnail> makeThumbnail(QIODevice &original, const ImageInfo &info,
                                              int allocationLimitMb);

//! Checks a thumbnail a client made of an upload whose headers said `original`: an image by its
//! bytes, at most kThumbnailSide on its long side, the original's shape (within rounding), then
//! decoded (it is small) and re-encoded. `unsupported_media_type` or `validation_failed` if not.
[[nodiscard]] Result<Thumbnail> checkClientThumbnail(const QByteArray &bytes,
                                                     const ImageInfo &original);

} // namespace natter::server::uploads
