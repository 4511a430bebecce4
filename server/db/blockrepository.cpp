// SPDX-License-Identifier: Apache-2.0
#include "db/blockrepository.h"

#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

Status BlockRepository::block(const QUuid &blockerId, const QUuid &blockedId)
{
    auto query = sql::exec(m_db,
                           u"INSERT INTO blocks (blocker_id, blocked_id) VALUES (?::uuid, ?::uuid) "
                           "ON CONFLICT DO NOTHING"_s,
                           {rows::uuidText(blockerId), rows::uuidText(blockedId)});
    if (!query)
        return query.error();
    return Done{};
}

Status BlockRepository::unblock(const QUuid &blockerId, const QUuid &blockedId)
{
    auto query =
        sql::exec(m_db, u"DELETE FROM blocks WHERE blocker_id = ?::uuid AND blocked_id = ?::uuid"_s,
                  {rows::uuidText(blockerId), rows::uuidText(blockedId)});
    if (!query)
        return query.error();
    return Done{};
}

Result<QList<User>> BlockRepository::blockedBy(const QUuid &blockerId)
{
    auto query = sql::exec(m_db,
                           u"SELECT %1 FROM blocks b JOIN users u ON u.id = b.blocked_id "
                           "WHERE b.blocker_id = ?::uuid ORDER BY b.created_at DESC, u.id"_s.arg(
                               QLatin1StringView(rows::kUserColumns)),
                           {rows::uuidText(blockerId)});
    if (!query)
        return query.error();
    QList<User> users;
    while (query.value().next())
        users.append(rows::user(query.value()));
    return users;
}

Result<QSet<QUuid>> BlockRepository::blockedIds(const QUuid &blockerId)
{
    auto query = sql::exec(m_db, u"SELECT blocked_id FROM blocks WHERE blocker_id = ?::uuid"_s,
                           {rows::uuidText(blockerId)});
    if (!query)
        return query.error();
    QSet<QUuid> ids;
    while (query.value().next())
        ids.insert(rows::uuid(query.value().value(0)));
    return ids;
}

Result<bool> BlockRepository::hasBlocked(const QUuid &blockerId, const QUuid &blockedId)
{
    auto query = sql::exec(
        m_db, u"SELECT 1 FROM blocks WHERE blocker_id = ?::uuid AND blocked_id = ?::uuid"_s,
        {rows::uuidText(blockerId), rows::uuidText(blockedId)});
    if (!query)
        return query.error();
    return query.value().next();
}

Result<bool> BlockRepository::eitherBlocked(const QUuid &a, const QUuid &b)
{
    auto query =
        sql::exec(m_db,
                  u"SELECT 1 FROM blocks WHERE (blocker_id = ?::uuid AND blocked_id = ?::uuid) "
                  "OR (blocker_id = ?::uuid AND blocked_id = ?::uuid)"_s,
                  {rows::uuidText(a), rows::uuidText(b), rows::uuidText(b), rows::uuidText(a)});
    if (!query)
        return query.error();
    return query.value().next();
}

} // namespace natter::server
