// SPDX-License-Identifier: Apache-2.0
#include "natter/attachment.h"

#include "natter/protocolfields.h"

using namespace Qt::Literals::StringLiterals;

namespace natter {

QString uploadPath(const QUuid &id)
{
    return u"/api/v1/uploads/"_s + id.toString(QUuid::WithoutBraces);
}

QString uploadThumbnailPath(const QUuid &id)
{
    return uploadPath(id) + u"/thumbnail"_s;
}

QString avatarPath(const QUuid &id)
{
    return u"/api/v1/avatars/"_s + id.toString(QUuid::WithoutBraces);
}

QString groupAvatarPath(const QUuid &conversationId, const QUuid &avatarId)
{
    return u"/api/v1/conversations/%1/avatar/%2"_s.arg(
        conversationId.toString(QUuid::WithoutBraces), avatarId.toString(QUuid::WithoutBraces));
}

QJsonObject Attachment::toJson() const
{
    return {
        {u"id"_s, idString()},
        {u"content_type"_s, contentType},
        {u"size"_s, size},
        {u"width"_s, width},
        {u"height"_s, height},
        {u"url"_s, url},
        {u"thumbnail_url"_s, thumbnailUrl},
        {u"name"_s, name},
    };
}

Result<Attachment> Attachment::fromJson(const QJsonObject &object)
{
    ProtocolReader reader(object, u"attachment"_s);
    Attachment attachment;
    attachment.id = reader.uuid(u"id"_s);
    attachment.contentType = reader.string(u"content_type"_s);
    attachment.size = reader.integer(u"size"_s);
    attachment.width = int(reader.integer(u"width"_s));
    attachment.height = int(reader.integer(u"height"_s));
    attachment.url = reader.string(u"url"_s);
    attachment.thumbnailUrl = reader.string(u"thumbnail_url"_s);
    attachment.name = reader.optionalString(u"name"_s);
    if (auto error = reader.error())
        return *error;
    return attachment;
}

QJsonArray attachmentsToJson(const QList<Attachment> &attachments)
{
    QJsonArray array;
    for (const Attachment &attachment : attachments)
        array.append(attachment.toJson());
    return array;
}

Result<QList<Attachment>> attachmentsFromJson(const QJsonArray &array)
{
    QList<Attachment> attachments;
    for (const QJsonValue &value : array) {
        auto attachment = Attachment::fromJson(value.toObject());
        if (!attachment)
            return attachment.error();
        attachments.append(attachment.value());
    }
    return attachments;
}

} // namespace natter
