// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class ApiContext;
class Router;

//! `/api/v1/admin/...`: the report queue, suspensions, the audit log (instance admins only,
//! 404 to everyone else: http/adminroutes.h).
class AdminController final
{
public:
    explicit AdminController(const ApiContext &api) : m_api(api) {}
    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
