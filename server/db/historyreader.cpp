// SPDX-License-Identifier: Apache-2.0
#include "db/historyreader.h"

#include "db/rows.h"
#include "db/sql.h"

#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

// Parameters: viewer (member check), conversation (member check), viewer (blocks), viewer (caller
// row), conversation, cursor, viewer (block filter), limit. The page sits in a LATERAL subquery
// behind one constant row, so a member with an empty page still gets one row (member true,
// message columns NULL), a non-member one row with member false, and a deleted caller one
// row with NULL caller columns. The member check is an InitPlan: evaluated once.
QString pageStatement(HistoryReader::Direction direction)
{
    const bool older = direction == HistoryReader::Direction::Older;
    return u"SELECT caller.id, caller.username, member.yes, member.blocked, %1, %2 FROM "
           "(SELECT EXISTS (SELECT 1 FROM conversation_members cm "
           "  WHERE cm.user_id = ?::uuid AND cm.conversation_id = ?::uuid) AS yes, "
           " (SELECT array_agg(b.blocked_id)::text FROM blocks b WHERE b.blocker_id = ?::uuid) "
           "  AS blocked) member "
           "LEFT JOIN users caller ON caller.id = ?::uuid AND caller.suspended_at IS NULL "
           "  AND caller.deleted_at IS NULL "
           "LEFT JOIN LATERAL (SELECT m.* FROM messages m WHERE member.yes "
           "  AND m.conversation_id = ?::uuid AND m.seq %3 ? AND %4 "
           "  ORDER BY m.seq %5 LIMIT ?) m ON true "
           "LEFT JOIN users u ON u.id = m.sender_id "
           "ORDER BY m.seq %5"_s.arg(QLatin1StringView(rows::kMessageColumns),
                                     QLatin1StringView(rows::kUserColumns), older ? "<"_L1 : ">"_L1,
                                     QLatin1StringView(rows::kNotBlockedByViewer),
                                     older ? "DESC"_L1 : "ASC"_L1);
}

constexpr int kCallerId = 0;
constexpr int kCallerUsername = 1;
constexpr int kMember = 2;
constexpr int kBlocked = 3;
constexpr int kMessageFirst = 4;
constexpr int kUserFirst = kMessageFirst + rows::kMessageColumnCount;

} // namespace

Result<HistoryReader::Page> HistoryReader::read(const QUuid &conversationId, const QUuid &viewerId,
                                                Direction direction, qint64 cursor, int limit)
{
    if (direction == Direction::Older && cursor < 0)
        cursor = std::numeric_limits<qint64>::max();
    const QString conversation = rows::uuidText(conversationId);
    const QString viewer = rows::uuidText(viewerId);
    auto query =
        sql::exec(m_db, pageStatement(direction),
                  {viewer, conversation, viewer, viewer, conversation, cursor, viewer, limit});
    if (!query)
        return query.error();
    Page page;
    QSet<QUuid> named;
    while (query.value().next()) {
        if (!page.caller && !query.value().isNull(kCallerId)) {
            User caller;
            caller.id = viewerId;
            caller.username = query.value().value(kCallerUsername).toString();
            page.caller = caller;
        }
        page.member = query.value().value(kMember).toBool();
        if (page.blocked.isEmpty() && !query.value().isNull(kBlocked)) {
            const QString blocked = query.value().value(kBlocked).toString();
            const QStringList ids = blocked.mid(1, blocked.size() - 2).split(u',');
            for (const QString &id : ids)
                page.blocked.insert(QUuid::fromString(id));
        }
        if (query.value().isNull(kMessageFirst))
            continue; // the member's empty page, or no membership at all
        page.messages.append(rows::message(query.value(), kMessageFirst));
        if (query.value().isNull(kUserFirst))
            continue; // no sender, or the account is gone
        const QUuid sender = page.messages.constLast().senderId;
        if (!named.contains(sender)) {
            named.insert(sender);
            page.senders.append(rows::user(query.value(), kUserFirst));
        }
    }
    return page;
}

} // namespace natter::server
