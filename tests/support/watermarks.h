// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "httpclient.h"
#include "serverprocess.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace natter::testing {

//! One member's receipt watermarks, -1 when the member is not in the answer.
struct Watermarks
{
    qint64 delivered = -1;
    qint64 read = -1;
};

//! `userId`'s watermarks in the conversation, as `http`'s user sees them
//! (`GET /api/v1/conversations/{id}/receipts`).
[[nodiscard]] inline Watermarks watermarksOf(HttpClient &http, const ServerProcess &server,
                                             const QString &conversationId, const QString &userId)
{
    using namespace Qt::Literals::StringLiterals;
    const auto answer =
        http.get(server.url(u"/api/v1/conversations/%1/receipts"_s.arg(conversationId)));
    const QJsonArray receipts = answer.json().value(u"receipts"_s).toArray();
    for (const QJsonValue &value : receipts) {
        const QJsonObject receipt = value.toObject();
        if (receipt.value(u"user_id"_s).toString() == userId)
            return {receipt.value(u"delivered_seq"_s).toInteger(),
                    receipt.value(u"read_seq"_s).toInteger()};
    }
    return {};
}

} // namespace natter::testing
