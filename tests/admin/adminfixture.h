// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "attacker.h"
#include "httpclient.h"
#include "serverprocess.h"

#include <QJsonObject>

namespace natter::testing {

//! A person signed in through the development login who has claimed a username: a real
//! sign-in (a refresh family the server can end), as a browser would hold one.
struct Person
{
    QString id;
    QString username;
    QString access;
    QString refresh;
};

//! Signs `username` in on `server` and claims the username (the same person on every call).
[[nodiscard]] Person signUp(const ServerProcess &server, const QString &username);

//! REST as `person` (or signed out when `token` is empty).
[[nodiscard]] HttpResponse call(const ServerProcess &server, const QByteArray &method,
                                const QString &path, const QString &token,
                                const QJsonObject &body = {});

} // namespace natter::testing
