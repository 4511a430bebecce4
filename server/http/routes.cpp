// SPDX-License-Identifier: Apache-2.0
#include "http/routes.h"

namespace natter::server {

void Routes::add(const QString &method, const QString &pattern, Caller who,
                 std::optional<Limit> limit, UserAction action)
{
    m_router.add(
        method, pattern,
        [api = &m_api, who, limit, action = std::move(action)](const HttpRequest &request) {
            auto work = [request, action](QSqlDatabase &db, const User &caller) {
                return action(db, caller, request);
            };
            if (limit)
                return api->asUser(request, who, *limit, std::move(work));
            return api->asUser(request, who, std::move(work));
        });
}

} // namespace natter::server
