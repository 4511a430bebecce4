// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class ApiContext;
class Router;

//! Sending and reading messages: `/api/v1/conversations/{id}/messages` and
//! `/api/v1/messages/{id}/read`. The work is chat::sendMessage() & co., shared with the socket.
class MessageController final
{
public:
    explicit MessageController(const ApiContext &api) : m_api(api) {}
    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
