// SPDX-License-Identifier: Apache-2.0
#include "natter/user.h"

#include "natter/protocolfields.h"
#include "natter/timestamps.h"

using namespace Qt::Literals::StringLiterals;

namespace natter {

QJsonObject User::toJson() const
{
    return {
        {u"id"_s, idString()},
        {u"username"_s, username.isEmpty() ? QJsonValue() : QJsonValue(username)},
        {u"display_name"_s, displayName},
        {u"avatar_url"_s, avatarUrl.isEmpty() ? QJsonValue() : QJsonValue(avatarUrl)},
        {u"created_at"_s, formatTimestamp(createdAt)},
    };
}

Result<User> User::fromJson(const QJsonObject &object)
{
    ProtocolReader reader(object, u"user"_s);
    User user;
    user.id = reader.uuid(u"id"_s);
    user.username = reader.optionalString(u"username"_s);
    user.displayName = reader.optionalString(u"display_name"_s);
    user.avatarUrl = reader.optionalString(u"avatar_url"_s);
    user.createdAt = reader.time(u"created_at"_s);
    if (auto error = reader.error())
        return *error;
    return user;
}

} // namespace natter
