// SPDX-License-Identifier: Apache-2.0
#include "db/historyreader.h"

#include "db/messagecolumns.h"
#include "db/pgrows.h"
#include "db/rows.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

// Parameters (HistoryReader::parameters()): viewer (member check), conversation (member check),
// viewer (blocks), viewer (caller row), conversation, cursor, viewer (withheld), viewer (block
// filter). The limit is written into the text: bound as a parameter, PostgreSQL's generic
// plan costed an unknown LIMIT as a tenth of the matching rows, so it planned the
// statement again on every EXECUTE (0.47-0.54 ms of backend CPU per page against 0.17-0.20 ms
// with the plan reused; docs/benchmarks.md). The page sits in a LATERAL subquery behind one
// constant row, so a member with an empty page still gets one row (member true, message
// columns NULL), a non-member one row with member false, and a deleted caller one row with
// NULL caller columns. The member check is an InitPlan: evaluated once. The block filter says
// what rows::kNotBlockedByViewer says, written so that PostgreSQL reads the viewer's blocks
// once per page (a hashed subplan) instead of probing them once per message; a message
// without a sender (the account is gone) is kept, as there. The conversation and the cursor
// reach the page as InitPlan values (`(SELECT ?)`), which the planner cannot see into: with
// them as plain parameters, a custom plan read the conversation's own row count from the
// statistics and costed below the generic plan once a few conversations had grown large, so
// PostgreSQL planned the statement again on every EXECUTE (2.5 ms against 0.5 ms per page in
// the benchmark's database after its sends; docs/benchmarks.md). Both plans are the same
// index scan on (conversation_id, seq).
QString pageStatement(HistoryReader::Direction direction, int limit)
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
           "  AND m.conversation_id = (SELECT ?::uuid) AND m.seq %3 (SELECT ?::bigint) "
           "  AND (m.withheld_from = ?::uuid) IS NOT TRUE "
           "  AND (m.sender_id IS NULL OR m.sender_id NOT IN "
           "    (SELECT b.blocked_id FROM blocks b WHERE b.blocker_id = ?::uuid)) "
           "  ORDER BY m.seq %4 LIMIT %5) m ON true "
           "LEFT JOIN users u ON u.id = m.sender_id "
           "ORDER BY m.seq %4"_s.arg(QLatin1StringView(rows::kMessageColumns),
                                     QLatin1StringView(rows::kUserColumns), older ? "<"_L1 : ">"_L1,
                                     older ? "DESC"_L1 : "ASC"_L1, QString::number(limit));
}

} // namespace

QString HistoryReader::statement(Direction direction, int limit)
{
    // Built once per direction and limit on each thread (the text is the statement cache's
    // key); the limit is at most validation's page maximum, so there are at most 200.
    thread_local QHash<int, QString> texts;
    const int key = limit * 2 + (direction == Direction::Older ? 1 : 0);
    auto found = texts.constFind(key);
    if (found == texts.constEnd())
        found = texts.insert(key, pageStatement(direction, limit));
    return found.value();
}

const QList<HistoryReader::Parameter> &HistoryReader::parameters()
{
    static const QList<Parameter> order{
        Parameter::Viewer,       Parameter::Conversation, Parameter::Viewer, Parameter::Viewer,
        Parameter::Conversation, Parameter::Cursor,       Parameter::Viewer, Parameter::Viewer};
    return order;
}

