// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

namespace natter::server {

class ApiContext;
class HttpServer;
class UploadController;
struct Config;

namespace uploads {

class FileStore;
class ProviderAvatarCopier;
class UploadIntake;
class UploadSweeper;

//! Everything uploads need, wired once: the file store under NATTER_DATA_DIR, the intake that
//! reads uploads at the socket, the routes that serve them, the sweeper and the copier of
//! sign-in providers' pictures.
class UploadModule final
{
public:
    UploadModule(const Config &config, const ApiContext &api);
    ~UploadModule();

    //! Registers the routes on `http` and hands it the streamed upload requests.
    void attach(HttpServer &http);
    [[nodiscard]] FileStore &store() { return *m_store; }
    [[nodiscard]] ProviderAvatarCopier &providerAvatars() { return *m_providerAvatars; }

private:
    std::unique_ptr<FileStore> m_store;
    std::unique_ptr<UploadIntake> m_intake;
    std::unique_ptr<UploadController> m_controller;
    std::unique_ptr<UploadSweeper> m_sweeper;
    std::unique_ptr<ProviderAvatarCopier> m_providerAvatars;
};

} // namespace uploads
} // namespace natter::server
