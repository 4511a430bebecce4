// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUuid>

namespace natter {

//! The body of a send, as REST (`POST .../messages`) and the socket (`message.send` data) both
//! take it. One parser for both, so the two cannot disagree about what a send is.
struct SendMessageRequest
{
    QString bodyText; //!< as sent; its rules (1–4000 characters after trimming) are checked too
    QString clientMsgId; //!< empty: the client gave none
    QUuid replyToId;     //!< null: not a reply; else a message of the same conversation
    //! Uploads to attach (issue 13): 1–10 distinct ids when given. With attachments the body
    //! may be empty (or absent); whether they are the sender's, unattached, is the server's
    //! to check.
    QList<QUuid> attachmentIds;

    //! `body_text` (a string, valid per validation::messageBody) and `client_msg_id` (absent,
    //! or 1–64 printable ASCII characters: `""` is refused, never read as "no id", because a
    //! client that sends it expects its retries to be recognised), `reply_to_id` (absent,
    //! null or a UUID; whether it names a message of the conversation is the database's to
    //! say) and `attachment_ids` (absent, or an array of 1–10 distinct upload ids). Unknown
    //! fields are ignored.
    [[nodiscard]] static Result<SendMessageRequest> fromJson(const QJsonObject &object);
};

} // namespace natter