namespace {

constexpr int kCallerId = 0;
constexpr int kCallerUsername = 1;
constexpr int kMember = 2;
constexpr int kBlocked = 3;
constexpr int kMessageFirst = 4;
constexpr int kUserFirst = kMessageFirst + rows::kMessageColumnCount;

//! What rows::message() reads from a QSqlQuery, read from the cells' text.
Message messageAt(const PgRows &cells, int row)
{
    constexpr int first = kMessageFirst;
    Message message;
    message.id = cells.uuid(row, first);
    message.conversationId = cells.uuid(row, first + 1);
    message.seq = cells.integer(row, first + 2);
    message.senderId = cells.uuid(row, first + 3);
    message.bodyText = cells.text(row, first + 4);
    message.createdAt = cells.timestamp(row, first + 5);
    message.clientMsgId = cells.text(row, first + 6);
    message.withheldFrom = cells.uuid(row, first + 7);
    message.editedAt = cells.timestamp(row, first + 8);
    message.deleted = cells.boolean(row, first + 9);
    const QByteArrayView mentions = cells.bytes(row, first + 10);
    if (mentions.size() > 2) // `{}` (none) for almost every message
        message.mentions = rows::uuidList(QString::fromLatin1(mentions));
    message.rev = cells.integer(row, first + 11);
    message.replyTo = rows::replyPreview(cells.text(row, first + 12));
    message.reactions = rows::reactions(cells.text(row, first + 13));
    if (cells.bytes(row, first + 14) != "[]") // none, for almost every message
        message.attachments = rows::attachments(cells.text(row, first + 14));
    if (cells.bytes(row, first + 15) == "system")
        message.system = SystemEvent::fromJson(
            QJsonDocument::fromJson(cells.bytes(row, first + 16).toByteArray()).object());
    return message;
}

//! What rows::user() reads from a QSqlQuery, read from the cells' text.
User userAt(const PgRows &cells, int row)
{
    constexpr int first = kUserFirst;
    User user;
    user.id = cells.uuid(row, first);
    user.username = cells.text(row, first + 1);
    user.displayName = cells.text(row, first + 2);
    user.avatarUrl = cells.text(row, first + 3);
    user.createdAt = cells.timestamp(row, first + 4);
    return user;
}

} // namespace

Result<HistoryReader::Page> HistoryReader::read(const QUuid &conversationId, const QUuid &viewerId,
                                                Direction direction, qint64 cursor, int limit)
{
    if (direction == Direction::Older && cursor < 0)
        cursor = std::numeric_limits<qint64>::max();
    const QString conversation = rows::uuidText(conversationId);
    const QString viewer = rows::uuidText(viewerId);
    QVariantList values;
    for (const Parameter parameter : parameters()) {
        switch (parameter) {
        case Parameter::Viewer:
            values.append(viewer);
            break;
        case Parameter::Conversation:
            values.append(conversation);
            break;
        case Parameter::Cursor:
            values.append(cursor);
            break;
        }
    }
    auto query = sql::execBuffered(m_db, statement(direction, limit), values);
    if (!query)
        return query.error();
    const std::optional<PgRows> cells = PgRows::of(query.value());
    if (!cells)
        return ApiError::internal(); // not PostgreSQL's driver: never in this server
    Page page;
    page.messages.reserve(cells->count());
    QSet<QUuid> named;
    for (int row = 0; row < cells->count(); ++row) {
        if (!page.caller && !cells->isNull(row, kCallerId)) {
            User caller;
            caller.id = viewerId;
            caller.username = cells->text(row, kCallerUsername);
            page.caller = caller;
        }
        page.member = cells->boolean(row, kMember);
        if (page.blocked.isEmpty() && !cells->isNull(row, kBlocked)) {
            const QString blocked = cells->text(row, kBlocked);
            const QStringList ids = blocked.mid(1, blocked.size() - 2).split(u',');
            for (const QString &id : ids)
                page.blocked.insert(QUuid::fromString(id));
        }
        if (cells->isNull(row, kMessageFirst))
            continue; // the member's empty page, or no membership at all
        page.messages.append(messageAt(*cells, row));
        if (cells->isNull(row, kUserFirst))
            continue; // no sender, or the account is gone
        const QUuid sender = page.messages.constLast().senderId;
        if (!named.contains(sender)) {
            named.insert(sender);
            page.senders.append(userAt(*cells, row));
        }
    }
    return page;
}

} // namespace natter::server
