// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "httpclient.h"
#include "ids.h"
#include "serverprocess.h"

#include <QUuid>

namespace natter::testing {

//! A sign-in through the development login, as an attacker or a victim would get one.
struct SignIn
{
    int status = 0;
    QString userId;
    QString access;
    QString refresh;
    HttpResponse response;
};

//! Signs `name` in on `server`; `forwardedFor` is the X-Forwarded-For our proxy would send
//! (a client address of the test's choosing, since the server trusts loopback proxies).
[[nodiscard]] SignIn devLogin(const ServerProcess &server, const QString &name,
                              const QByteArray &forwardedFor = {});

//! `ws://` URL of the server's socket endpoint.
[[nodiscard]] QUrl webSocketUrl(const ServerProcess &server);

} // namespace natter::testing
