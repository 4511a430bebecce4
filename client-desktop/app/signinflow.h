// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "api/apiclient.h"
#include "auth/loopbackreceiver.h"
#include "auth/pkcechallenge.h"

#include <functional>
#include <QObject>
#include <QTimer>

namespace natter::desktop {

//! One sign-in from start to tokens: RFC 8252 (system browser, loopback redirect, PKCE, then
//! `POST /auth/token`) or the development login. It ends in exactly one `finished` (the
//! server's answer, tokens already taken over by the ApiClient) or `failed` (the browser never
//! came back properly, or took too long); what the app does with the user is the Session's.
class SignInFlow final : public QObject
{
    Q_OBJECT

public:
    using OpenBrowser = std::function<bool(const QUrl &)>;

    SignInFlow(ApiClient *api, OpenBrowser openBrowser, QObject *parent = nullptr);

    //! Opens the browser at the provider's start URL and waits for the redirect. Returns why it
    //! could not start (no local port, no browser), empty when the browser was opened.
    [[nodiscard]] QString startInBrowser(const QString &providerId);
    void devLogin(const QString &name);
    //! Stops waiting for the browser; nothing is emitted.
    void cancel();

Q_SIGNALS:
    void finished(const natter::Result<natter::desktop::SignInResult> &result);
    void failed(const QString &reason);

private:
    void exchange(const QString &code);

    ApiClient *m_api;
    OpenBrowser m_openBrowser;
    LoopbackReceiver m_loopback;
    Pkce m_pkce;
    QTimer m_timeout;
};

} // namespace natter::desktop
