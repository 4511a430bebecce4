// SPDX-License-Identifier: Apache-2.0
#include "http/conversationcontroller.h"

#include "chat/conversations.h"
#include "chat/groupadmin.h"
#include "chat/groupavatar.h"
#include "chat/messaging.h"
#include "chat/preferences.h"
#include "config.h"
#include "db/conversationrepository.h"
#include "http/apicontext.h"
#include "http/requestfields.h"
#include "http/routes.h"
#include "natter/jsonfields.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

Result<chat::CreatedConversation> create(QSqlDatabase &db, const User &caller,
                                         const HttpRequest &request, int maxGroupSize)
{
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    const JsonFields fields(body.value());
    auto type = fields.requiredString(u"type"_s);
    if (!type)
        return type.error();
    if (type.value() == "dm"_L1) {
        auto username = fields.requiredString(u"username"_s);
        if (!username)
            return username.error();
        return chat::openDm(db, caller, username.value());
    }
    if (type.value() == "group"_L1) {
        auto title = fields.requiredString(u"title"_s);
        if (!title)
            return title.error();
        auto usernames = fields.stringList(u"usernames"_s);
        if (!usernames)
            return usernames.error();
        // Before any of them is looked up: one body must not cost thousands of queries.
        if (usernames->size() + 1 > maxGroupSize)
            return ApiError::validation(u"usernames"_s,
                                        u"a group has at most %1 members"_s.arg(maxGroupSize));
        return chat::createGroup(db, caller, title.value(), usernames.value(), maxGroupSize);
    }
    return ApiError::validation(u"type"_s, u"must be \"dm\" or \"group\""_s);
}

Result<HttpReply> list(QSqlDatabase &db, const User &caller, const HttpRequest &)
{
    return reply(
        ConversationRepository(db).listForMember(caller.id),
        [](const QList<Conversation> &conversations) {
            return HttpReply::json(200, {{u"conversations"_s, fields::toJsonArray(conversations)}});
        });
}

Result<HttpReply> show(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    return reply(ConversationRepository(db).findForMember(id.value(), caller.id),
                 okJson<Conversation>);
}

Result<HttpReply> removeMember(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto userId = fields::pathUuid(request, u"user_id"_s);
    if (!userId)
        return userId.error();
    return reply(chat::removeMember(db, caller, id.value(), userId.value()), noContent);
}

//! PATCH: `{"title"?, "description"?}` (issue 18).
Result<HttpReply> update(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    const JsonFields fields(body.value());
    auto title = fields.optionalString(u"title"_s);
    if (!title)
        return title.error();
    auto description = fields.optionalString(u"description"_s);
    if (!description)
        return description.error();
    if (!title.value() && !description.value())
        return ApiError::validation(u"title"_s, u"give a title or a description to change"_s);
    return reply(chat::updateGroup(db, caller, id.value(), {title.value(), description.value()}),
                 okJson<Conversation>);
}

//! DELETE .../avatar: the group picture goes (issue 18). Setting one is a PUT of the image on
//! the same path, read at the socket (uploads/uploadintake.h).
Result<HttpReply> removeAvatar(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    return reply(chat::removeGroupAvatar(db, caller, id.value()), okJson<Conversation>);
}

//! PUT .../members/{user_id}/role `{"role":"admin"|"member"}` (issue 18).
Result<HttpReply> setRole(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto userId = fields::pathUuid(request, u"user_id"_s);
    if (!userId)
        return userId.error();
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    auto role = JsonFields(body.value()).requiredString(u"role"_s);
    if (!role)
        return role.error();
    if (role.value() != "admin"_L1 && role.value() != "member"_L1)
        return ApiError::validation(u"role"_s, u"must be \"admin\" or \"member\""_s);
    const MemberRole wanted = role.value() == "admin"_L1 ? MemberRole::Admin : MemberRole::Member;
    return reply(chat::setMemberRole(db, caller, id.value(), userId.value(), wanted),
                 okJson<Member>);
}

//! PATCH .../preferences: the caller's mute, pin and archive (issue 18).
Result<HttpReply> preferences(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    return reply(chat::updatePreferences(db, caller, id.value(), body.value()),
                 [&id](const ConversationPreferences &preferences) {
                     QJsonObject object = preferences.toJson();
                     object.insert(u"conversation_id"_s, id->toString(QUuid::WithoutBraces));
                     return HttpReply::json(200, object);
                 });
}

Result<HttpReply> receipts(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    return reply(chat::receipts(db, caller, id.value()), [](const QList<Receipt> &receipts) {
        return HttpReply::json(200, {{u"receipts"_s, fields::toJsonArray(receipts)}});
    });
}

} // namespace

void ConversationController::registerRoutes(Router &router)
{
    const int maxGroupSize = m_api.config().maxGroupSize;
    Routes routes(router, m_api);

    routes.add(u"POST"_s, u"/api/v1/conversations"_s, Caller::WithUsername, Limit::GroupCreate,
               [maxGroupSize](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return reply(create(db, caller, request, maxGroupSize),
                                [](const chat::CreatedConversation &created) {
                                    return HttpReply::json(created.created ? 201 : 200,
                                                           created.conversation.toJson());
                                });
               });
    routes.add(u"GET"_s, u"/api/v1/conversations"_s, Caller::WithUsername, std::nullopt, list);
    routes.add(u"GET"_s, u"/api/v1/conversations/{id}"_s, Caller::WithUsername, std::nullopt, show);
    routes.add(u"POST"_s, u"/api/v1/conversations/{id}/members"_s, Caller::WithUsername,
               std::nullopt,
               [maxGroupSize](QSqlDatabase &db, const User &caller,
                              const HttpRequest &request) -> Result<HttpReply> {
                   auto id = fields::pathUuid(request, u"id"_s);
                   if (!id)
                       return id.error();
                   auto body = jsonBody(request);
                   if (!body)
                       return body.error();
                   auto username = JsonFields(body.value()).requiredString(u"username"_s);
                   if (!username)
                       return username.error();
                   return reply(
                       chat::addMember(db, caller, id.value(), username.value(), maxGroupSize),
                       [](const Member &member) { return HttpReply::json(201, member.toJson()); });
               });
    routes.add(u"DELETE"_s, u"/api/v1/conversations/{id}/members/{user_id}"_s, Caller::WithUsername,
               std::nullopt, removeMember);
    routes.add(u"PATCH"_s, u"/api/v1/conversations/{id}"_s, Caller::WithUsername, std::nullopt,
               update);
    routes.add(u"DELETE"_s, u"/api/v1/conversations/{id}/avatar"_s, Caller::WithUsername,
               std::nullopt, removeAvatar);
    routes.add(u"PUT"_s, u"/api/v1/conversations/{id}/members/{user_id}/role"_s,
               Caller::WithUsername, std::nullopt, setRole);
    routes.add(u"PATCH"_s, u"/api/v1/conversations/{id}/preferences"_s, Caller::WithUsername,
               std::nullopt, preferences);
    routes.add(u"GET"_s, u"/api/v1/conversations/{id}/receipts"_s, Caller::WithUsername,
               std::nullopt, receipts);
}

} // namespace natter::server
