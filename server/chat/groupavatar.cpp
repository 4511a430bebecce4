// SPDX-License-Identifier: Apache-2.0
#include "chat/groupavatar.h"

#include "chat/access.h"
#include "chat/systemlines.h"
#include "db/conversationrepository.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

//! Locks the conversation and checks that `caller` may change its picture.
Status requirePictureAdmin(QSqlDatabase &db, const User &caller, const QUuid &conversationId)
{
    auto locked = ConversationRepository(db).lockForUpdate(conversationId);
    if (!locked)
        return locked.error();
    return mayChangeGroupPicture(db, caller.id, conversationId);
}

//! Records the system line of `kind` and returns the conversation, then commits.
Result<Conversation> finish(QSqlDatabase &db, sql::Transaction &transaction, const User &caller,
                            const QUuid &conversationId, std::optional<SystemEvent::Kind> kind)
{
    if (kind) {
        if (auto line = recordSystemLine(db, conversationId, {*kind, caller.id, {}, {}, {}}); !line)
            return line.error();
    }
    auto after = ConversationRepository(db).findForMember(conversationId, caller.id);
    if (!after)
        return after.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return after;
}

} // namespace

Status mayChangeGroupPicture(QSqlDatabase &db, const QUuid &callerId, const QUuid &conversationId)
{
    auto access = requireMember(db, conversationId, callerId);
    if (!access)
        return access.error();
    // Not `forbidden`: nobody may do this to a DM, so it is the request that is wrong.
    if (access->type == ConversationType::Dm)
        return ApiError::validation(u"conversation"_s,
                                    u"is a direct message, which shows the other person's own "
                                    "picture; only groups have a group picture"_s);
    if (access->role != MemberRole::Admin)
        return ApiError::forbidden(u"Only group admins can change the group picture."_s);
    return Done{};
}

Result<Conversation> setGroupAvatar(QSqlDatabase &db, const User &caller,
                                    const QUuid &conversationId, UploadRow row)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    if (auto admin = requirePictureAdmin(db, caller, conversationId); !admin)
        return admin.error();
    UploadRepository uploads(db);
    if (auto dropped = uploads.deleteGroupAvatar(conversationId); !dropped)
        return dropped.error();
    row.purpose = u"group_avatar"_s;
    row.conversationId = conversationId;
    if (auto inserted = uploads.insert(row); !inserted)
        return inserted.error();
    return finish(db, transaction, caller, conversationId, SystemEvent::Kind::AvatarChanged);
}

Result<Conversation> removeGroupAvatar(QSqlDatabase &db, const User &caller,
                                       const QUuid &conversationId)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    if (auto admin = requirePictureAdmin(db, caller, conversationId); !admin)
        return admin.error();
    auto removed = UploadRepository(db).deleteGroupAvatar(conversationId);
    if (!removed)
        return removed.error();
    return finish(db, transaction, caller, conversationId,
                  removed.value() ? std::optional(SystemEvent::Kind::AvatarRemoved) : std::nullopt);
}

} // namespace natter::server::chat
