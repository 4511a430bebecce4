// SPDX-License-Identifier: Apache-2.0
#include "chat/invites.h"

#include "auth/oauthsecrets.h"
#include "chat/access.h"
#include "chat/systemlines.h"
#include "db/conversationrepository.h"
#include "db/memberrepository.h"
#include "db/rows.h"
#include "db/sql.h"
#include "natter/timestamps.h"
#include "realtime/eventpublisher.h"

#include <QJsonValue>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

//! 24 bytes: 192 bits from the system's CSPRNG, well past the contract's 128.
constexpr int kCodeBytes = 24;

constexpr auto kInviteColumns =
    "i.code, i.conversation_id, i.created_at, i.expires_at, i.max_uses, i.uses";

Invite inviteFrom(const QSqlQuery &row)
{
    Invite invite;
    invite.code = row.value(0).toString();
    invite.conversationId = rows::uuid(row.value(1));
    invite.createdAt = row.value(2).toDateTime().toUTC();
    invite.expiresAt = row.value(3).toDateTime().toUTC();
    if (!row.isNull(4))
        invite.maxUses = row.value(4).toInt();
    invite.uses = row.value(5).toInt();
    return invite;
}

//! The caller must be an admin of the group: `not_found` for strangers (no leak), `forbidden`
//! for members and DMs.
Status requireGroupAdmin(QSqlDatabase &db, const User &caller, const QUuid &conversationId)
{
    auto access = requireMember(db, conversationId, caller.id);
    if (!access)
        return access.error();
    if (access->type == ConversationType::Dm)
        return ApiError::forbidden(u"A direct message has no invite links."_s);
    if (access->role != MemberRole::Admin)
        return ApiError::forbidden(u"Only group admins manage invite links."_s);
    return Done{};
}

ApiError unknownInvite()
{
    return ApiError::notFound(
        u"This invite link does not exist. Check that it was copied whole."_s);
}

//! An invite as far as its holder may use it, read (and locked when `forUpdate`) by code.
//! Every way it cannot be used is `not_found`, with a sentence saying which.
Result<Invite> usableInvite(QSqlDatabase &db, const QString &code, bool forUpdate)
{
    if (!isInviteCodeShaped(code))
        return unknownInvite();
    auto query =
        sql::exec(db,
                  u"SELECT %1, i.revoked_at IS NOT NULL, i.expires_at <= now() "
                  "FROM conversation_invites i WHERE i.code = ?%2"_s.arg(
                      QLatin1StringView(kInviteColumns), forUpdate ? " FOR UPDATE"_L1 : ""_L1),
                  {code});
    if (!query)
        return query.error();
    if (!query.value().next())
        return unknownInvite();
    const Invite invite = inviteFrom(query.value());
    if (query.value().value(6).toBool())
        return ApiError::notFound(u"This invite link was revoked by the group's admins."_s);
    if (query.value().value(7).toBool())
        return ApiError::notFound(u"This invite link has expired. Ask for a new one."_s);
    if (invite.maxUses && invite.uses >= *invite.maxUses)
        return ApiError::notFound(u"This invite link has been used up. Ask for a new one."_s);
    return invite;
}

} // namespace

QJsonObject Invite::toJson(const QString &appUrl) const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return {{u"code"_s, code},
            {u"url"_s, appUrl + u"/invite/"_s + code},
            {u"conversation_id"_s, rows::uuidText(conversationId)},
            {u"created_at"_s, formatTimestamp(createdAt)},
            {u"expires_at"_s, formatTimestamp(expiresAt)},
            {u"max_uses"_s, maxUses ? QJsonValue(*maxUses) : QJsonValue()},
            {u"uses"_s, uses},
            {u"expired"_s, expiresAt <= now},
            {u"used_up"_s, maxUses && uses >= *maxUses}};
}

bool isInviteCodeShaped(const QString &code)
{
    static const QRegularExpression shape(u"^[A-Za-z0-9_-]{32}$"_s);
    return shape.match(code).hasMatch();
}

Result<Invite> createInvite(QSqlDatabase &db, const User &caller, const QUuid &conversationId,
                            const InviteRequest &request)
{
    if (auto admin = requireGroupAdmin(db, caller, conversationId); !admin)
        return admin.error();
    auto inserted = sql::exec(
        db,
        u"INSERT INTO conversation_invites AS i (code, conversation_id, created_by, expires_at, "
        "max_uses) VALUES (?, ?::uuid, ?::uuid, now() + make_interval(secs => ?), ?) "
        "RETURNING %1"_s.arg(QLatin1StringView(kInviteColumns)),
        {pkce::randomToken(kCodeBytes), rows::uuidText(conversationId), rows::uuidText(caller.id),
         request.expiresInSeconds, request.maxUses ? QVariant(*request.maxUses) : QVariant()});
    if (!inserted)
        return inserted.error();
    if (!inserted.value().next())
        return ApiError::internal();
    return inviteFrom(inserted.value());
}

