// SPDX-License-Identifier: Apache-2.0
#include "db/conversationrepository.h"

#include "db/memberrepository.h"
#include "db/rows.h"
#include "db/sql.h"
#include "natter/attachment.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

const QString kConversationColumns =
    u"c.id, c.type, c.title, c.created_by, c.created_at, c.description, "
    "(SELECT ga.id FROM uploads ga WHERE ga.conversation_id = c.id "
    "AND ga.purpose = 'group_avatar')"_s;
//! The columns of kConversationColumns, where what a query adds after them starts.
constexpr int kAfter = 7;

Conversation conversationFrom(const QSqlQuery &query)
{
    Conversation conversation;
    conversation.id = rows::uuid(query.value(0));
    conversation.type =
        query.value(1).toString() == "dm"_L1 ? ConversationType::Dm : ConversationType::Group;
    conversation.title = query.value(2).toString();
    conversation.createdBy = rows::uuid(query.value(3));
    conversation.createdAt = query.value(4).toDateTime().toUTC();
    conversation.description = query.value(5).toString();
    if (!query.isNull(6))
        conversation.avatarUrl = groupAvatarPath(conversation.id, rows::uuid(query.value(6)));
    return conversation;
}

//! The viewer's mute, pin and archive (issue 18) from member row `cm` and conversation `c`:
//! muted now, the end of the mute (NULL when none or until turned back on), pinned, the seq
//! it was archived at, and whether it is archived now (nothing newer since, or muted).
constexpr auto kPreferenceColumns =
    "(cm.muted_until IS NOT NULL AND cm.muted_until > now()), "
    "CASE WHEN cm.muted_until = 'infinity' THEN NULL ELSE cm.muted_until END, "
    "cm.pinned_at IS NOT NULL, cm.archived_at_seq, "
    "(cm.archived_at_seq IS NOT NULL AND (c.last_seq <= cm.archived_at_seq "
    "  OR (cm.muted_until IS NOT NULL AND cm.muted_until > now())))";
constexpr int kPreferenceColumnCount = 5;

ConversationPreferences preferencesFrom(const QSqlQuery &query, int first)
{
    ConversationPreferences preferences;
    preferences.muted = query.value(first).toBool();
    if (preferences.muted && !query.isNull(first + 1))
        preferences.mutedUntil = query.value(first + 1).toDateTime().toUTC();
    preferences.pinned = query.value(first + 2).toBool();
    if (!query.isNull(first + 3))
        preferences.archivedAtSeq = query.value(first + 3).toLongLong();
    preferences.archived = query.value(first + 4).toBool();
    if (!preferences.archived)
        preferences.archivedAtSeq.reset();
    return preferences;
}

QString dmKey(const QUuid &a, const QUuid &b)
{
    const QString first = rows::uuidText(a);
    const QString second = rows::uuidText(b);
    return first < second ? first + u':' + second : second + u':' + first;
}

} // namespace

