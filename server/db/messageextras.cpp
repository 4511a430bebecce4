// SPDX-License-Identifier: Apache-2.0
#include "db/messageextras.h"

#include "db/messagecolumns.h"
#include "db/pgrows.h"
#include "db/rows.h"

#include <QHash>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

// The whole of kMessageColumns for the few messages asked for, so the three columns read here
// are the very expressions every other reader uses; the rest are cheap next to the probes.
const QString &statement()
{
    static const QString text = u"SELECT %1 FROM messages m WHERE m.id = ANY(?::uuid[])"_s.arg(
        QLatin1StringView(rows::kMessageColumns));
    return text;
}

// Positions in rows::kMessageColumns.
constexpr int kId = 0;
constexpr int kReplyPreview = 12;
constexpr int kReactions = 13;
constexpr int kAttachments = 14;

} // namespace

Status MessageExtras::fill(QList<Message> &messages, const QList<qsizetype> &which)
{
    if (which.isEmpty())
        return Done{};
    QList<QUuid> ids;
    QHash<QUuid, qsizetype> positions;
    ids.reserve(which.size());
    for (const qsizetype index : which) {
        ids.append(messages.at(index).id);
        positions.insert(messages.at(index).id, index);
    }
    auto query = sql::execBuffered(m_db, statement(), {rows::uuidArray(ids)});
    if (!query)
        return query.error();
    const std::optional<PgRows> cells = PgRows::of(query.value());
    if (!cells)
        return ApiError::internal(); // not PostgreSQL's driver: never in this server
    for (int row = 0; row < cells->count(); ++row) {
        const auto found = positions.constFind(cells->uuid(row, kId));
        if (found == positions.constEnd())
            continue;
        // A message removed since the page was read keeps what the page said (nothing).
        Message &message = messages[found.value()];
        message.replyTo = rows::replyPreview(cells->text(row, kReplyPreview));
        message.reactions = rows::reactions(cells->text(row, kReactions));
        if (cells->bytes(row, kAttachments) != "[]")
            message.attachments = rows::attachments(cells->text(row, kAttachments));
    }
    return Done{};
}

} // namespace natter::server
