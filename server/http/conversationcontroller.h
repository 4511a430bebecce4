// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class ApiContext;
class Router;

//! `/api/v1/conversations...`: DMs and groups, their members and receipts. Messages inside a
//! conversation are MessageController's.
class ConversationController final
{
public:
    explicit ConversationController(const ApiContext &api) : m_api(api) {}
    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
