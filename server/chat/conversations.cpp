// SPDX-License-Identifier: Apache-2.0
#include "chat/conversations.h"

#include "chat/access.h"
#include "chat/invites.h"
#include "chat/systemlines.h"
#include "db/blockrepository.h"
#include "db/conversationrepository.h"
#include "db/sql.h"
#include "natter/validation.h"
#include "realtime/eventpublisher.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

ApiError groupFull(int maxGroupSize)
{
    return ApiError::conflict(u"A group has at most %1 members."_s.arg(maxGroupSize));
}

} // namespace

Result<CreatedConversation> openDm(QSqlDatabase &db, const User &caller, const QString &username)
{
    auto other = requireUser(db, u"username"_s, username);
    if (!other)
        return other.error();
    if (other->id == caller.id)
        return ApiError::validation(u"username"_s, u"must be someone else"_s);

    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto blocked = BlockRepository(db).eitherBlocked(caller.id, other->id);
    if (!blocked)
        return blocked.error();
    if (blocked.value())
        return ApiError::forbidden(u"You cannot start a conversation with this user."_s);
    auto dm = ConversationRepository(db).findOrCreateDm(caller.id, other->id);
    if (!dm)
        return dm.error();
    const auto &[conversation, created] = dm.value();
    if (created) {
        for (const QUuid &member : {caller.id, other->id}) {
            if (auto published = realtime::publishConversationNew(db, conversation.id, member);
                !published)
                return published.error();
        }
    }
    auto view = ConversationRepository(db).findForMember(conversation.id, caller.id);
    if (!view)
        return view.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return CreatedConversation{view.value(), created};
}

Result<CreatedConversation> createGroup(QSqlDatabase &db, const User &caller, const QString &title,
                                        const QStringList &usernames, int maxGroupSize)
{
    auto checkedTitle = validation::groupTitle(u"title"_s, title);
    if (!checkedTitle)
        return checkedTitle.error();

    QList<User> invited;
    QSet<QUuid> seen{caller.id};
    for (const QString &name : usernames) {
        auto user = requireUser(db, u"usernames"_s, name);
        if (!user) {
            if (user.error().code == ErrorCode::NotFound)
                return ApiError::validation(u"usernames"_s, u"has an unknown user: %1"_s.arg(
                                                                name.left(limits::kUsernameMax)));
            return user.error();
        }
        if (!seen.contains(user->id)) {
            seen.insert(user->id);
            invited.append(user.value());
        }
    }
    if (invited.size() + 1 > maxGroupSize)
        return ApiError::validation(u"usernames"_s,
                                    u"a group has at most %1 members"_s.arg(maxGroupSize));

    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    BlockRepository blocks(db);
    for (const User &user : std::as_const(invited)) {
        auto blocked = blocks.hasBlocked(user.id, caller.id);
        if (!blocked)
            return blocked.error();
        if (blocked.value())
            return ApiError::forbidden(u"%1 cannot be added by you."_s.arg(user.username));
    }
    ConversationRepository conversations(db);
    auto group = conversations.createGroup(caller.id, checkedTitle.value());
    if (!group)
        return group.error();
    MemberRepository members(db);
    for (const User &user : std::as_const(invited)) {
        if (auto added = members.add(group->id, user.id, MemberRole::Member); !added)
            return added.error();
    }
    if (auto published = realtime::publishConversationNew(db, group->id, caller.id); !published)
        return published.error();
    for (const User &user : std::as_const(invited)) {
        if (auto published = realtime::publishConversationNew(db, group->id, user.id); !published)
            return published.error();
    }
    auto view = conversations.findForMember(group->id, caller.id);
    if (!view)
        return view.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return CreatedConversation{view.value(), true};
}

Result<Member> addMember(QSqlDatabase &db, const User &caller, const QUuid &conversationId,
                         const QString &username, int maxGroupSize)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    // Taken before the checks so two concurrent adds cannot both see room for one more.
    auto locked = ConversationRepository(db).lockForUpdate(conversationId);
    if (!locked)
        return locked.error();
    auto access = requireMember(db, conversationId, caller.id);
    if (!access)
        return access.error();
    if (access->type == ConversationType::Dm)
        return ApiError::forbidden(u"Members cannot be added to a direct message."_s);
    if (access->role != MemberRole::Admin)
        return ApiError::forbidden(u"Only group admins can add members."_s);
    auto user = requireUser(db, u"username"_s, username);
    if (!user)
        return user.error();

    MemberRepository members(db);
    auto existing = members.role(conversationId, user->id);
    if (!existing)
        return existing.error();
    if (existing.value())
        return ApiError::conflict(u"Already a member."_s);
    auto count = members.count(conversationId);
    if (!count)
        return count.error();
    if (count.value() >= maxGroupSize)
        return groupFull(maxGroupSize);
    auto blocked = BlockRepository(db).hasBlocked(user->id, caller.id);
    if (!blocked)
        return blocked.error();
    if (blocked.value())
        return ApiError::forbidden(u"This user cannot be added by you."_s);

    auto member = members.add(conversationId, user->id, MemberRole::Member);
    if (!member)
        return member.error();
    if (auto published = realtime::publishConversationNew(db, conversationId, user->id); !published)
        return published.error();
    if (auto published = realtime::publishMemberJoined(db, conversationId, user.value());
        !published)
        return published.error();
    // After conversation.new, whose last seq is where the new member's sockets start: the
    // line is the first thing they get.
    if (auto line = recordSystemLine(db, conversationId,
                                     {SystemEvent::Kind::MemberAdded, caller.id, user->id, {}, {}});
        !line)
        return line.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return member.value();
}

Status removeMember(QSqlDatabase &db, const User &caller, const QUuid &conversationId,
                    const QUuid &userId)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto locked = ConversationRepository(db).lockForUpdate(conversationId);
    if (!locked)
        return locked.error();
    auto access = requireMember(db, conversationId, caller.id);
    if (!access)
        return access.error();
    const bool leaving = userId == caller.id;
    if (access->type == ConversationType::Dm)
        return ApiError::forbidden(leaving ? u"A direct message cannot be left."_s
                                           : u"Members cannot be removed from a direct message."_s);
    if (!leaving && access->role != MemberRole::Admin)
        return ApiError::forbidden(u"Only group admins can remove members."_s);

    MemberRepository members(db);
    auto role = members.role(conversationId, userId);
    if (!role)
        return role.error();
    if (!role.value())
        return ApiError::notFound(u"No such member."_s);
    // Before the removal, so the one who leaves (or is removed) gets the line too.
    const SystemEvent gone =
        leaving ? SystemEvent{SystemEvent::Kind::MemberLeft, userId, userId, {}, {}}
                : SystemEvent{SystemEvent::Kind::MemberRemoved, caller.id, userId, {}, {}};
    if (auto line = recordSystemLine(db, conversationId, gone); !line)
        return line.error();
    auto removed = members.remove(conversationId, userId);
    if (!removed)
        return removed.error();
    if (!leaving) {
        if (auto recorded = recordRemoval(db, conversationId, userId); !recorded)
            return recorded.error();
    }
    auto promoted = members.ensureAdmin(conversationId);
    if (!promoted)
        return promoted.error();
    if (auto published = realtime::publishMemberLeft(db, conversationId, userId); !published)
        return published.error();
    if (promoted.value()) {
        // Handed on by the rule, not by a person: no actor.
        if (auto line =
                recordSystemLine(db, conversationId,
                                 {SystemEvent::Kind::AdminPromoted, {}, *promoted.value(), {}, {}});
            !line)
            return line.error();
    }
    return transaction.commit();
}

} // namespace natter::server::chat
