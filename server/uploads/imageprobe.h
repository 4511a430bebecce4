// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "uploads/imageformat.h"

class QIODevice;

namespace natter::server::uploads {

//! What an image's headers say, read without decoding a pixel.
struct ImageInfo
{
    ImageFormat format = ImageFormat::Png;
    //! As stored (before any EXIF rotation).
    int width = 0;
    int height = 0;
    //! The EXIF orientation of a JPEG (1 to 8; 1 when there is none).
    int orientation = 1;

    //! The size a viewer shows: width and height swapped for orientations 5 to 8.
    [[nodiscard]] int displayWidth() const { return orientation >= 5 ? height : width; }
    [[nodiscard]] int displayHeight() const { return orientation >= 5 ? width : height; }
};

//! How large an image may be once decoded. A few kilobytes of PNG can claim 100,000 x 100,000
//! pixels (40 GB of RGBA): such a file is refused from its header and never decoded.
struct ImageLimits
{
    qint64 maxPixels = 50'000'000;
    int maxSide = 30'000;
};

//! Reads `format`, width and height (and a JPEG's EXIF orientation) from the headers of the
//! image in `file`, a seekable device positioned anywhere. `payload_too_large` when the
//! dimensions pass `limits`, `unsupported_media_type` when the headers are not those of a
//! `format` image.
[[nodiscard]] Result<ImageInfo> probeImage(QIODevice &file, ImageFormat format,
                                           const ImageLimits &limits);

//! The EXIF orientation (1 to 8) in the TIFF block of an APP1 `Exif\0\0` segment's payload
//! (without the `Exif\0\0` prefix); 1 when it has none or cannot be read.
[[nodiscard]] int exifOrientation(const QByteArray &tiff);

} // namespace natter::server::uploads
