// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/attachment.h"
#include "natter/result.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace natter::server {

//! One row of `uploads`: what the server knows about a stored file.
struct UploadRow
{
    QUuid id;
    QUuid uploaderId;
    QString purpose = QStringLiteral("attachment"); //!< or "avatar", "group_avatar"
    QString contentType;
    qint64 size = 0;
    int width = 0;
    int height = 0;
    QString name;
    QString thumbnailType;
    QUuid messageId;      //!< null until a message takes it
    QUuid conversationId; //!< the group whose picture it is ("group_avatar" only)

    //! The contract's attachment object.
    [[nodiscard]] Attachment toAttachment() const;
};

//! Uploads: recording a checked file, who may read it, and the bookkeeping of the sweeps.
class UploadRepository final
{
public:
    explicit UploadRepository(QSqlDatabase &db) : m_db(db) {}

    [[nodiscard]] Status insert(const UploadRow &row);
    //! The upload, when `viewerId` may see it: its uploader, or a member of the conversation
    //! of the message it is attached to, for whom that message is not hidden by a block.
    //! nullopt otherwise (the same answer as for an upload that does not exist).
    [[nodiscard]] Result<std::optional<UploadRow>> findVisible(const QUuid &id,
                                                               const QUuid &viewerId);
    //! The upload when `uploaderId` uploaded it; nullopt otherwise.
    [[nodiscard]] Result<std::optional<UploadRow>> findOwn(const QUuid &id,
                                                           const QUuid &uploaderId);
    //! Attaches `ids` to message `messageId` when every one is an attachment `uploaderId`
    //! uploaded that no message has yet; returns how many were attached (fewer: refuse).
    [[nodiscard]] Result<int> attach(const QList<QUuid> &ids, const QUuid &messageId,
                                     const QUuid &uploaderId);
    //! The attachments of `messageId`, as messages carry them.
    [[nodiscard]] Result<QList<Attachment>> attachmentsOf(const QUuid &messageId);
    //! Deletes the avatars `uploaderId` uploaded before `keepId`.
    [[nodiscard]] Status deleteOtherAvatars(const QUuid &uploaderId, const QUuid &keepId);
    //! An avatar upload by id (avatars are public to whoever has their URL).
    [[nodiscard]] Result<std::optional<UploadRow>> findAvatar(const QUuid &id);
    //! Picture `id` of group `conversationId`, when `viewerId` is one of its members; nullopt
    //! otherwise (the same answer as for a picture that does not exist).
    [[nodiscard]] Result<std::optional<UploadRow>>
    findGroupAvatar(const QUuid &id, const QUuid &conversationId, const QUuid &viewerId);
    //! Deletes the picture of group `conversationId`; true when there was one.
    [[nodiscard]] Result<bool> deleteGroupAvatar(const QUuid &conversationId);
    //! Records that the thumbnail was replaced by one of `thumbnailType`.
    [[nodiscard]] Status setThumbnailType(const QUuid &id, const QString &thumbnailType);
    //! Deletes attachments never attached that are older than `cutoff`; returns how many.
    [[nodiscard]] Result<int> deleteOrphans(const QDateTime &cutoff);
    //! Up to `limit` ids of deleted uploads whose files may still be stored.
    [[nodiscard]] Result<QList<QUuid>> pendingFileDeletions(int limit);
    //! Forgets `ids` once their files are gone.
    [[nodiscard]] Status forgetFileDeletions(const QList<QUuid> &ids);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
