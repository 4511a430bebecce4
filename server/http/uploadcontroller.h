// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/router.h"

namespace natter::server {

class ApiContext;
namespace uploads {
class FileStore;
}

//! Reading uploads back: `GET /api/v1/uploads/{id}` and `.../thumbnail`, only for those who
//! may see them, avatars (`GET /api/v1/avatars/{id}`, their small version, for anyone) and
//! group pictures (`GET /api/v1/conversations/{id}/avatar/{avatar_id}`, for members). (The
//! uploads themselves arrive through UploadIntake, at the socket; their routes are listed here so
//! the router knows them and answers 405 for other methods.)
class UploadController final
{
public:
    UploadController(const ApiContext &api, const uploads::FileStore &store)
        : m_api(api), m_store(store)
    {}

    void registerRoutes(Router &router);

private:
    enum class Part
    {
        File,
        Thumbnail,
    };
    [[nodiscard]] QFuture<HttpReply> serve(const HttpRequest &request, Part part) const;
    [[nodiscard]] QFuture<HttpReply> serveAvatar(const HttpRequest &request) const;
    [[nodiscard]] QFuture<HttpReply> serveGroupAvatar(const HttpRequest &request) const;

    const ApiContext &m_api;
    const uploads::FileStore &m_store;
};

} // namespace natter::server
