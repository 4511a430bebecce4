// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace natter {

//! The contract's attachment object: an uploaded image as clients see it. `url` and
//! `thumbnail_url` are paths on the server's origin (`/api/v1/uploads/{id}`), fetched with the
//! caller's bearer token.
struct Attachment
{
    Q_GADGET
    Q_PROPERTY(QString id READ idString)
    Q_PROPERTY(QString contentType MEMBER contentType)
    Q_PROPERTY(qint64 size MEMBER size)
    Q_PROPERTY(int width MEMBER width)
    Q_PROPERTY(int height MEMBER height)
    Q_PROPERTY(QString url MEMBER url)
    Q_PROPERTY(QString thumbnailUrl MEMBER thumbnailUrl)
    Q_PROPERTY(QString name MEMBER name)

public:
    QUuid id;
    QString contentType;
    qint64 size = 0;
    int width = 0;
    int height = 0;
    QString url;
    QString thumbnailUrl;
    QString name;

    [[nodiscard]] QString idString() const { return id.toString(QUuid::WithoutBraces); }
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Attachment> fromJson(const QJsonObject &object);

    friend bool operator==(const Attachment &, const Attachment &) = default;
};

//! A message's `attachments` array, and back.
[[nodiscard]] QJsonArray attachmentsToJson(const QList<Attachment> &attachments);
[[nodiscard]] Result<QList<Attachment>> attachmentsFromJson(const QJsonArray &array);

//! The server paths of an upload's bytes and of its thumbnail.
[[nodiscard]] QString uploadPath(const QUuid &id);
[[nodiscard]] QString uploadThumbnailPath(const QUuid &id);
//! The server path of an avatar (a user's `avatar_url` after `PUT /api/v1/users/me/avatar`).
[[nodiscard]] QString avatarPath(const QUuid &id);
//! The server path of group `conversationId`'s picture `avatarId` (a group's `avatar_url`):
//! under the conversation, because only its members may read it; a new picture, a new path.
[[nodiscard]] QString groupAvatarPath(const QUuid &conversationId, const QUuid &avatarId);

} // namespace natter

Q_DECLARE_METATYPE(natter::Attachment)
