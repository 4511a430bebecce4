// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "uploads/imageprobe.h"

class QIODevice;

namespace natter::server::uploads {

//! Copies the image in `in` to `out` without what could tell more than the picture: EXIF
//! (camera, time, GPS location), XMP, IPTC, comments and text chunks, and any bytes after the
//! image's end (where polyglot files hide HTML or scripts). Pixels, colour profiles and
//! animation are kept; a JPEG keeps its EXIF orientation as a minimal EXIF block of that one
//! tag, so photos taken sideways are not shown sideways. Streams: memory stays constant
//! whatever the file's size. `out` must be seekable (a WebP's RIFF size is fixed up at the
//! end). `unsupported_media_type` when the structure is broken.
[[nodiscard]] Status stripMetadata(const ImageInfo &info, QIODevice &in, QIODevice &out);

} // namespace natter::server::uploads
