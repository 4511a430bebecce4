// SPDX-License-Identifier: Apache-2.0
#include "http/adminroutes.h"

#include "admin/instanceadmins.h"
#include "config.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! The router's own answer for a path it does not know.
ApiError noSuchPath()
{
    return ApiError::notFound(u"No such endpoint."_s);
}

} // namespace

void AdminRoutes::add(const QString &method, const QString &pattern, UserAction action)
{
    m_router.add(
        method, pattern,
        [api = &m_api,
         action = std::move(action)](const HttpRequest &request) -> QFuture<HttpReply> {
            auto userId = api->bearerUser(request);
            if (!userId)
                return readyReply(HttpReply::error(noSuchPath()));
            return api->run([request, action, id = userId.value(),
                             admins = api->config().admins](QSqlDatabase &db) -> Result<HttpReply> {
                auto caller = ApiContext::loadCaller(db, id, Caller::WithUsername);
                if (!caller)
                    return noSuchPath();
                auto isAdmin = admin::InstanceAdmins(db, admins).isAdmin(caller.value());
                if (!isAdmin)
                    return isAdmin.error();
                if (!isAdmin.value())
                    return noSuchPath();
                return action(db, caller.value(), request);
            });
        });
}

} // namespace natter::server
