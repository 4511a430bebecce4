// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class ApiContext;
class Router;

//! `GET /api/v1/users/search` and `GET /api/v1/users/{username}`: finding people. The caller's
//! own profile (`/me`, `/users/me...`) is MeController's.
class UsersController final
{
public:
    explicit UsersController(const ApiContext &api) : m_api(api) {}
    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
