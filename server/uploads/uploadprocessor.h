// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "uploads/imageprobe.h"
#include "uploads/thumbnailer.h"

#include <QString>
#include <QUuid>

namespace natter::server::uploads {

class FileStore;

//! What a received file turned into once checked and stored.
struct ProcessedUpload
{
    ImageInfo info;
    qint64 storedSize = 0; //!< of the stripped file that is served
    ImageFormat thumbnailFormat = ImageFormat::Jpeg;
};

//! What processing may cost.
struct ProcessingLimits
{
    ImageLimits image;
    //! QImageReader's allocation limit for the one decode that makes a thumbnail.
    int decodeAllocationMb = 256;
};

//! Turns a fully received file (`receivedPath`, a scratch file) into stored upload `id`: the
//! type from its bytes, the dimensions from its headers (a decompression bomb stops here,
//! before any decode), a copy without metadata, and a thumbnail made from it. Runs on a worker
//! thread; the scratch files are removed whatever happens.
[[nodiscard]] Result<ProcessedUpload> processUpload(const QString &receivedPath, const QUuid &id,
                                                    FileStore &store,
                                                    const ProcessingLimits &limits);

//! Checks a client's thumbnail for stored upload `original` and stores it in place of the
//! one the server made.
[[nodiscard]] Result<Thumbnail> replaceThumbnail(const QString &receivedPath, const QUuid &id,
                                                 const ImageInfo &original, FileStore &store);

//! The store keys of an upload's file and of its thumbnail.
[[nodiscard]] QString fileKey(const QUuid &id);
[[nodiscard]] QString thumbnailKey(const QUuid &id);

} // namespace natter::server::uploads
