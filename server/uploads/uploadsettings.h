// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "uploads/uploadprocessor.h"

#include <QString>

namespace natter::server::uploads {

//! The upload limits and places, from the configuration.
struct UploadSettings
{
    //! NATTER_DATA_DIR: files under `uploads/`, scratch files under `tmp/uploads/`.
    QString dataDir;
    //! NATTER_MAX_UPLOAD_BYTES: a body past this is refused with 413 before it is read.
    qint64 maxUploadBytes = 10 * 1024 * 1024;
    ProcessingLimits processing;
    //! A body that stops arriving for this long is dropped (408).
    int stallTimeoutMs = 30'000;
    //! How often orphans and files of deleted uploads are swept (NATTER_UPLOAD_SWEEP_SECONDS).
    int sweepIntervalMs = 60 * 60 * 1000;
};

} // namespace natter::server::uploads
