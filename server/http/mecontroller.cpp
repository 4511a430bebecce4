// SPDX-License-Identifier: Apache-2.0
#include "http/mecontroller.h"

#include "admin/instanceadmins.h"
#include "auth/accounts.h"
#include "config.h"
#include "db/userrepository.h"
#include "http/apicontext.h"
#include "http/routes.h"
#include "natter/jsonfields.h"
#include "natter/validation.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! The user object, plus `suggested_username` while the user has none: their provider login
//! (GitHub), offered as the default on the username page but never claimed for them.
Result<HttpReply> userReply(QSqlDatabase &db, const User &user, const QJsonObject &extra = {})
{
    QJsonObject body = user.toJson();
    for (auto it = extra.begin(); it != extra.end(); ++it)
        body.insert(it.key(), it.value());
    if (!user.hasUsername()) {
        auto suggestion = suggestedUsername(db, user);
        if (!suggestion)
            return suggestion.error();
        body.insert(u"suggested_username"_s,
                    suggestion->isEmpty() ? QJsonValue() : QJsonValue(suggestion.value()));
    }
    return HttpReply::json(200, body);
}

//! GET /me: the caller, and whether they are an instance admin (clients show the admin console
//! only to those it would serve).
Result<HttpReply> me(QSqlDatabase &db, const User &caller, const QStringList &admins)
{
    auto isAdmin = admin::InstanceAdmins(db, admins).isAdmin(caller);
    if (!isAdmin)
        return isAdmin.error();
    return userReply(db, caller, {{u"is_admin"_s, isAdmin.value()}});
}

//! PUT /users/me/username `{"username"}`: claims one, or keeps the caller's when it is the same.
Result<HttpReply> claimUsername(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    auto input = JsonFields(body.value()).requiredString(u"username"_s);
    if (!input)
        return input.error();
    auto username = validation::username(u"username"_s, input.value());
    if (!username)
        return username.error();
    if (caller.username == username.value())
        return HttpReply::json(200, caller.toJson());
    return reply(UserRepository(db).setUsername(caller.id, username.value()), okJson<User>);
}

//! What POST /users/me asks to change; a field left out is kept.
struct ProfileChange
{
    std::optional<QString> displayName;
    std::optional<QString> avatarUrl;
};

Result<ProfileChange> profileChange(const HttpRequest &request, const User &caller)
{
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    const JsonFields fields(body.value());
    ProfileChange change;
    if (auto input = fields.optionalString(u"display_name"_s); !input) {
        return input.error();
    } else if (input.value()) {
        auto checked = validation::displayName(u"display_name"_s, *input.value());
        if (!checked)
            return checked.error();
        change.displayName = checked.value();
    }
    // `"avatar_url": null` (or "") removes the picture; leaving the field out, or sending the
    // current one back, keeps it. A link to another site is refused: a picture is uploaded
    // (PUT /users/me/avatar), so no client loads an image from a host that could log who
    // looks at whom (api.md "Uploads and images").
    if (body->contains(u"avatar_url"_s) && body->value(u"avatar_url"_s).isNull()) {
        change.avatarUrl = QString();
    } else if (auto input = fields.optionalString(u"avatar_url"_s); !input) {
        return input.error();
    } else if (input.value() && input.value()->isEmpty()) {
        change.avatarUrl = QString();
    } else if (input.value() && *input.value() != caller.avatarUrl) {
        return ApiError::validation(
            u"avatar_url"_s,
            u"links to pictures on other sites are not stored; upload the picture with "
            "PUT /api/v1/users/me/avatar"_s);
    }
    return change;
}

//! POST /users/me: the display name, or the removal of the picture.
Result<HttpReply> updateProfile(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto change = profileChange(request, caller);
    if (!change)
        return change.error();
    auto updated =
        UserRepository(db).updateProfile(caller.id, change->displayName, change->avatarUrl);
    if (!updated)
        return updated.error();
    return userReply(db, updated.value());
}

} // namespace

void MeController::registerRoutes(Router &router)
{
    Routes routes(router, m_api);
    // Signed in is enough: these are how a user without a username gets one. The helper
    // authenticates before the body is read, so a stranger learns nothing about valid bodies.
    routes.add(
        u"GET"_s, u"/api/v1/me"_s, Caller::SignedIn, std::nullopt,
        [admins = m_api.config().admins](QSqlDatabase &db, const User &caller,
                                         const HttpRequest &) { return me(db, caller, admins); });
    routes.add(u"PUT"_s, u"/api/v1/users/me/username"_s, Caller::SignedIn, std::nullopt,
               claimUsername);
    routes.add(u"POST"_s, u"/api/v1/users/me"_s, Caller::SignedIn, std::nullopt, updateProfile);
}

} // namespace natter::server
