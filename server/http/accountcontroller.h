// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class ApiContext;
class Router;

//! The caller's account as a whole: `GET /api/v1/users/me/export` and `DELETE /api/v1/users/me`.
class AccountController final
{
public:
    explicit AccountController(const ApiContext &api) : m_api(api) {}
    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
