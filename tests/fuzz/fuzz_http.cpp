// SPDX-License-Identifier: Apache-2.0
// libFuzzer target for what the server reads from a stranger's HTTP request before any
// authentication (issue #11): the request head judged at the socket (size, length, upgrade),
// the router, the client address behind X-Forwarded-For, and the JSON body with the
// validation rules. Beyond "no crash, no sanitizer report" it checks the properties the
// defences rest on: a head that passes never allows a body past the cap, and only a bodiless
// GET is handed over as a WebSocket.
#include "http/httprequest.h"
#include "http/requesthead.h"
#include "http/router.h"
#include "limits/clientaddress.h"
#include "natter/jsonfields.h"
#include "natter/validation.h"

#include <QStringDecoder>

#include <cstdint>
#include <cstdlib>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;

namespace {

const Router &router()
{
    static const Router routes = [] {
        Router r;
        const HttpHandler none = [](const HttpRequest &) { return QFuture<HttpReply>(); };
        for (const auto &[method, pattern] :
             {std::pair{u"GET"_s, u"/api/v1/conversations/{id}/messages"_s},
              std::pair{u"POST"_s, u"/api/v1/conversations/{id}/messages"_s},
              std::pair{u"DELETE"_s, u"/api/v1/conversations/{id}/members/{user_id}"_s},
              std::pair{u"GET"_s, u"/api/v1/users/search"_s},
              std::pair{u"GET"_s, u"/api/v1/users/{username}"_s},
              std::pair{u"GET"_s, u"/api/v1/auth/{provider}/start"_s}})
            r.add(method, pattern, none);
        return r;
    }();
    return routes;
}

void checkHead(const QByteArray &head)
{
    const HttpLimits limits;
    const QByteArray lower = head.toLower();
    const RequestHeadVerdict verdict = judgeRequestHead(lower, limits);
    switch (verdict.kind) {
    case RequestHeadVerdict::Kind::Body:
        if (verdict.bodyBytes < 0 || verdict.bodyBytes > limits.maxBodyBytes)
            std::abort();
        break;
    case RequestHeadVerdict::Kind::WebSocket:
        // A header line starts after a LF, with or without CR before it (Qt's parser takes both).
        if (!lower.startsWith("get ") || lower.contains("\ntransfer-encoding:"))
            std::abort();
        break;
    case RequestHeadVerdict::Kind::Refuse:
        if (verdict.status < 400 || verdict.code.isEmpty())
            std::abort();
        break;
    }
}

void checkRouteAndAddress(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    HttpRequest request;
    request.method = QString::fromLatin1(requestLine.value(0));
    request.path = QString::fromLatin1(requestLine.value(1));
    for (const QByteArray &line : lines.mid(1)) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.insert(line.left(colon).trimmed().toLower(),
                                   line.mid(colon + 1).trimmed());
    }
    request.remoteAddress = QHostAddress(QHostAddress::LocalHost);
    const auto outcome = router().match(request.method, request.path);
    if (const auto *match = std::get_if<Router::Match>(&outcome)) {
        for (const QString &value : match->params) {
            if (value.isEmpty())
                std::abort(); // an empty segment must never fill a parameter
        }
    }
    if (TrustedProxies().clientOf(request).isNull())
        std::abort(); // there is always someone to count against
}

void checkBody(const QByteArray &body)
{
    auto object = parseJsonObject(body);
    if (!object)
        return;
    const JsonFields fields(object.value());
    for (const QString &name : {u"body_text"_s, u"display_name"_s, u"username"_s, u"title"_s}) {
        auto text = fields.optionalString(name);
        if (!text || !text.value())
            continue;
        const QString value = *text.value();
        if (auto body = validation::messageBody(name, value); body && body.value() != value)
            std::abort(); // message bodies are stored as sent
        if (auto display = validation::displayName(name, value);
            display && (display->isEmpty() || display->contains(QChar(0x202E))))
            std::abort();
        if (auto username = validation::username(name, value);
            username && username.value() != username->toLower())
            std::abort();
        (void)validation::groupTitle(name, value);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray input(reinterpret_cast<const char *>(data), qsizetype(size));
    // Split where the server's guard does (and Qt's parser), bare LFs included.
    const qsizetype end = requestHeadEnd(input);
    const QByteArray head = end < 0 ? input : input.left(end);
    checkHead(head);
    checkRouteAndAddress(head);
    checkBody(end < 0 ? input : input.mid(end));
    return 0;
}
