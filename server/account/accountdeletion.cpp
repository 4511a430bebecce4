// SPDX-License-Identifier: Apache-2.0
#include "account/accountdeletion.h"

#include "auth/accountstate.h"
#include "db/memberrepository.h"
#include "db/rows.h"
#include "db/sql.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::account {
namespace {

//! Takes `userId` out of every group, as leaving would, with the events members expect.
Status leaveEveryGroup(QSqlDatabase &db, const QUuid &userId)
{
    auto groups = sql::exec(db,
                            u"DELETE FROM conversation_members cm USING conversations c "
                            "WHERE c.id = cm.conversation_id AND c.type = 'group' "
                            "AND cm.user_id = ?::uuid RETURNING cm.conversation_id"_s,
                            {rows::uuidText(userId)});
    if (!groups)
        return groups.error();
    QList<QUuid> left;
    while (groups.value().next())
        left.append(rows::uuid(groups.value().value(0)));
    MemberRepository members(db);
    for (const QUuid &conversationId : std::as_const(left)) {
        if (auto promoted = members.ensureAdmin(conversationId); !promoted)
            return promoted.error();
        if (auto published = realtime::publishMemberLeft(db, conversationId, userId); !published)
            return published.error();
    }
    return Done{};
}

} // namespace

Status deleteAccount(QSqlDatabase &db, const User &caller, const QString &confirmUsername)
{
    if (!caller.hasUsername() ||
        confirmUsername.trimmed().compare(caller.username, Qt::CaseInsensitive) != 0)
        return ApiError::validation(u"confirm_username"_s, u"must be your username"_s);
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    const QString id = rows::uuidText(caller.id);
    if (auto ended = endEverySession(db, caller.id); !ended)
        return ended.error();
    if (auto left = leaveEveryGroup(db, caller.id); !left)
        return left.error();
    // What identifies the person goes; what others wrote to or about them stays theirs.
    for (const QString &statement :
         {u"DELETE FROM oauth_identities WHERE user_id = ?::uuid"_s,
          u"DELETE FROM blocks WHERE blocker_id = ?::uuid OR blocked_id = ?::uuid"_s,
          u"DELETE FROM instance_admins WHERE user_id = ?::uuid"_s,
          u"DELETE FROM refresh_tokens WHERE user_id = ?::uuid"_s,
          // The avatar is profile; attachments go with their messages, which stay. Unattached
          // ones are nobody's any more. A group picture they set is the group's and stays.
          // The upload sweep removes the files (0030's trigger).
          u"DELETE FROM uploads WHERE uploader_id = ?::uuid AND (purpose = 'avatar' "
          "OR (purpose = 'attachment' AND message_id IS NULL))"_s}) {
        const QVariantList values =
            statement.count(u'?') == 2 ? QVariantList{id, id} : QVariantList{id};
        if (auto done = sql::exec(db, statement, values); !done)
            return done.error();
    }
    // Setting the username to NULL records it in released_usernames (0016): held 30 days.
    auto erased = sql::exec(
        db,
        u"UPDATE users SET username = NULL, display_name = ?, "
        "avatar_url = NULL, provider_avatar_url = NULL, deleted_at = now(), updated_at = now() "
        "WHERE id = ?::uuid"_s,
        {QString::fromLatin1(kDeletedAccountName), id});
    if (!erased)
        return erased.error();
    return transaction.commit();
}

} // namespace natter::server::account
