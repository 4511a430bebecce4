// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QJsonObject>
#include <QString>

namespace natter {

//! The body of a send, as REST (`POST .../messages`) and the socket (`message.send` data) both
//! take it. One parser for both, so the two cannot disagree about what a send is.
struct SendMessageRequest
{
    QString bodyText; //!< as sent; its rules (1–4000 characters after trimming) are checked too
    QString clientMsgId; //!< empty: the client gave none

    //! `body_text` (a string, valid per validation::messageBody) and `client_msg_id` (absent,
    //! or 1–64 printable ASCII characters: `""` is refused, never read as "no id", because a
    //! client that sends it expects its retries to be recognised). Unknown fields are ignored.
    [[nodiscard]] static Result<SendMessageRequest> fromJson(const QJsonObject &object);
};

} // namespace natter
