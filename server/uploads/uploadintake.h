// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/streamedrequests.h"
#include "uploads/uploadsettings.h"

#include <QObject>
#include <QThreadPool>

#include <memory>

namespace natter::server {
class ApiContext;
}

namespace natter::server::uploads {

class FileStore;

//! The requests that carry a file (`POST /api/v1/uploads`, `POST /api/v1/uploads/{id}/thumbnail`,
//! `PUT /api/v1/users/me/avatar`, `PUT /api/v1/conversations/{id}/avatar`):
//! taken off Qt's HTTP server at the socket (see StreamedRequests) and each read by an
//! UploadConnection straight to a scratch file, so no upload is ever held in memory. Checking
//! and stripping run on this intake's own two worker threads, never on the socket's.
class UploadIntake final : public QObject, public StreamedRequests
{
    Q_OBJECT

public:
    UploadIntake(const ApiContext &api, FileStore &store, UploadSettings settings,
                 QObject *parent = nullptr);
    ~UploadIntake() override;

    [[nodiscard]] bool wants(const QByteArray &lowerCaseHead) const override;
    void take(QTcpSocket *socket) override;

    [[nodiscard]] const ApiContext &api() const { return m_api; }
    [[nodiscard]] FileStore &store() const { return m_store; }
    [[nodiscard]] const UploadSettings &settings() const { return m_settings; }
    [[nodiscard]] QThreadPool &workers() { return m_workers; }
    //! A new scratch file path under `<data dir>/tmp/uploads` (backups leave `tmp/` out).
    [[nodiscard]] QString newIncomingPath() const;

private:
    const ApiContext &m_api;
    FileStore &m_store;
    UploadSettings m_settings;
    QThreadPool m_workers;
};

} // namespace natter::server::uploads
