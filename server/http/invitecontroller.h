// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class ApiContext;
class Router;

//! Invite links: `/api/v1/conversations/{id}/invites` (group admins) and
//! `/api/v1/invites/{code}` (preview without sign-in, join, revoke).
class InviteController final
{
public:
    explicit InviteController(const ApiContext &api) : m_api(api) {}
    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
