// SPDX-License-Identifier: Apache-2.0
#include "http/messagecontroller.h"

#include "chat/historyjson.h"
#include "chat/messaging.h"
#include "http/apicontext.h"
#include "http/requestfields.h"
#include "http/router.h"
#include "http/routes.h"
#include "natter/jsonfields.h"
#include "natter/sendmessagerequest.h"
#include "natter/validation.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

Result<chat::SendOutcome> send(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    // The same parse as the socket's message.send (natter::SendMessageRequest).
    auto send = SendMessageRequest::fromJson(body.value());
    if (!send)
        return send.error();
    return chat::sendMessage(db, caller, id.value(), send->bodyText, send->clientMsgId,
                             send->replyToId, send->attachmentIds);
}

Result<chat::HistoryPage> historyPage(const HttpRequest &request)
{
    chat::HistoryPage page;
    auto before = validation::seqCursor(u"before"_s, request.queryValue(u"before"_s));
    if (!before)
        return before.error();
    auto after = validation::seqCursor(u"after"_s, request.queryValue(u"after"_s));
    if (!after)
        return after.error();
    if (before.value() >= 0 && after.value() >= 0)
        return ApiError::validation(u"after"_s, u"cannot be combined with before"_s);
    auto limit = validation::pageLimit(u"limit"_s, request.queryValue(u"limit"_s),
                                       limits::kPageLimitDefault, limits::kPageLimitMax);
    if (!limit)
        return limit.error();
    page.before = before.value();
    page.after = after.value();
    page.limit = limit.value();
    return page;
}

Result<HttpReply> historyReply(QSqlDatabase &db, const QUuid &callerId, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    auto page = historyPage(request);
    if (!id || !page) {
        // Nothing about the request is judged before the caller is known (ApiContext::asUser).
        if (auto caller = ApiContext::loadCaller(db, callerId, Caller::WithUsername); !caller)
            return caller.error();
        return !id ? id.error() : page.error();
    }
    // The page's statement leaves out a suspended or deleted caller; only then (rarely) is the
    // account loaded again, to answer 403 `suspended` rather than 401.
    auto admit = [&db, callerId](const std::optional<User> &caller) {
        if (!caller)
            return ApiContext::loadCaller(db, callerId, Caller::WithUsername);
        return ApiContext::admitCaller(caller, Caller::WithUsername);
    };
    return replyFrom(chat::history(db, callerId, id.value(), page.value(), admit),
                     [](const chat::History &history) {
                         return HttpReply::text(200, chat::encodeHistory(history),
                                                "application/json; charset=utf-8"_ba);
                     });
}

//! POST .../messages: 201 with the stored message, 200 with the first one when its
//! `client_msg_id` was sent before (a resend after a lost reply).
Result<HttpReply> sendReply(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    return reply(send(db, caller, request), [](const chat::SendOutcome &outcome) {
        return HttpReply::json(outcome.created ? 201 : 200, outcome.message.toJson());
    });
}

Result<HttpReply> markRead(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    return reply(chat::markRead(db, caller, id.value()), noContent);
}

} // namespace

void MessageController::registerRoutes(Router &router)
{
    Routes routes(router, m_api);
    routes.add(u"POST"_s, u"/api/v1/conversations/{id}/messages"_s, Caller::WithUsername,
               Limit::Send, sendReply);

    // The hot read: the caller's row comes with the page in one statement (chat::history), so
    // the caller is not loaded first. A malformed request still answers 401/403 before 422.
    router.add(
        u"GET"_s, u"/api/v1/conversations/{id}/messages"_s, [this](const HttpRequest &request) {
            return m_api.asBearer(request, [request](QSqlDatabase &db, const QUuid &callerId) {
                return historyReply(db, callerId, request);
            });
        });

    routes.add(u"POST"_s, u"/api/v1/messages/{id}/read"_s, Caller::WithUsername, std::nullopt,
               markRead);
}

} // namespace natter::server
