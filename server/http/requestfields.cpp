// SPDX-License-Identifier: Apache-2.0
#include "http/requestfields.h"

#include "natter/validation.h"

#include <QUrl>

namespace natter::server::fields {

QString pathText(const HttpRequest &request, const QString &name)
{
    return QUrl::fromPercentEncoding(request.param(name).toUtf8());
}

Result<QUuid> pathUuid(const HttpRequest &request, const QString &name)
{
    return validation::uuid(name, request.param(name));
}

} // namespace natter::server::fields
