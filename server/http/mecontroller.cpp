// SPDX-License-Identifier: Apache-2.0
#include "http/mecontroller.h"

#include "admin/instanceadmins.h"
#include "auth/accounts.h"
#include "config.h"
#include "db/userrepository.h"
#include "http/apicontext.h"
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

} // namespace

void MeController::registerRoutes(Router &router)
{
    router.add(u"GET"_s, u"/api/v1/me"_s, [this](const HttpRequest &r) { return me(r); });
    router.add(u"PUT"_s, u"/api/v1/users/me/username"_s,
               [this](const HttpRequest &r) { return claimUsername(r); });
    router.add(u"POST"_s, u"/api/v1/users/me"_s,
               [this](const HttpRequest &r) { return updateProfile(r); });
}

QFuture<HttpReply> MeController::me(const HttpRequest &request) const
{
    return m_api.asUser(request, Caller::SignedIn,
                        [admins = m_api.config().admins](QSqlDatabase &db,
                                                         const User &caller) -> Result<HttpReply> {
                            // Clients show the admin console only to those it would serve.
                            auto isAdmin = admin::InstanceAdmins(db, admins).isAdmin(caller);
                            if (!isAdmin)
                                return isAdmin.error();
                            return userReply(db, caller, {{u"is_admin"_s, isAdmin.value()}});
                        });
}

QFuture<HttpReply> MeController::claimUsername(const HttpRequest &request) const
{
    // Who is asking comes first: a stranger learns nothing about what a valid body is.
    return m_api.asUser(request, Caller::SignedIn,
                        [request](QSqlDatabase &db, const User &caller) -> Result<HttpReply> {
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
                            auto updated =
                                UserRepository(db).setUsername(caller.id, username.value());
                            if (!updated)
                                return updated.error();
                            return HttpReply::json(200, updated->toJson());
                        });
}

namespace {

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

} // namespace

QFuture<HttpReply> MeController::updateProfile(const HttpRequest &request) const
{
    return m_api.asUser(request, Caller::SignedIn,
                        [request](QSqlDatabase &db, const User &caller) -> Result<HttpReply> {
                            auto change = profileChange(request, caller);
                            if (!change)
                                return change.error();
                            auto updated = UserRepository(db).updateProfile(
                                caller.id, change->displayName, change->avatarUrl);
                            if (!updated)
                                return updated.error();
                            return userReply(db, updated.value());
                        });
}

} // namespace natter::server
