// SPDX-License-Identifier: Apache-2.0
#include "uploads/uploadmodule.h"

#include "config.h"
#include "http/apicontext.h"
#include "http/httpserver.h"
#include "http/uploadcontroller.h"
#include "uploads/localfilestore.h"
#include "uploads/provideravatarcopier.h"
#include "uploads/uploadintake.h"
#include "uploads/uploadsweeper.h"

#include "db/dbpool.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {

UploadModule::UploadModule(const Config &config, const ApiContext &api)
{
    UploadSettings settings;
    settings.dataDir = config.dataDir;
    settings.maxUploadBytes = config.maxUploadBytes;
    settings.processing.image.maxPixels = config.maxImagePixels;
    settings.stallTimeoutMs = config.http.bodyStallTimeoutMs;
    settings.sweepIntervalMs = config.uploadSweepSeconds * 1000;
    m_store = std::make_unique<LocalFileStore>(config.dataDir + u"/uploads"_s);
    m_intake = std::make_unique<UploadIntake>(api, *m_store, settings);
    m_controller = std::make_unique<UploadController>(api, *m_store);
    m_sweeper = std::make_unique<UploadSweeper>(api.pool(), *m_store, settings.sweepIntervalMs);
    m_providerAvatars =
        std::make_unique<ProviderAvatarCopier>(*m_intake, config.publicUrlIsLoopback());
}

UploadModule::~UploadModule() = default;

void UploadModule::attach(HttpServer &http)
{
    m_controller->registerRoutes(http.router());
    http.setStreamedRequests(m_intake.get());
}

} // namespace natter::server::uploads
