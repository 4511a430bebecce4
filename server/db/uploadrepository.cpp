// SPDX-License-Identifier: Apache-2.0
#include "db/uploadrepository.h"

#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr auto kColumns = "up.id, up.uploader_id, up.purpose, up.content_type, up.size, "
                          "up.width, up.height, up.name, up.thumbnail_type, up.message_id, "
                          "up.conversation_id";

UploadRow readRow(const QSqlQuery &query)
{
    UploadRow row;
    row.id = rows::uuid(query.value(0));
    row.uploaderId = rows::uuid(query.value(1));
    row.purpose = query.value(2).toString();
    row.contentType = query.value(3).toString();
    row.size = query.value(4).toLongLong();
    row.width = query.value(5).toInt();
    row.height = query.value(6).toInt();
    row.name = query.value(7).toString();
    row.thumbnailType = query.value(8).toString();
    row.messageId = query.value(9).isNull() ? QUuid() : rows::uuid(query.value(9));
    row.conversationId = query.value(10).isNull() ? QUuid() : rows::uuid(query.value(10));
    return row;
}

Result<std::optional<UploadRow>> oneRow(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<UploadRow>();
    return std::optional<UploadRow>(readRow(query.value()));
}

} // namespace

Attachment UploadRow::toAttachment() const
{
    return {id, contentType, size, width, height, uploadPath(id), uploadThumbnailPath(id), name};
}

Status UploadRepository::insert(const UploadRow &row)
{
    auto query =
        sql::exec(m_db,
                  u"INSERT INTO uploads (id, uploader_id, purpose, content_type, size, "
                  "width, height, name, thumbnail_type, conversation_id) "
                  "VALUES (?::uuid, ?::uuid, ?, ?, ?, ?, ?, COALESCE(?, ''), ?, ?::uuid)"_s,
                  {rows::uuidText(row.id), rows::uuidText(row.uploaderId), row.purpose,
                   row.contentType, row.size, row.width, row.height, row.name, row.thumbnailType,
                   row.conversationId.isNull() ? QVariant(QMetaType::fromType<QString>())
                                               : QVariant(rows::uuidText(row.conversationId))});
    if (!query)
        return query.error();
    return Done{};
}

Result<std::optional<UploadRow>> UploadRepository::findVisible(const QUuid &id,
                                                               const QUuid &viewerId)
{
    // A member sees an attachment exactly when they see its message: the same block rule as
    // history (rows::kNotBlockedByViewer). A member who left or was removed sees nothing.
    return oneRow(
        sql::exec(m_db,
                  u"SELECT %1 FROM uploads up WHERE up.id = ?::uuid AND (up.uploader_id = ?::uuid "
                  "OR EXISTS (SELECT 1 FROM messages m JOIN conversation_members cm "
                  "ON cm.conversation_id = m.conversation_id AND cm.user_id = ?::uuid "
                  "WHERE m.id = up.message_id AND %2))"_s.arg(
                      QLatin1StringView(kColumns), QLatin1StringView(rows::kNotBlockedByViewer)),
                  {rows::uuidText(id), rows::uuidText(viewerId), rows::uuidText(viewerId),
                   rows::uuidText(viewerId)}));
}

Result<std::optional<UploadRow>> UploadRepository::findOwn(const QUuid &id, const QUuid &uploaderId)
{
    return oneRow(sql::exec(
        m_db,
        u"SELECT %1 FROM uploads up WHERE up.id = ?::uuid AND up.uploader_id = ?::uuid"_s.arg(
            QLatin1StringView(kColumns)),
        {rows::uuidText(id), rows::uuidText(uploaderId)}));
}

Result<int> UploadRepository::attach(const QList<QUuid> &ids, const QUuid &messageId,
                                     const QUuid &uploaderId)
{
    auto query =
        sql::exec(m_db,
                  u"UPDATE uploads SET message_id = ?::uuid WHERE id = ANY(?::uuid[]) "
                  "AND uploader_id = ?::uuid AND message_id IS NULL "
                  "AND purpose = 'attachment'"_s,
                  {rows::uuidText(messageId), rows::uuidArray(ids), rows::uuidText(uploaderId)});
    if (!query)
        return query.error();
    return query.value().numRowsAffected();
}

