// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class ApiContext;
class Router;

//! Changing messages: `PATCH`/`DELETE /api/v1/messages/{id}`, reactions
//! (`PUT`/`DELETE /api/v1/messages/{id}/reactions/{emoji}`) and catching up with changes
//! (`GET /api/v1/conversations/{id}/changes?after=<rev>`). The work is chat/messagechanges.h.
class MessageChangeController final
{
public:
    explicit MessageChangeController(const ApiContext &api) : m_api(api) {}
    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