Result<Conversation> ConversationRepository::createGroup(const QUuid &creatorId,
                                                         const QString &title)
{
    sql::Transaction transaction(m_db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto query = sql::exec(m_db,
                           u"INSERT INTO conversations AS c (type, title, created_by) "
                           "VALUES ('group', ?, ?::uuid) RETURNING "_s +
                               kConversationColumns,
                           {title, rows::uuidText(creatorId)});
    if (!query)
        return query.error();
    query.value().next();
    Conversation conversation = conversationFrom(query.value());
    auto admin = MemberRepository(m_db).add(conversation.id, creatorId, MemberRole::Admin);
    if (!admin)
        return admin.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return conversation;
}

Result<std::pair<Conversation, bool>> ConversationRepository::findOrCreateDm(const QUuid &userA,
                                                                             const QUuid &userB)
{
    const QString key = dmKey(userA, userB);
    sql::Transaction transaction(m_db);
    if (!transaction.began())
        return ApiError::unavailable();
    // ON CONFLICT DO NOTHING makes two concurrent "create DM" calls agree on one row.
    auto inserted =
        sql::exec(m_db,
                  u"INSERT INTO conversations AS c (type, created_by, dm_key) "
                  "VALUES ('dm', ?::uuid, ?) ON CONFLICT (dm_key) DO NOTHING RETURNING "_s +
                      kConversationColumns,
                  {rows::uuidText(userA), key});
    if (!inserted)
        return inserted.error();
    if (inserted.value().next()) {
        Conversation conversation = conversationFrom(inserted.value());
        MemberRepository members(m_db);
        for (const QUuid &user : {userA, userB}) {
            if (auto added = members.add(conversation.id, user, MemberRole::Member); !added)
                return added.error();
        }
        if (auto committed = transaction.commit(); !committed)
            return committed.error();
        return std::pair{conversation, true};
    }
    auto existing = sql::exec(
        m_db, u"SELECT %1 FROM conversations c WHERE c.dm_key = ?"_s.arg(kConversationColumns),
        {key});
    if (!existing)
        return existing.error();
    if (!existing.value().next())
        return ApiError::internal();
    Conversation conversation = conversationFrom(existing.value());
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return std::pair{conversation, false};
}

Result<Conversation> ConversationRepository::findForMember(const QUuid &id, const QUuid &viewerId)
{
    auto views = viewsFor(viewerId, id);
    if (!views)
        return views.error();
    if (views.value().isEmpty())
        return ApiError::notFound(u"No such conversation."_s);
    Conversation conversation = views.value().first();
    auto members = MemberRepository(m_db).list(id);
    if (!members)
        return members.error();
    conversation.members = members.value();
    conversation.membersIncluded = true;
    return conversation;
}

Result<QList<Conversation>> ConversationRepository::listForMember(const QUuid &viewerId)
{
    auto views = viewsFor(viewerId, {});
    if (!views)
        return views.error();
    auto members = MemberRepository(m_db).listForConversationsOf(viewerId);
    if (!members)
        return members.error();
    QList<Conversation> conversations = std::move(views).value();
    for (Conversation &conversation : conversations) {
        conversation.members = members.value().value(conversation.id);
        conversation.membersIncluded = true;
    }
    return conversations;
}

Status ConversationRepository::updateDetails(const QUuid &id, const std::optional<QString> &title,
                                             const std::optional<QString> &description)
{
    auto query =
        sql::exec(m_db,
                  u"UPDATE conversations SET title = COALESCE(?, title), "
                  "description = COALESCE(?, description) WHERE id = ?::uuid"_s,
                  {title ? QVariant(*title) : QVariant(QMetaType::fromType<QString>()),
                   description ? QVariant(*description) : QVariant(QMetaType::fromType<QString>()),
                   rows::uuidText(id)});
    if (!query)
        return query.error();
    return Done{};
}

Result<std::optional<ConversationType>> ConversationRepository::lockForUpdate(const QUuid &id)
{
    auto query = sql::exec(m_db, u"SELECT type FROM conversations WHERE id = ?::uuid FOR UPDATE"_s,
                           {rows::uuidText(id)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<ConversationType>{};
    return std::optional<ConversationType>{query.value().value(0).toString() == "dm"_L1
                                               ? ConversationType::Dm
                                               : ConversationType::Group};
}

Result<QList<Conversation>> ConversationRepository::viewsFor(const QUuid &viewerId,
                                                             const QUuid &onlyId)
{
    // unread_count: messages after the viewer's read watermark, less the viewer's own (sending
    // does not move the read watermark) and those hidden from the
    // viewer (they must not keep a badge alive that nothing can clear): those of users the
    // viewer blocked, and those withheld from the viewer. Both subtractions start from few
    // rows (the viewer's blocks; the partial index of withheld messages), so they cost nothing
    // in the usual case.
    const QString viewer = rows::uuidText(viewerId);
    auto query = sql::exec(
        m_db,
        u"SELECT %1, cm.read_seq, "
        "  GREATEST(0, c.last_seq - cm.read_seq - (SELECT count(*) FROM blocks hb "
        "    JOIN messages hm ON hm.sender_id = hb.blocked_id AND hm.conversation_id = c.id "
        "      AND hm.seq > cm.read_seq AND hm.withheld_from IS DISTINCT FROM cm.user_id "
        "    WHERE hb.blocker_id = cm.user_id) "
        "  - (SELECT count(*) FROM messages wm WHERE wm.withheld_from = cm.user_id "
        "      AND wm.conversation_id = c.id AND wm.seq > cm.read_seq) "
        "  - (SELECT count(*) FROM messages om WHERE om.sender_id = cm.user_id "
        "      AND om.conversation_id = c.id AND om.seq > cm.read_seq)), c.last_rev, "
        "  (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id "
        "    AND m.mentions <> '{}' AND m.seq > cm.read_seq AND cm.user_id = ANY(m.mentions) "
        "    AND NOT m.deleted AND m.sender_id IS DISTINCT FROM cm.user_id AND %4), %5, %2 "
        "FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id "
        "LEFT JOIN LATERAL (SELECT m.* FROM messages m WHERE m.conversation_id = c.id AND %3 "
        "  ORDER BY m.seq DESC LIMIT 1) m ON true "
        "WHERE cm.user_id = ?::uuid AND (?::uuid IS NULL OR c.id = ?::uuid) "
        "ORDER BY cm.pinned_at DESC NULLS LAST, c.last_activity_at DESC, c.id"_s.arg(
            kConversationColumns, QLatin1StringView(rows::kMessageColumns),
            QLatin1StringView(rows::kNotBlockedByViewer),
            QString::fromLatin1(rows::kNotHiddenFromColumn).arg(u"cm.user_id"_s),
            QLatin1StringView(kPreferenceColumns)),
        {viewer, viewer,
         onlyId.isNull() ? QVariant(QMetaType::fromType<QString>())
                         : QVariant(rows::uuidText(onlyId)),
         onlyId.isNull() ? QVariant(QMetaType::fromType<QString>())
                         : QVariant(rows::uuidText(onlyId))});
    if (!query)
        return query.error();
    QList<Conversation> conversations;
    while (query.value().next()) {
        Conversation conversation = conversationFrom(query.value());
        conversation.lastReadSeq = query.value().value(kAfter).toLongLong();
        conversation.unreadCount = query.value().value(kAfter + 1).toLongLong();
        conversation.lastRev = query.value().value(kAfter + 2).toLongLong();
        conversation.mentionCount = query.value().value(kAfter + 3).toLongLong();
        conversation.preferences = preferencesFrom(query.value(), kAfter + 4);
        constexpr int kMessageAt = kAfter + 4 + kPreferenceColumnCount;
        if (!query.value().isNull(kMessageAt))
            conversation.lastMessage = rows::message(query.value(), kMessageAt);
        conversations.append(conversation);
    }
    return conversations;
}

} // namespace natter::server
