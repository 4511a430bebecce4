// SPDX-License-Identifier: Apache-2.0
#include "http/userscontroller.h"

#include "chat/access.h"
#include "chat/presencesettings.h"
#include "db/userrepository.h"
#include "http/apicontext.h"
#include "http/requestfields.h"
#include "http/routes.h"
#include "natter/validation.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr int kSearchLimitDefault = 20;

Result<HttpReply> search(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    const QString q = request.queryValue(u"q"_s).trimmed();
    if (q.isEmpty())
        return ApiError::validation(u"q"_s, u"is required"_s);
    if (q.contains(QChar(u'\0')))
        return ApiError::validation(u"q"_s, u"must not contain NUL characters"_s);
    if (validation::codePointCount(q) > limits::kSearchQueryMax)
        return ApiError::validation(
            u"q"_s, u"must be at most %1 characters"_s.arg(limits::kSearchQueryMax));
    auto limit = validation::pageLimit(u"limit"_s, request.queryValue(u"limit"_s),
                                       kSearchLimitDefault, limits::kSearchLimitMax);
    if (!limit)
        return limit.error();
    return reply(UserRepository(db).search(caller.id, q, limit.value()),
                 [](const QList<User> &users) {
                     return HttpReply::json(200, {{u"users"_s, fields::toJsonArray(users)}});
                 });
}

Result<HttpReply> profile(QSqlDatabase &db, const User &, const HttpRequest &request)
{
    return reply(chat::requireUser(db, u"username"_s, fields::pathText(request, u"username"_s)),
                 okJson<User>);
}

Result<HttpReply> privacyReply(const Result<bool> &hidden)
{
    return reply(hidden, [](bool value) {
        return HttpReply::json(200, {{u"hide_presence"_s, value}});
    });
}

//! PUT /users/me/privacy `{"hide_presence": bool}` (issue 18).
Result<HttpReply> setPrivacy(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    if (!body->value(u"hide_presence"_s).isBool())
        return ApiError::validation(u"hide_presence"_s, u"must be true or false"_s);
    return privacyReply(
        chat::setPresenceHidden(db, caller, body->value(u"hide_presence"_s).toBool()));
}

} // namespace

void UsersController::registerRoutes(Router &router)
{
    Routes routes(router, m_api);
    routes.add(u"GET"_s, u"/api/v1/users/me/privacy"_s, Caller::WithUsername, std::nullopt,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &) {
                   return privacyReply(chat::presenceHidden(db, caller));
               });
    routes.add(u"PUT"_s, u"/api/v1/users/me/privacy"_s, Caller::WithUsername, std::nullopt,
               setPrivacy);
    // Registered before /users/{username}, which would otherwise match "search".
    routes.add(u"GET"_s, u"/api/v1/users/search"_s, Caller::WithUsername, Limit::Search, search);
    // Open to signed-in users who have no username yet: the username setup screen asks here
    // whether the name it is about to claim is free (404) before the user commits to it.
    routes.add(u"GET"_s, u"/api/v1/users/{username}"_s, Caller::SignedIn, std::nullopt, profile);
}

} // namespace natter::server
