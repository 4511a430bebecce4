// SPDX-License-Identifier: Apache-2.0
#include "natter/sendmessagerequest.h"

#include "natter/jsonfields.h"
#include "natter/validation.h"

using namespace Qt::Literals::StringLiterals;

namespace natter {

Result<SendMessageRequest> SendMessageRequest::fromJson(const QJsonObject &object)
{
    const JsonFields fields(object);
    auto text = fields.requiredString(u"body_text"_s);
    if (!text)
        return text.error();
    auto body = validation::messageBody(u"body_text"_s, text.value());
    if (!body)
        return body.error();
    auto clientMsgId = fields.optionalString(u"client_msg_id"_s);
    if (!clientMsgId)
        return clientMsgId.error();
    SendMessageRequest request{body.value(), {}, {}};
    if (const QJsonValue reply = object.value(u"reply_to_id"_s); !reply.isUndefined() &&
                                                                 !reply.isNull()) {
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
