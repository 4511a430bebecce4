// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httpreply.h"
#include "http/httprequest.h"

#include <QDir>

namespace natter::server {

//! Serves the built web app (NATTER_WEB_ROOT) at `/`: its files, and `index.html` for any
//! other page a browser asks for, so deep links like /app/c/<id> survive a reload.
class WebAppController final
{
public:
    explicit WebAppController(const QString &webRoot) : m_root(webRoot) {}
    [[nodiscard]] HttpReply serve(const HttpRequest &request) const;

private:
    [[nodiscard]] HttpReply file(const QString &path, bool immutable) const;

    QDir m_root;
};

} // namespace natter::server
