// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"

namespace natter::server {

class ApiContext;

//! The caller's own account: `GET /me`, the username claim and profile edits. Open to users
//! who have not claimed a username yet (everything else answers them 403 username_required).
class MeController final
{
public:
    explicit MeController(const ApiContext &api) : m_api(api) {}

    void registerRoutes(Router &router);

private:
    const ApiContext &m_api;
};

} // namespace natter::server
