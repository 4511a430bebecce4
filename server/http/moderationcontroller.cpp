// SPDX-License-Identifier: Apache-2.0
#include "http/moderationcontroller.h"

#include "chat/moderation.h"
#include "http/apicontext.h"
#include "http/requestfields.h"
#include "http/routes.h"
#include "natter/jsonfields.h"
#include "natter/validation.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

Result<QUuid> report(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    const JsonFields fields(body.value());
    auto username = fields.requiredString(u"username"_s);
    if (!username)
        return username.error();
    auto reason = fields.requiredString(u"reason"_s);
    if (!reason)
        return reason.error();
    auto messageIdText = fields.optionalString(u"message_id"_s);
    if (!messageIdText)
        return messageIdText.error();
    QUuid messageId;
    if (messageIdText.value()) {
        auto parsed = validation::uuid(u"message_id"_s, *messageIdText.value());
        if (!parsed)
            return parsed.error();
        messageId = parsed.value();
    }
    return chat::reportUser(db, caller, username.value(), reason.value(), messageId);
}

} // namespace

void ModerationController::registerRoutes(Router &router)
{
    Routes routes(router, m_api);
    routes.add(u"GET"_s, u"/api/v1/blocks"_s, Caller::WithUsername, std::nullopt,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &) {
                   return reply(chat::blockedUsers(db, caller), [](const QList<User> &users) {
                       return HttpReply::json(200, {{u"users"_s, fields::toJsonArray(users)}});
                   });
               });
    routes.add(u"POST"_s, u"/api/v1/blocks/{username}"_s, Caller::WithUsername, std::nullopt,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(
                       chat::blockUser(db, caller, fields::pathText(request, u"username"_s)),
                       noContent);
               });
    routes.add(u"DELETE"_s, u"/api/v1/blocks/{username}"_s, Caller::WithUsername, std::nullopt,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(
                       chat::unblockUser(db, caller, fields::pathText(request, u"username"_s)),
                       noContent);
               });
    routes.add(u"POST"_s, u"/api/v1/reports"_s, Caller::WithUsername, Limit::Report,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(report(db, caller, request), [](const QUuid &id) {
                       return HttpReply::json(201, {{u"id"_s, id.toString(QUuid::WithoutBraces)}});
                   });
               });
}

} // namespace natter::server
