// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include "natter/message.h"

namespace natter::desktop {

//! The items of the server answer's array `key` ("messages", "users", …) that parse as `T`
//! (`T::fromJson`); an item that does not is left out, as a client cannot show it anyway.
template <typename T>
[[nodiscard]] QList<T> listFromJson(const QJsonObject &answer, const QString &key)
{
    QList<T> items;
    const QJsonArray array = answer.value(key).toArray();
    for (const auto &value : array) {
        if (auto item = T::fromJson(value.toObject()))
            items.append(*item);
    }
    return items;
}

//! The messages of a page of them (history, catch-up, changes: `{"messages": [...]}`).
[[nodiscard]] inline QList<Message> messagesOf(const QJsonObject &answer)
{
    return listFromJson<Message>(answer, QStringLiteral("messages"));
}

} // namespace natter::desktop
