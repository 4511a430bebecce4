// SPDX-License-Identifier: Apache-2.0
#include "chat/groupadmin.h"

#include "chat/access.h"
#include "chat/systemlines.h"
#include "db/conversationrepository.h"
#include "db/memberrepository.h"
#include "db/sql.h"
#include "natter/validation.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

constexpr qsizetype kDescriptionMax = 500;

//! Locks the group and checks that `caller` is one of its admins.
Result<MemberAccess> requireGroupAdmin(QSqlDatabase &db, const User &caller,
                                       const QUuid &conversationId, const QString &what)
{
    auto locked = ConversationRepository(db).lockForUpdate(conversationId);
    if (!locked)
        return locked.error();
    auto access = requireMember(db, conversationId, caller.id);
    if (!access)
        return access.error();
    if (access->type == ConversationType::Dm)
        return ApiError::forbidden(u"A direct message has no %1."_s.arg(what));
    if (access->role != MemberRole::Admin)
        return ApiError::forbidden(u"Only group admins can change the %1."_s.arg(what));
    return access;
}

} // namespace

Result<QString> checkedDescription(const QString &field, const QString &input)
{
    const QString trimmed = input.trimmed();
    if (validation::codePointCount(trimmed) > kDescriptionMax)
        return ApiError::validation(field, u"must be at most %1 characters"_s.arg(kDescriptionMax));
    for (const QChar c : trimmed) {
        if (c.category() == QChar::Other_Control && c != u'\n')
            return ApiError::validation(field, u"must not contain control characters"_s);
    }
    return trimmed;
}

Result<Conversation> updateGroup(QSqlDatabase &db, const User &caller, const QUuid &conversationId,
                                 const GroupDetails &details)
{
    GroupDetails checked;
    if (details.title) {
        auto title = validation::groupTitle(u"title"_s, *details.title);
        if (!title)
            return title.error();
        checked.title = title.value();
    }
    if (details.description) {
        auto description = checkedDescription(u"description"_s, *details.description);
        if (!description)
            return description.error();
        checked.description = description.value();
    }

    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    const QString what = checked.title ? u"name"_s : u"description"_s;
    if (auto admin = requireGroupAdmin(db, caller, conversationId, what); !admin)
        return admin.error();
    ConversationRepository conversations(db);
    auto before = conversations.findForMember(conversationId, caller.id);
    if (!before)
        return before.error();
    if (checked.title == before->title)
        checked.title.reset();
    if (checked.description == before->description)
        checked.description.reset();
    if (auto updated =
            conversations.updateDetails(conversationId, checked.title, checked.description);
        !updated)
        return updated.error();
    if (checked.title) {
        SystemEvent event{SystemEvent::Kind::Renamed, caller.id, {}, *checked.title, {}};
        if (auto line = recordSystemLine(db, conversationId, event); !line)
            return line.error();
    }
    if (checked.description) {
        SystemEvent event{
            SystemEvent::Kind::DescriptionChanged, caller.id, {}, {}, *checked.description};
        if (auto line = recordSystemLine(db, conversationId, event); !line)
            return line.error();
    }
    auto after = conversations.findForMember(conversationId, caller.id);
    if (!after)
        return after.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return after;
}

Result<Member> setMemberRole(QSqlDatabase &db, const User &caller, const QUuid &conversationId,
                             const QUuid &userId, MemberRole role)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    if (auto admin = requireGroupAdmin(db, caller, conversationId, u"admins"_s); !admin)
        return admin.error();
    MemberRepository members(db);
    auto current = members.role(conversationId, userId);
    if (!current)
        return current.error();
    if (!current.value())
        return ApiError::notFound(u"No such member."_s);
    if (*current.value() != role) {
        if (role == MemberRole::Member) {
            auto admins = members.adminCount(conversationId);
            if (!admins)
                return admins.error();
            if (admins.value() <= 1)
                return ApiError::conflict(
                    u"A group keeps at least one admin: make someone else an admin first."_s);
        }
        if (auto set = members.setRole(conversationId, userId, role); !set)
            return set.error();
        const auto kind = role == MemberRole::Admin ? SystemEvent::Kind::AdminPromoted
                                                    : SystemEvent::Kind::AdminDemoted;
        if (auto line = recordSystemLine(db, conversationId, {kind, caller.id, userId, {}, {}});
            !line)
            return line.error();
    }
    auto list = members.list(conversationId);
    if (!list)
        return list.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    for (const Member &member : list.value()) {
        if (member.user.id == userId)
            return member;
    }
    return ApiError::internal();
}

} // namespace natter::server::chat
