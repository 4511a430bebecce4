// SPDX-License-Identifier: Apache-2.0
#include "http/messagesearchcontroller.h"

#include "chat/messagesearch.h"
#include "http/apicontext.h"
#include "http/routes.h"
#include "natter/validation.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! An optional UUID query parameter: absent is null, anything else must be a UUID.
Result<QUuid> optionalUuid(const HttpRequest &request, const QString &name)
{
    const QString text = request.queryValue(name);
    if (text.isEmpty())
        return QUuid();
    return validation::uuid(name, text);
}

Result<QList<chat::SearchResult>> search(QSqlDatabase &db, const User &caller,
                                         const HttpRequest &request)
{
    auto conversation = optionalUuid(request, u"conversation_id"_s);
    if (!conversation)
        return conversation.error();
    auto before = optionalUuid(request, u"before"_s);
    if (!before)
        return before.error();
    auto limit = validation::pageLimit(u"limit"_s, request.queryValue(u"limit"_s), 20,
                                       limits::kSearchLimitMax);
    if (!limit)
        return limit.error();
    return chat::searchMessages(db, caller, request.queryValue(u"q"_s), conversation.value(),
                                before.value(), limit.value());
}

HttpReply resultsReply(const QList<chat::SearchResult> &results)
{
    QJsonArray array;
    for (const chat::SearchResult &result : results)
        array.append(QJsonObject{{u"message"_s, result.message.toJson()},
                                 {u"conversation_id"_s, result.message.conversationIdString()},
                                 {u"snippet"_s, result.snippet}});
    return HttpReply::json(200, {{u"results"_s, array}});
}

} // namespace

void MessageSearchController::registerRoutes(Router &router)
{
    Routes routes(router, m_api);
    routes.add(u"GET"_s, u"/api/v1/search/messages"_s, Caller::WithUsername, Limit::Search,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(search(db, caller, request), resultsReply);
               });
}

} // namespace natter::server
