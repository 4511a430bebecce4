// SPDX-License-Identifier: Apache-2.0
#include "chat/access.h"

#include "db/messagerepository.h"
#include "db/userrepository.h"
#include "natter/validation.h"

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {

Result<MemberAccess> requireMember(QSqlDatabase &db, const QUuid &conversationId,
                                   const QUuid &userId)
{
    auto access = MemberRepository(db).access(conversationId, userId);
    if (!access)
        return access.error();
    if (!access.value())
        return ApiError::notFound(u"No such conversation."_s);
    return *access.value();
}

Result<Message> requireMessage(QSqlDatabase &db, const QUuid &messageId, const QUuid &viewerId)
{
    auto message = MessageRepository(db).findById(messageId);
    if (!message)
        return message.error();
    const ApiError notFound = ApiError::notFound(u"No such message."_s);
    if (!message.value())
        return notFound;
    auto access = MemberRepository(db).access(message.value()->conversationId, viewerId);
    if (!access)
        return access.error();
    if (!access.value())
        return notFound;
    return *message.value();
}

Result<User> requireUser(QSqlDatabase &db, const QString &field, const QString &username)
{
    const QString name = username.trimmed().toLower();
    if (name.isEmpty())
        return ApiError::validation(field, u"is required"_s);
    // Anything that cannot be a username is not one: no query (and no NUL byte sent to
    // PostgreSQL, which would refuse it with an error rather than "no rows").
    const bool possible =
        name.size() <= limits::kUsernameMax &&
        std::all_of(name.cbegin(), name.cend(), [](QChar ch) {
            return (ch >= u'a' && ch <= u'z') || (ch >= u'0' && ch <= u'9') || ch == u'_';
        });
    if (!possible)
        return ApiError::notFound(u"No such user."_s);
    auto user = UserRepository(db).findByUsername(name);
    if (!user)
        return user.error();
    if (!user.value())
        return ApiError::notFound(u"No such user."_s);
    return *user.value();
}

} // namespace natter::server::chat
