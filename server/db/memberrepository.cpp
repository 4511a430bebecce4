// SPDX-License-Identifier: Apache-2.0
#include "db/memberrepository.h"

#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

MemberRole roleFrom(const QVariant &value)
{
    return value.toString() == "admin"_L1 ? MemberRole::Admin : MemberRole::Member;
}

//! A member from `user columns, role, joined_at, joined_seq` at the start of the row.
Member memberFrom(const QSqlQuery &query)
{
    return Member{rows::user(query), roleFrom(query.value(5)), query.value(6).toDateTime().toUTC(),
                  query.value(7).toLongLong()};
}

Receipt receiptFrom(const QUuid &conversationId, const QUuid &userId, const QSqlQuery &query,
                    int first)
{
    return Receipt{conversationId, userId, query.value(first).toLongLong(),
                   query.value(first + 1).toLongLong(), query.value(first + 2).toLongLong()};
}

} // namespace

Result<Member> MemberRepository::add(const QUuid &conversationId, const QUuid &userId,
                                     MemberRole role)
{
    // clock_timestamp(), not the column default now(): members added in one transaction (a
    // new group) keep the order they were added in, creator first.
    auto query = sql::exec(
        m_db,
        u"WITH inserted AS ("
        "  INSERT INTO conversation_members"
        "    (conversation_id, user_id, role, delivered_seq, read_seq, joined_seq, joined_at)"
        "  SELECT c.id, ?::uuid, ?::member_role, c.last_seq, c.last_seq, c.last_seq,"
        "    clock_timestamp()"
        "  FROM conversations c"
        "  WHERE c.id = ?::uuid RETURNING user_id, role, joined_at, joined_seq)"
        " SELECT %1, i.role, i.joined_at, i.joined_seq FROM inserted i"
        " JOIN users u ON u.id = i.user_id"_s.arg(QLatin1StringView(rows::kUserColumns)),
        {rows::uuidText(userId), memberRoleName(role), rows::uuidText(conversationId)});
    if (!query) {
        if (query.error().code == ErrorCode::Conflict)
            return ApiError::conflict(u"Already a member."_s);
        return query.error();
    }
    if (!query.value().next())
        return ApiError::notFound(u"No such conversation."_s);
    return memberFrom(query.value());
}

Result<bool> MemberRepository::remove(const QUuid &conversationId, const QUuid &userId)
{
    auto query = sql::exec(
        m_db,
        u"DELETE FROM conversation_members WHERE conversation_id = ?::uuid AND user_id = ?::uuid"_s,
        {rows::uuidText(conversationId), rows::uuidText(userId)});
    if (!query)
        return query.error();
    return query.value().numRowsAffected() > 0;
}

