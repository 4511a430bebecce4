// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <functional>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace natter::desktop {

class TransferClient;

//! Images from the server (attachments, their thumbnails, avatars) kept on disk, so a
//! conversation scrolled through twice, or opened after a restart, shows them without
//! fetching again. Files are named by a hash of server and path; the folder is kept under a
//! byte budget by removing the least recently used files. Two requests for one image while
//! it downloads make one download.
class ImageCache final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<QString>)>;

    //! `directory` is created when missing (the app passes QStandardPaths::CacheLocation/images).
    ImageCache(TransferClient *transfers, const QString &directory, qint64 budgetBytes,
               QObject *parent = nullptr);

    //! The `image://natter/…` URL QML shows for a server path (ui/imageprovider.h), empty for
    //! anything else: no image is ever loaded from a third-party host.
    [[nodiscard]] static QString qmlSource(const QString &serverPath);
    //! The local file holding `serverPath`'s bytes (`/api/v1/uploads/{id}/thumbnail`),
    //! fetched with the user's token when not here yet. Only `/api/v1/` paths are fetched.
    void fetch(const QString &serverPath, QObject *context, Callback callback);
    //! The file for `serverPath` when it is cached, else empty.
    [[nodiscard]] QString cachedFile(const QString &serverPath) const;
    //! Removes every cached image (sign-out: the next person on this computer must not see
    //! them).
    void clear();
    [[nodiscard]] qint64 bytesOnDisk() const { return m_bytes; }
    [[nodiscard]] QString directory() const { return m_directory; }

private:
    [[nodiscard]] QString fileFor(const QString &serverPath) const;
    void store(const QString &serverPath, const QByteArray &bytes);
    void trim();

    struct Waiter
    {
        QPointer<QObject> context;
        Callback callback;
    };

    TransferClient *m_transfers;
    QString m_directory;
    qint64 m_budget;
    qint64 m_bytes = 0;
    QHash<QString, QList<Waiter>> m_waiting;
};

} // namespace natter::desktop
