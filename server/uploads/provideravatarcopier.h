// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <QUuid>

namespace natter::server::uploads {

class UploadIntake;

//! Copies the picture a sign-in provider offers (GitHub's `avatar_url`, OpenID's `picture`) to
//! this server, so no client ever loads an image from a third-party host that could log who
//! looks at whom, and when. The copy goes through the same checks as an uploaded avatar (type
//! from the bytes, bomb guard, metadata stripped, size cap) and happens after the sign-in has
//! answered: a slow or broken provider host delays nothing. Until it is done the user has no
//! picture (the clients show initials).
class ProviderAvatarCopier final : public QObject
{
    Q_OBJECT

public:
    //! `allowLoopbackHttp`: plain http from a loopback host is fetched too (a local provider in
    //! development and tests, where NATTER_PUBLIC_URL is loopback as well).
    ProviderAvatarCopier(UploadIntake &intake, bool allowLoopbackHttp, QObject *parent = nullptr);

    //! Copies `sourceUrl` for `userId` on this object's thread; callable from any thread (the
    //! sign-in's database worker). The copy is kept only while the user still waits for it.
    void copyLater(const QUuid &userId, const QString &sourceUrl);

    //! Whether `url` may be fetched: https to a host that is not an address of this machine or
    //! of a private network (an OpenID provider may let people set `picture` to anything, and
    //! the server must not become their way into the operator's network), or the loopback
    //! exception above. Host names are not resolved here.
    [[nodiscard]] static bool isFetchable(const QUrl &url, bool allowLoopbackHttp);

private:
    void copy(const QUuid &userId, const QString &sourceUrl);
    void store(const QUuid &userId, const QString &sourceUrl, const QString &receivedPath);
    void giveUp(const QUuid &userId, const QString &sourceUrl, const QString &why);

    UploadIntake &m_intake;
    bool m_allowLoopbackHttp;
    QNetworkAccessManager m_network;
};

} // namespace natter::server::uploads
