// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHostAddress>

#include <optional>

namespace natter::server {

//! A listening TCP socket that other processes may open on the same address and port
//! (`SO_REUSEPORT`, NATTER_REUSE_PORT=1): the kernel then hands each new connection to one of
//! them, so several natter-server processes share one port and both cores without a proxy in
//! front. The descriptor is non-blocking and close-on-exec, ready for
//! QTcpServer::setSocketDescriptor; nullopt (errno set) when the address cannot be bound.
[[nodiscard]] std::optional<qintptr> openSharedPort(const QHostAddress &address, quint16 port,
                                                    int backlog);

} // namespace natter::server
