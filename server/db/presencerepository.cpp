// SPDX-License-Identifier: Apache-2.0
#include "db/presencerepository.h"

#include "db/rows.h"
#include "db/sql.h"
#include "natter/timestamps.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! `online` of user column `%1`: a session on a process that is alive.
QString onlineExpression(const QString &userColumn)
{
    return u"EXISTS (SELECT 1 FROM presence_sessions ps JOIN presence_processes pp "
           "ON pp.origin = ps.origin WHERE ps.user_id = %1 "
           "AND pp.alive_at > now() - interval '%2 seconds')"_s.arg(userColumn)
               .arg(PresenceRepository::kProcessTimeoutSeconds);
}

PresenceState stateFrom(const QSqlQuery &query, int first)
{
    PresenceState state;
    state.userId = rows::uuid(query.value(first));
    state.online = query.value(first + 1).toBool();
    if (!state.online && !query.isNull(first + 2))
        state.lastSeenAt = query.value(first + 2).toDateTime().toUTC();
    return state;
}

} // namespace

QJsonObject PresenceState::toJson() const
{
    return {{u"user_id"_s, userId.toString(QUuid::WithoutBraces)},
            {u"online"_s, online},
            {u"last_seen_at"_s,
             lastSeenAt.isValid() ? QJsonValue(formatTimestamp(lastSeenAt)) : QJsonValue()}};
}

Status PresenceRepository::heartbeat(const QString &origin)
{
    auto query = sql::exec(m_db,
                           u"INSERT INTO presence_processes (origin) VALUES (?) "
                           "ON CONFLICT (origin) DO UPDATE SET alive_at = now()"_s,
                           {origin});
    if (!query)
        return query.error();
    return Done{};
}

Status PresenceRepository::record(const QString &origin, const QList<QUuid> &online,
                                  const QList<QUuid> &offline)
{
    if (!online.isEmpty()) {
        auto added = sql::exec(m_db,
                               u"INSERT INTO presence_sessions (origin, user_id) "
                               "SELECT ?, u FROM unnest(?::uuid[]) u "
                               "WHERE EXISTS (SELECT 1 FROM users WHERE id = u) "
                               "ON CONFLICT DO NOTHING"_s,
                               {origin, rows::uuidArray(online)});
        if (!added)
            return added.error();
    }
    if (!offline.isEmpty()) {
        auto removed = sql::exec(m_db,
                                 u"DELETE FROM presence_sessions WHERE origin = ? "
                                 "AND user_id = ANY(?::uuid[])"_s,
                                 {origin, rows::uuidArray(offline)});
        if (!removed)
            return removed.error();
        auto seen =
            sql::exec(m_db, u"UPDATE users SET last_seen_at = now() WHERE id = ANY(?::uuid[])"_s,
                      {rows::uuidArray(offline)});
        if (!seen)
            return seen.error();
    }
    return Done{};
}

Result<PresenceRepository::Claim> PresenceRepository::claimAnnouncement(const QUuid &userId,
                                                                        int minIntervalMs)
{
    auto query = sql::exec(
        m_db,
        u"UPDATE users u SET presence_announced_at = now() WHERE u.id = ?::uuid "
        "AND (u.presence_announced_at IS NULL "
        "  OR u.presence_announced_at <= now() - make_interval(secs => ? / 1000.0)) "
        "RETURNING u.id, %1, u.last_seen_at, u.presence_hidden"_s.arg(onlineExpression(u"u.id"_s)),
        {rows::uuidText(userId), minIntervalMs});
    if (!query)
        return query.error();
    Claim claim;
    if (!query.value().next())
        return claim;
    claim.claimed = true;
    if (!query.value().value(3).toBool())
        claim.state = stateFrom(query.value(), 0);
    return claim;
}

Result<PresenceRepository::Visible> PresenceRepository::visibleTo(const QUuid &viewerId,
                                                                  const QList<QUuid> &userIds)
{
    Visible visible;
    auto hidden = isHidden(viewerId);
    if (!hidden)
        return hidden.error();
    visible.viewerHidden = hidden.value();
    if (visible.viewerHidden || userIds.isEmpty())
        return visible;
    auto query = sql::exec(
        m_db,
        u"SELECT u.id, %1, u.last_seen_at, u.presence_hidden FROM users u "
        "WHERE u.id = ANY(?::uuid[]) AND u.id <> ?::uuid "
        "AND u.deleted_at IS NULL AND EXISTS (SELECT 1 FROM conversation_members mine "
        "  JOIN conversation_members theirs ON theirs.conversation_id = mine.conversation_id "
        "  WHERE mine.user_id = ?::uuid AND theirs.user_id = u.id)"_s.arg(
            onlineExpression(u"u.id"_s)),
        {rows::uuidArray(userIds), rows::uuidText(viewerId), rows::uuidText(viewerId)});
    if (!query)
        return query.error();
    while (query.value().next()) {
        visible.watchable.append(rows::uuid(query.value().value(0)));
        if (!query.value().value(3).toBool())
            visible.states.append(stateFrom(query.value(), 0));
    }
    return visible;
}

Result<bool> PresenceRepository::isHidden(const QUuid &userId)
{
    auto query = sql::exec(m_db, u"SELECT presence_hidden FROM users WHERE id = ?::uuid"_s,
                           {rows::uuidText(userId)});
    if (!query)
        return query.error();
    return query.value().next() && query.value().value(0).toBool();
}

Status PresenceRepository::setHidden(const QUuid &userId, bool hidden)
{
    // Announced again at once when shown: clear the slot.
    auto query = sql::exec(m_db,
                           u"UPDATE users SET presence_hidden = ?, presence_announced_at = NULL "
                           "WHERE id = ?::uuid"_s,
                           {hidden, rows::uuidText(userId)});
    if (!query)
        return query.error();
    return Done{};
}

} // namespace natter::server
