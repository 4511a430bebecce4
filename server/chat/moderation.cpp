// SPDX-License-Identifier: Apache-2.0
#include "chat/moderation.h"

#include "chat/access.h"
#include "db/blockrepository.h"
#include "db/reportrepository.h"
#include "db/sql.h"
#include "natter/validation.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {

namespace {

//! Writes the block and tells every server process in the same transaction, so the blocker's
//! open sockets start (or stop) dropping the other user's messages at once.
Status changeBlock(QSqlDatabase &db, const QUuid &blockerId, const QUuid &blockedId, bool blocked)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    BlockRepository blocks(db);
    if (auto changed =
            blocked ? blocks.block(blockerId, blockedId) : blocks.unblock(blockerId, blockedId);
        !changed)
        return changed;
    if (auto published = realtime::publishBlockChanged(db, blockerId, blockedId, blocked);
        !published)
        return published;
    return transaction.commit();
}

} // namespace

Status blockUser(QSqlDatabase &db, const User &caller, const QString &username)
{
    auto user = requireUser(db, u"username"_s, username);
    if (!user)
        return user.error();
    if (user->id == caller.id)
        return ApiError::validation(u"username"_s, u"must be someone else"_s);
    return changeBlock(db, caller.id, user->id, true);
}

Status unblockUser(QSqlDatabase &db, const User &caller, const QString &username)
{
    auto user = requireUser(db, u"username"_s, username);
    if (!user)
        return user.error();
    return changeBlock(db, caller.id, user->id, false);
}

Result<QList<User>> blockedUsers(QSqlDatabase &db, const User &caller)
{
    return BlockRepository(db).blockedBy(caller.id);
}

Result<QUuid> reportUser(QSqlDatabase &db, const User &caller, const QString &username,
                         const QString &reason, const QUuid &messageId)
{
    auto checkedReason = validation::reportReason(u"reason"_s, reason);
    if (!checkedReason)
        return checkedReason.error();
    auto user = requireUser(db, u"username"_s, username);
    if (!user)
        return user.error();
    if (user->id == caller.id)
        return ApiError::validation(u"username"_s, u"must be someone else"_s);
    if (!messageId.isNull()) {
        auto message = requireMessage(db, messageId, caller.id);
        if (!message)
            return message.error();
        if (message->senderId != user->id)
            return ApiError::validation(u"message_id"_s, u"was not sent by that user"_s);
    }
    // The reason is stored as the reporter wrote it; trimming is only for the length rule.
    return ReportRepository(db).create(caller.id, user->id, messageId, reason);
}

} // namespace natter::server::chat
