// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/routes.h"

namespace natter::server {

//! Registers `/api/v1/admin/*` routes. To anyone but an instance admin each one answers exactly
//! what a path that does not exist answers (404 `not_found`): signed out, a bad token, a user
//! who is not an admin, a suspended one. Nobody learns that the admin API is there.
class AdminRoutes final
{
public:
    AdminRoutes(Router &router, const ApiContext &api) : m_router(router), m_api(api) {}

    void add(const QString &method, const QString &pattern, UserAction action);

private:
    Router &m_router;
    const ApiContext &m_api;
};

} // namespace natter::server
