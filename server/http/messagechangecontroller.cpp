// SPDX-License-Identifier: Apache-2.0
#include "http/messagechangecontroller.h"

#include "chat/messagechanges.h"
#include "http/apicontext.h"
#include "http/requestfields.h"
#include "http/routes.h"
#include "natter/jsonfields.h"
#include "natter/reactionemoji.h"
#include "natter/validation.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

Result<Message> edit(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    auto text = JsonFields(body.value()).requiredString(u"body_text"_s);
    if (!text)
        return text.error();
    return chat::editMessage(db, caller, id.value(), text.value());
}

Status react(QSqlDatabase &db, const User &caller, const HttpRequest &request, bool add)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto emoji = validation::reactionEmoji(u"emoji"_s, fields::pathText(request, u"emoji"_s));
    if (!emoji)
        return emoji.error();
    return chat::setReaction(db, caller, id.value(), emoji.value(), add);
}

Result<chat::Changes> changes(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto after = validation::seqCursor(u"after"_s, request.queryValue(u"after"_s));
    if (!after)
        return after.error();
    auto limit = validation::pageLimit(u"limit"_s, request.queryValue(u"limit"_s),
                                       limits::kPageLimitMax, limits::kPageLimitMax);
    if (!limit)
        return limit.error();
    return chat::changesAfter(db, caller, id.value(), std::max<qint64>(after.value(), 0),
                              limit.value());
}

HttpReply changesReply(const chat::Changes &changes)
{
    return HttpReply::json(200, {{u"messages"_s, fields::toJsonArray(changes.messages)},
                                 {u"last_rev"_s, changes.lastRev}});
}

} // namespace

void MessageChangeController::registerRoutes(Router &router)
{
    Routes routes(router, m_api);
    routes.add(u"PATCH"_s, u"/api/v1/messages/{id}"_s, Caller::WithUsername, Limit::Edit,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(edit(db, caller, request), okJson<Message>);
               });
    routes.add(u"DELETE"_s, u"/api/v1/messages/{id}"_s, Caller::WithUsername, Limit::Edit,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   auto id = fields::pathUuid(request, u"id"_s);
                   if (!id)
                       return Result<HttpReply>(id.error());
                   return reply(chat::deleteMessage(db, caller, id.value()), noContent);
               });
    routes.add(u"PUT"_s, u"/api/v1/messages/{id}/reactions/{emoji}"_s, Caller::WithUsername,
               Limit::Reaction,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(react(db, caller, request, true), noContent);
               });
    routes.add(u"DELETE"_s, u"/api/v1/messages/{id}/reactions/{emoji}"_s, Caller::WithUsername,
               Limit::Reaction,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(react(db, caller, request, false), noContent);
               });
    routes.add(u"GET"_s, u"/api/v1/conversations/{id}/changes"_s, Caller::WithUsername,
               std::nullopt, [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(changes(db, caller, request), changesReply);
               });
}

} // namespace natter::server