Result<QList<Invite>> listInvites(QSqlDatabase &db, const User &caller, const QUuid &conversationId)
{
    if (auto admin = requireGroupAdmin(db, caller, conversationId); !admin)
        return admin.error();
    auto query = sql::exec(db,
                           u"SELECT %1 FROM conversation_invites i WHERE i.conversation_id = "
                           "?::uuid AND i.revoked_at IS NULL ORDER BY i.created_at DESC"_s.arg(
                               QLatin1StringView(kInviteColumns)),
                           {rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    QList<Invite> invites;
    while (query.value().next())
        invites.append(inviteFrom(query.value()));
    return invites;
}

Status revokeInvite(QSqlDatabase &db, const User &caller, const QString &code)
{
    if (!isInviteCodeShaped(code))
        return unknownInvite();
    auto found =
        sql::exec(db, u"SELECT conversation_id FROM conversation_invites WHERE code = ?"_s, {code});
    if (!found)
        return found.error();
    if (!found.value().next())
        return unknownInvite();
    const QUuid conversationId = rows::uuid(found.value().value(0));
    if (auto admin = requireGroupAdmin(db, caller, conversationId); !admin) {
        // Someone who is not an admin of that group learns nothing about the code.
        if (admin.error().code == ErrorCode::Forbidden)
            return admin.error();
        return unknownInvite();
    }
    auto revoked = sql::exec(db,
                             u"UPDATE conversation_invites SET revoked_at = coalesce(revoked_at, "
                             "now()) WHERE code = ?"_s,
                             {code});
    if (!revoked)
        return revoked.error();
    return Done{};
}

Result<InvitePreview> previewInvite(QSqlDatabase &db, const QString &code)
{
    auto invite = usableInvite(db, code, false);
    if (!invite)
        return invite.error();
    auto query = sql::exec(db,
                           u"SELECT coalesce(c.title, ''), (SELECT count(*) FROM "
                           "conversation_members cm WHERE cm.conversation_id = c.id) "
                           "FROM conversations c WHERE c.id = ?::uuid"_s,
                           {rows::uuidText(invite->conversationId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return unknownInvite();
    return InvitePreview{query.value().value(0).toString(), query.value().value(1).toInt(),
                         invite->expiresAt};
}

Result<Conversation> joinByInvite(QSqlDatabase &db, const User &caller, const QString &code,
                                  int maxGroupSize)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    // Locked first: two people taking the last use of a link cannot both get it.
    auto invite = usableInvite(db, code, true);
    if (!invite)
        return invite.error();
    const QUuid conversationId = invite->conversationId;
    // Then the group, as addMember does: two joins cannot both see room for one more.
    if (auto locked = ConversationRepository(db).lockForUpdate(conversationId); !locked)
        return locked.error();
    MemberRepository members(db);
    auto existing = members.role(conversationId, caller.id);
    if (!existing)
        return existing.error();
    if (!existing.value()) {
        auto removed = sql::exec(
            db,
            u"SELECT EXISTS (SELECT 1 FROM conversation_removals "
            "WHERE conversation_id = ?::uuid AND user_id = ?::uuid "
            "AND removed_at >= ?)"_s,
            {rows::uuidText(conversationId), rows::uuidText(caller.id), invite->createdAt});
        if (!removed)
            return removed.error();
        if (removed.value().next() && removed.value().value(0).toBool())
            return ApiError::forbidden(u"An admin removed you from this group. Ask them for a "
                                       "new invite link."_s);
        auto count = members.count(conversationId);
        if (!count)
            return count.error();
        if (count.value() >= maxGroupSize)
            return ApiError::conflict(u"This group is full (%1 members)."_s.arg(maxGroupSize));
        auto member = members.add(conversationId, caller.id, MemberRole::Member);
        if (!member)
            return member.error();
        auto used = sql::exec(
            db, u"UPDATE conversation_invites SET uses = uses + 1 WHERE code = ?"_s, {code});
        if (!used)
            return used.error();
        if (auto published = realtime::publishConversationNew(db, conversationId, caller.id);
            !published)
            return published.error();
        if (auto published = realtime::publishMemberJoined(db, conversationId, caller); !published)
            return published.error();
        if (auto line =
                recordSystemLine(db, conversationId,
                                 {SystemEvent::Kind::MemberJoined, caller.id, caller.id, {}, {}});
            !line)
            return line.error();
    }
    auto view = ConversationRepository(db).findForMember(conversationId, caller.id);
    if (!view)
        return view.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return view.value();
}

Status recordRemoval(QSqlDatabase &db, const QUuid &conversationId, const QUuid &userId)
{
    auto recorded = sql::exec(db,
                              u"INSERT INTO conversation_removals (conversation_id, user_id) "
                              "VALUES (?::uuid, ?::uuid) ON CONFLICT (conversation_id, user_id) "
                              "DO UPDATE SET removed_at = now()"_s,
                              {rows::uuidText(conversationId), rows::uuidText(userId)});
    if (!recorded)
        return recorded.error();
    return Done{};
}

} // namespace natter::server::chat
