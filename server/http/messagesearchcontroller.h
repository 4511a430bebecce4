// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class ApiContext;
class Router;

//! `GET /api/v1/search/messages?q=&conversation_id=&before=&limit=` (chat/messagesearch.h).
class MessageSearchController final
{
public:
    explicit MessageSearchController(const ApiContext &api) : m_api(api) {}
    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
