// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

namespace natter::server {

struct HttpRequest;

//! The proxies whose `X-Forwarded-For` is believed (NATTER_TRUSTED_PROXIES: addresses or
//! CIDR ranges). Anyone else could write any address there, so from them the header is
//! ignored and the peer address is the client.
class TrustedProxies final
{
public:
    //! Loopback only: the shipped Caddy runs on the same machine, and nobody outside it can
    //! connect from a loopback address.
    TrustedProxies();

    //! `127.0.0.1, 10.0.0.0/8, ::1`, or `none`.
    [[nodiscard]] static Result<TrustedProxies> parse(const QString &text);

    [[nodiscard]] bool contains(const QHostAddress &address) const;
    //! The client's address: the peer, or when the peer is a trusted proxy, the right-most
    //! address in X-Forwarded-For that is not itself a trusted proxy.
    [[nodiscard]] QHostAddress clientOf(const HttpRequest &request) const;

private:
    QList<QPair<QHostAddress, int>> m_ranges;
};

} // namespace natter::server
