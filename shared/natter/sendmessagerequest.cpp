// SPDX-License-Identifier: Apache-2.0
#include "natter/sendmessagerequest.h"

#include "natter/jsonfields.h"
#include "natter/validation.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter {

namespace {

constexpr qsizetype kMaxAttachments = 10;

Result<QList<QUuid>> readAttachmentIds(const QJsonObject &object)
{
    const QString field = u"attachment_ids"_s;
    if (!object.contains(field) || object.value(field).isNull())
        return QList<QUuid>();
    if (!object.value(field).isArray())
        return ApiError::validation(field, u"must be an array of upload ids"_s);
    const QJsonArray array = object.value(field).toArray();
    if (array.isEmpty() || array.size() > kMaxAttachments)
        return ApiError::validation(field, u"must hold 1 to %1 upload ids"_s.arg(kMaxAttachments));
    QList<QUuid> ids;
    for (const QJsonValue &value : array) {
        const QUuid id = QUuid::fromString(value.toString());
        if (id.isNull() || value.toString().size() != 36)
            return ApiError::validation(field, u"must be an array of upload ids"_s);
        if (ids.contains(id))
            return ApiError::validation(field, u"names an upload twice"_s);
        ids.append(id);
    }
    return ids;
}

} // namespace

Result<SendMessageRequest> SendMessageRequest::fromJson(const QJsonObject &object)
{
    const JsonFields fields(object);
    auto attachments = readAttachmentIds(object);
    if (!attachments)
        return attachments.error();
    const bool withAttachments = !attachments->isEmpty();
    // With attachments the text is optional: absent, empty or blank is an image alone.
    const QJsonValue textValue = object.value(u"body_text"_s);
    const bool noText = textValue.isUndefined() || textValue.isNull() ||
                        (textValue.isString() && textValue.toString().trimmed().isEmpty());
    Result<QString> body = QString();
    if (!(withAttachments && noText)) {
        auto text = fields.requiredString(u"body_text"_s);
        if (!text)
            return text.error();
        body = validation::messageBody(u"body_text"_s, text.value());
        if (!body)
            return body.error();
    }
    auto clientMsgId = fields.optionalString(u"client_msg_id"_s);
    if (!clientMsgId)
        return clientMsgId.error();
    SendMessageRequest request{body.value(), {}, {}, attachments.value()};
    if (const QJsonValue reply = object.value(u"reply_to_id"_s);
        !reply.isUndefined() && !reply.isNull()) {
        auto id = validation::uuid(u"reply_to_id"_s, reply.toString());
        if (!reply.isString() || !id)
            return ApiError::validation(u"reply_to_id"_s, u"must be a message id"_s);
        request.replyToId = id.value();
    }
    if (clientMsgId.value()) {
        // Present but empty is a client bug, not "no id": say so instead of storing a duplicate.
        if (clientMsgId.value()->isEmpty())
            return ApiError::validation(u"client_msg_id"_s, u"must not be empty"_s);
        auto id = validation::clientMsgId(u"client_msg_id"_s, *clientMsgId.value());
        if (!id)
            return id.error();
        request.clientMsgId = id.value();
    }
    return request;
}

} // namespace natter
