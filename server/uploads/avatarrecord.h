// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/uploadrepository.h"
#include "natter/result.h"
#include "natter/user.h"
#include "uploads/uploadprocessor.h"

#include <QSqlDatabase>

namespace natter::server::uploads {

//! The row of avatar `id`, stored as `processed`, for `uploaderId`.
[[nodiscard]] UploadRow avatarRow(const QUuid &id, const ProcessedUpload &processed,
                                  const QUuid &uploaderId);

//! Records avatar upload `row` (stored already) and points its uploader's `avatar_url` at it;
//! the previous avatar's row goes (its files with the next sweep).
[[nodiscard]] Result<User> recordAvatar(QSqlDatabase &db, const UploadRow &row);

//! Records avatar `row`, copied from the provider's picture `sourceUrl`, only while that picture
//! is still what the user waits for (no picture of their own came first, nobody removed it).
//! false: it was not wanted any more; nothing was written and the caller removes its files.
[[nodiscard]] Result<bool> recordProviderAvatar(QSqlDatabase &db, const UploadRow &row,
                                                const QString &sourceUrl);

//! The provider picture `userId` waits for (empty when none).
[[nodiscard]] Result<QString> pendingProviderAvatar(QSqlDatabase &db, const QUuid &userId);

//! Gives up on copying `sourceUrl` for `userId` (not an image, gone, too large).
[[nodiscard]] Status forgetProviderAvatar(QSqlDatabase &db, const QUuid &userId,
                                          const QString &sourceUrl);

} // namespace natter::server::uploads
