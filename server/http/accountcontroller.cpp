// SPDX-License-Identifier: Apache-2.0
#include "http/accountcontroller.h"

#include "account/accountdeletion.h"
#include "account/accountexport.h"
#include "http/routes.h"
#include "natter/jsonfields.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

void AccountController::registerRoutes(Router &router)
{
    Routes routes(router, m_api);
    // Signed in is enough: someone who never picked a username may still take or delete
    // what little there is.
    routes.add(u"GET"_s, u"/api/v1/users/me/export"_s, Caller::SignedIn, std::nullopt,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &) {
                   return reply(
                       account::exportAccount(db, caller), [&caller](const QJsonObject &document) {
                           const QString name =
                               caller.hasUsername() ? caller.username : u"account"_s;
                           HttpReply download = HttpReply::text(
                               200, QJsonDocument(document).toJson(QJsonDocument::Indented),
                               "application/json; charset=utf-8"_ba);
                           // A file to keep, never shown inline; the name is our own
                           // characters only (a username is [a-z0-9_]).
                           download.withHeader("Content-Disposition"_ba,
                                               "attachment; filename=\"natter-export-" +
                                                   name.toLatin1() + ".json\"");
                           download.withHeader("Cache-Control"_ba, "no-store"_ba);
                           return download;
                       });
               });
    routes.add(
        u"DELETE"_s, u"/api/v1/users/me"_s, Caller::SignedIn, std::nullopt,
        [](QSqlDatabase &db, const User &caller, const HttpRequest &request) -> Result<HttpReply> {
            auto body = jsonBody(request);
            if (!body)
                return body.error();
            auto confirm = JsonFields(body.value()).requiredString(u"confirm_username"_s);
            if (!confirm)
                return confirm.error();
            return reply(account::deleteAccount(db, caller, confirm.value()), noContent);
        });
}

} // namespace natter::server