Result<std::optional<MemberRole>> MemberRepository::role(const QUuid &conversationId,
                                                         const QUuid &userId)
{
    auto query = sql::exec(m_db,
                           u"SELECT role FROM conversation_members WHERE conversation_id = ?::uuid "
                           "AND user_id = ?::uuid"_s,
                           {rows::uuidText(conversationId), rows::uuidText(userId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<MemberRole>{};
    return std::optional<MemberRole>{roleFrom(query.value().value(0))};
}

Result<QList<Member>> MemberRepository::list(const QUuid &conversationId)
{
    auto query =
        sql::exec(m_db,
                  u"SELECT %1, cm.role, cm.joined_at, cm.joined_seq FROM conversation_members cm "
                  "JOIN users u ON u.id = cm.user_id WHERE cm.conversation_id = ?::uuid "
                  "ORDER BY cm.joined_at, u.id"_s.arg(QLatin1StringView(rows::kUserColumns)),
                  {rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    QList<Member> members;
    while (query.value().next())
        members.append(memberFrom(query.value()));
    return members;
}

Result<QList<Receipt>> MemberRepository::receipts(const QUuid &conversationId)
{
    auto query = sql::exec(m_db,
                           u"SELECT user_id, delivered_seq, read_seq, joined_seq "
                           "FROM conversation_members "
                           "WHERE conversation_id = ?::uuid ORDER BY user_id"_s,
                           {rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    QList<Receipt> receipts;
    while (query.value().next())
        receipts.append(
            receiptFrom(conversationId, rows::uuid(query.value().value(0)), query.value(), 1));
    return receipts;
}

Result<QHash<QUuid, QList<Member>>> MemberRepository::listForConversationsOf(const QUuid &userId)
{
    auto query =
        sql::exec(m_db,
                  u"SELECT %1, cm.role, cm.joined_at, cm.joined_seq, cm.conversation_id "
                  "FROM conversation_members mine "
                  "JOIN conversation_members cm ON cm.conversation_id = mine.conversation_id "
                  "JOIN users u ON u.id = cm.user_id WHERE mine.user_id = ?::uuid "
                  "ORDER BY cm.conversation_id, cm.joined_at, u.id"_s.arg(
                      QLatin1StringView(rows::kUserColumns)),
                  {rows::uuidText(userId)});
    if (!query)
        return query.error();
    QHash<QUuid, QList<Member>> members;
    while (query.value().next())
        members[rows::uuid(query.value().value(8))].append(memberFrom(query.value()));
    return members;
}

Result<int> MemberRepository::count(const QUuid &conversationId)
{
    auto query = sql::exec(
        m_db, u"SELECT count(*) FROM conversation_members WHERE conversation_id = ?::uuid"_s,
        {rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    query.value().next();
    return query.value().value(0).toInt();
}

Result<std::optional<Receipt>> MemberRepository::markRead(const QUuid &conversationId,
                                                          const QUuid &userId, qint64 seq)
{
    // The WHERE clause makes the watermark monotonic even when two reads race: the one with
    // the lower seq updates nothing.
    auto query = sql::exec(
        m_db,
        u"UPDATE conversation_members SET read_seq = ?, delivered_seq = GREATEST(delivered_seq, ?) "
        "WHERE conversation_id = ?::uuid AND user_id = ?::uuid AND read_seq < ? "
        "RETURNING delivered_seq, read_seq, joined_seq"_s,
        {seq, seq, rows::uuidText(conversationId), rows::uuidText(userId), seq});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<Receipt>{};
    return std::optional<Receipt>{receiptFrom(conversationId, userId, query.value(), 0)};
}

Result<bool> MemberRepository::setRole(const QUuid &conversationId, const QUuid &userId,
                                       MemberRole role)
{
    auto query =
        sql::exec(m_db,
                  u"UPDATE conversation_members SET role = ?::member_role "
                  "WHERE conversation_id = ?::uuid AND user_id = ?::uuid RETURNING 1"_s,
                  {memberRoleName(role), rows::uuidText(conversationId), rows::uuidText(userId)});
    if (!query)
        return query.error();
    return query.value().next();
}

Result<int> MemberRepository::adminCount(const QUuid &conversationId)
{
    auto query = sql::exec(m_db,
                           u"SELECT count(*) FROM conversation_members "
                           "WHERE conversation_id = ?::uuid AND role = 'admin'"_s,
                           {rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    query.value().next();
    return query.value().value(0).toInt();
}

Result<std::optional<QUuid>> MemberRepository::ensureAdmin(const QUuid &conversationId)
{
    auto query = sql::exec(
        m_db,
        u"UPDATE conversation_members SET role = 'admin' WHERE conversation_id = ?::uuid "
        "AND user_id = (SELECT user_id FROM conversation_members WHERE conversation_id = ?::uuid "
        "  ORDER BY joined_at, user_id LIMIT 1) "
        "AND NOT EXISTS (SELECT 1 FROM conversation_members WHERE conversation_id = ?::uuid "
        "  AND role = 'admin') RETURNING user_id"_s,
        {rows::uuidText(conversationId), rows::uuidText(conversationId),
         rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<QUuid>{};
    return std::optional<QUuid>{rows::uuid(query.value().value(0))};
}

Result<std::optional<MemberAccess>> MemberRepository::access(const QUuid &conversationId,
                                                             const QUuid &userId)
{
    // In a DM, `peer` is the other member; in a group it stays NULL and so do its blocks.
    auto query =
        sql::exec(m_db,
                  u"SELECT c.type, cm.role, peer.user_id, "
                  "  EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = cm.user_id "
                  "    AND b.blocked_id = peer.user_id), "
                  "  EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = peer.user_id "
                  "    AND b.blocked_id = cm.user_id) "
                  "FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id "
                  "LEFT JOIN conversation_members peer ON c.type = 'dm' "
                  "  AND peer.conversation_id = c.id AND peer.user_id <> cm.user_id "
                  "WHERE cm.conversation_id = ?::uuid AND cm.user_id = ?::uuid"_s,
                  {rows::uuidText(conversationId), rows::uuidText(userId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<MemberAccess>{};
    MemberAccess access;
    access.type = query.value().value(0).toString() == "dm"_L1 ? ConversationType::Dm
                                                               : ConversationType::Group;
    access.role = roleFrom(query.value().value(1));
    access.dmPeer = rows::uuid(query.value().value(2));
    access.blocksPeer = query.value().value(3).toBool();
    access.blockedByPeer = query.value().value(4).toBool();
    access.dmBlocked = access.blocksPeer || access.blockedByPeer;
    return std::optional<MemberAccess>{access};
}

} // namespace natter::server
