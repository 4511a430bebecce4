// SPDX-License-Identifier: Apache-2.0
#include "http/invitecontroller.h"

#include "chat/invites.h"
#include "config.h"
#include "http/requestfields.h"
#include "http/routes.h"
#include "natter/jsonfields.h"
#include "natter/timestamps.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr int kMaxUsesLimit = 100000;

Result<chat::InviteRequest> inviteRequest(const HttpRequest &request)
{
    chat::InviteRequest invite;
    if (request.body.trimmed().isEmpty())
        return invite;
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    const QJsonValue expiresIn = body->value(u"expires_in"_s);
    if (!expiresIn.isUndefined() && !expiresIn.isNull()) {
        const double seconds = expiresIn.toDouble(-1);
        if (!expiresIn.isDouble() || seconds < 60 || seconds > chat::kInviteMaxSeconds)
            return ApiError::validation(u"expires_in"_s,
                                        u"must be seconds from 60 to 2592000 (30 days)"_s);
        invite.expiresInSeconds = int(seconds);
    }
    const QJsonValue maxUses = body->value(u"max_uses"_s);
    if (!maxUses.isUndefined() && !maxUses.isNull()) {
        const double uses = maxUses.toDouble(-1);
        if (!maxUses.isDouble() || uses < 1 || uses > kMaxUsesLimit || uses != int(uses))
            return ApiError::validation(u"max_uses"_s, u"must be a whole number from 1"_s);
        invite.maxUses = int(uses);
    }
    return invite;
}

QString appUrlOf(const ApiContext &api)
{
    return api.config().publicUrl.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash);
}

} // namespace

void InviteController::registerRoutes(Router &router)
{
    Routes routes(router, m_api);
    const QString appUrl = appUrlOf(m_api);
    const int maxGroupSize = m_api.config().maxGroupSize;

    routes.add(u"POST"_s, u"/api/v1/conversations/{id}/invites"_s, Caller::WithUsername,
               std::nullopt,
               [appUrl](QSqlDatabase &db, const User &caller,
                        const HttpRequest &request) -> Result<HttpReply> {
                   auto id = fields::pathUuid(request, u"id"_s);
                   if (!id)
                       return id.error();
                   auto wanted = inviteRequest(request);
                   if (!wanted)
                       return wanted.error();
                   return reply(chat::createInvite(db, caller, id.value(), wanted.value()),
                                [&appUrl](const chat::Invite &invite) {
                                    return HttpReply::json(201, invite.toJson(appUrl));
                                });
               });
    routes.add(u"GET"_s, u"/api/v1/conversations/{id}/invites"_s, Caller::WithUsername,
               std::nullopt,
               [appUrl](QSqlDatabase &db, const User &caller,
                        const HttpRequest &request) -> Result<HttpReply> {
                   auto id = fields::pathUuid(request, u"id"_s);
                   if (!id)
                       return id.error();
                   return reply(chat::listInvites(db, caller, id.value()),
                                [&appUrl](const QList<chat::Invite> &invites) {
                                    QJsonArray items;
                                    for (const chat::Invite &invite : invites)
                                        items.append(invite.toJson(appUrl));
                                    return HttpReply::json(200, {{u"invites"_s, items}});
                                });
               });
    routes.add(u"DELETE"_s, u"/api/v1/invites/{code}"_s, Caller::WithUsername, std::nullopt,
               [](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(
                       chat::revokeInvite(db, caller, fields::pathText(request, u"code"_s)),
                       noContent);
               });
    // Joining takes from the caller's budget: a signed-in guesser gets 429 long before luck.
    routes.add(u"POST"_s, u"/api/v1/invites/{code}/join"_s, Caller::WithUsername, Limit::InviteJoin,
               [maxGroupSize](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(chat::joinByInvite(db, caller, fields::pathText(request, u"code"_s),
                                                   maxGroupSize),
                                okJson<Conversation>);
               });
    // The preview needs no sign-in, so it takes from the client address's budget of the same
    // limit: a flood of guessed codes from one address gets 429 and finds nothing.
    router.add(u"GET"_s, u"/api/v1/invites/{code}"_s, [this](const HttpRequest &request) {
        return m_api.run(
            request, Limit::InviteJoin,
            [code = fields::pathText(request, u"code"_s)](QSqlDatabase &db) -> Result<HttpReply> {
                auto preview = chat::previewInvite(db, code);
                if (!preview)
                    return preview.error();
                return HttpReply::json(
                    200,
                    {{u"conversation"_s, QJsonObject{{u"title"_s, preview->title},
                                                     {u"member_count"_s, preview->memberCount}}},
                     {u"expires_at"_s, formatTimestamp(preview->expiresAt)}});
            });
    });
}

} // namespace natter::server
