// SPDX-License-Identifier: Apache-2.0
#include "uploads/avatarrecord.h"

#include "db/rows.h"
#include "db/sql.h"
#include "db/userrepository.h"
#include "natter/attachment.h"
#include "uploads/imageformat.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {

UploadRow avatarRow(const QUuid &id, const ProcessedUpload &processed, const QUuid &uploaderId)
{
    UploadRow row;
    row.id = id;
    row.uploaderId = uploaderId;
    row.purpose = u"avatar"_s;
    row.contentType = contentType(processed.info.format);
    row.size = processed.storedSize;
    row.width = processed.info.displayWidth();
    row.height = processed.info.displayHeight();
    row.thumbnailType = contentType(processed.thumbnailFormat);
    return row;
}

Result<User> recordAvatar(QSqlDatabase &db, const UploadRow &row)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    UploadRepository uploads(db);
    if (auto inserted = uploads.insert(row); !inserted)
        return inserted.error();
    if (auto dropped = uploads.deleteOtherAvatars(row.uploaderId, row.id); !dropped)
        return dropped.error();
    auto user = UserRepository(db).updateProfile(row.uploaderId, std::nullopt, avatarPath(row.id));
    if (!user)
        return user.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return user;
}

Result<bool> recordProviderAvatar(QSqlDatabase &db, const UploadRow &row, const QString &sourceUrl)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto adopted = sql::exec(db,
                             u"UPDATE users SET avatar_url = ?, provider_avatar_url = NULL, "
                             "updated_at = now() WHERE id = ?::uuid AND avatar_url IS NULL "
                             "AND provider_avatar_url = ?"_s,
                             {avatarPath(row.id), rows::uuidText(row.uploaderId), sourceUrl});
    if (!adopted)
        return adopted.error();
    if (adopted.value().numRowsAffected() == 0)
        return false;
    if (auto inserted = UploadRepository(db).insert(row); !inserted)
        return inserted.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return true;
}

Result<QString> pendingProviderAvatar(QSqlDatabase &db, const QUuid &userId)
{
    auto found = sql::exec(db,
                           u"SELECT provider_avatar_url FROM users WHERE id = ?::uuid "
                           "AND provider_avatar_url IS NOT NULL AND deleted_at IS NULL"_s,
                           {rows::uuidText(userId)});
    if (!found)
        return found.error();
    return found.value().next() ? found.value().value(0).toString() : QString();
}

Status forgetProviderAvatar(QSqlDatabase &db, const QUuid &userId, const QString &sourceUrl)
{
    auto forgotten = sql::exec(db,
                               u"UPDATE users SET provider_avatar_url = NULL "
                               "WHERE id = ?::uuid AND provider_avatar_url = ?"_s,
                               {rows::uuidText(userId), sourceUrl});
    if (!forgotten)
        return forgotten.error();
    return Done{};
}

} // namespace natter::server::uploads
