// SPDX-License-Identifier: Apache-2.0
#include "http/webappcontroller.h"

#include <QFile>
#include <QFileInfo>
#include <QMimeDatabase>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

// The app is served under a policy it works with: no inline scripts, no third-party origins,
// images only from this server (provider avatars are copied here at sign-in).
constexpr char kContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

} // namespace

HttpReply WebAppController::serve(const HttpRequest &request) const
{
    const QString relative =
        QDir::cleanPath(QUrl::fromPercentEncoding(request.path.toUtf8())).remove(0, 1);
    if (!relative.isEmpty() && !relative.startsWith(u".."_s)) {
        const QFileInfo info(m_root.filePath(relative));
        if (info.isFile() && info.canonicalFilePath().startsWith(m_root.canonicalPath() + u'/'))
            return file(info.canonicalFilePath(), relative.startsWith(u"assets/"_s));
    }
    // The root is the app for everyone (uptime checks, curl); deeper unknown paths only for
    // browsers, so a mistyped asset URL still gets a 404 a developer can see.
    if (relative.isEmpty() || request.header("accept"_ba).contains("text/html"))
        return file(m_root.filePath(u"index.html"_s), false);
    return HttpReply::error(ApiError::notFound(u"No such file."_s));
}

HttpReply WebAppController::file(const QString &path, bool immutable) const
{
    QFile source(path);
    if (!source.open(QIODevice::ReadOnly))
        return HttpReply::error(ApiError::notFound(u"No such file."_s));
    static const QMimeDatabase mimeTypes;
    QByteArray contentType = mimeTypes.mimeTypeForFile(path).name().toLatin1();
    if (contentType.startsWith("text/") || contentType.endsWith("javascript") ||
        contentType.endsWith("json") || contentType.endsWith("svg+xml"))
        contentType += "; charset=utf-8";
    HttpReply reply = HttpReply::text(200, source.readAll(), contentType);
    // Vite puts content hashes in asset names, so those never change; pages must revalidate.
    reply.withHeader("Cache-Control"_ba,
                     immutable ? "public, max-age=31536000, immutable"_ba : "no-cache"_ba);
    if (path.endsWith(u".html"_s)) {
        reply.withHeader("Content-Security-Policy"_ba, QByteArray(kContentSecurityPolicy));
        reply.withHeader("X-Frame-Options"_ba, "DENY"_ba);
        reply.withHeader("Referrer-Policy"_ba, "no-referrer"_ba);
    }
    return reply;
}

} // namespace natter::server