Result<QList<Attachment>> UploadRepository::attachmentsOf(const QUuid &messageId)
{
    auto query = sql::exec(m_db,
                           u"SELECT %1 FROM messages m WHERE m.id = ?::uuid"_s.arg(
                               QLatin1StringView(rows::kMessageColumns)),
                           {rows::uuidText(messageId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return QList<Attachment>();
    return rows::message(query.value()).attachments;
}

Status UploadRepository::deleteOtherAvatars(const QUuid &uploaderId, const QUuid &keepId)
{
    auto query = sql::exec(m_db,
                           u"DELETE FROM uploads WHERE uploader_id = ?::uuid "
                           "AND purpose = 'avatar' AND id <> ?::uuid"_s,
                           {rows::uuidText(uploaderId), rows::uuidText(keepId)});
    if (!query)
        return query.error();
    return Done{};
}

Result<std::optional<UploadRow>> UploadRepository::findAvatar(const QUuid &id)
{
    return oneRow(sql::exec(
        m_db,
        u"SELECT %1 FROM uploads up WHERE up.id = ?::uuid AND up.purpose = 'avatar'"_s.arg(
            QLatin1StringView(kColumns)),
        {rows::uuidText(id)}));
}

Result<std::optional<UploadRow>> UploadRepository::findGroupAvatar(const QUuid &id,
                                                                   const QUuid &conversationId,
                                                                   const QUuid &viewerId)
{
    return oneRow(
        sql::exec(m_db,
                  u"SELECT %1 FROM uploads up JOIN conversation_members cm "
                  "ON cm.conversation_id = up.conversation_id AND cm.user_id = ?::uuid "
                  "WHERE up.id = ?::uuid AND up.conversation_id = ?::uuid "
                  "AND up.purpose = 'group_avatar'"_s.arg(QLatin1StringView(kColumns)),
                  {rows::uuidText(viewerId), rows::uuidText(id), rows::uuidText(conversationId)}));
}

Result<bool> UploadRepository::deleteGroupAvatar(const QUuid &conversationId)
{
    auto query = sql::exec(m_db,
                           u"DELETE FROM uploads WHERE conversation_id = ?::uuid "
                           "AND purpose = 'group_avatar'"_s,
                           {rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    return query.value().numRowsAffected() > 0;
}

Status UploadRepository::setThumbnailType(const QUuid &id, const QString &thumbnailType)
{
    auto query = sql::exec(m_db, u"UPDATE uploads SET thumbnail_type = ? WHERE id = ?::uuid"_s,
                           {thumbnailType, rows::uuidText(id)});
    if (!query)
        return query.error();
    return Done{};
}

Result<int> UploadRepository::deleteOrphans(const QDateTime &cutoff)
{
    auto query = sql::exec(m_db,
                           u"DELETE FROM uploads WHERE message_id IS NULL "
                           "AND purpose = 'attachment' AND created_at < ?"_s,
                           {cutoff});
    if (!query)
        return query.error();
    return query.value().numRowsAffected();
}

Result<QList<QUuid>> UploadRepository::pendingFileDeletions(int limit)
{
    auto query = sql::exec(
        m_db, u"SELECT upload_id FROM upload_deletions ORDER BY deleted_at LIMIT ?"_s, {limit});
    if (!query)
        return query.error();
    QList<QUuid> ids;
    while (query.value().next())
        ids.append(rows::uuid(query.value().value(0)));
    return ids;
}

Status UploadRepository::forgetFileDeletions(const QList<QUuid> &ids)
{
    auto query = sql::exec(m_db, u"DELETE FROM upload_deletions WHERE upload_id = ANY(?::uuid[])"_s,
                           {rows::uuidArray(ids)});
    if (!query)
        return query.error();
    return Done{};
}

} // namespace natter::server
