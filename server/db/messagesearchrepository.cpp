// SPDX-License-Identifier: Apache-2.0
#include "db/messagesearchrepository.h"

#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

QVariant nullableUuid(const QUuid &id)
{
    return id.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(rows::uuidText(id));
}

// The tsvector expression is the index's, word for word, and `NOT m.deleted` its predicate:
// otherwise the planner cannot use messages_search_idx. The snippet is ts_headline of the
// text without our two marker characters, with them around each hit, and with < and > as two
// other private-use characters: ts_headline drops whatever its parser takes for an HTML tag,
// and `<b>` typed in a chat is text.
//! `%3`: the order (and `%4` the cursor condition) of the results.
const QString kSearch = uR"(
SELECT %1, ts_headline('natter_search'::regconfig, translate(m.body_text, U&'<>\E000\E001', U&'\E002\E003'),
  to_tsquery('natter_search'::regconfig, ?),
  'StartSel=' || U&'\E000' || ', StopSel=' || U&'\E001' || ', MaxWords=30, MinWords=12, ShortWord=0')
FROM messages m
WHERE m.conversation_id IN (SELECT cm.conversation_id FROM conversation_members cm
                            WHERE cm.user_id = ?::uuid)
  AND (?::uuid IS NULL OR m.conversation_id = ?::uuid)
  AND NOT m.deleted
  AND to_tsvector('natter_search'::regconfig, m.body_text) @@ to_tsquery('natter_search'::regconfig, ?)
  AND %2
  AND (?::uuid IS NULL OR %4)
ORDER BY %3
LIMIT ?
)"_s;

//! Across conversations: newest first by time (messages_created_at_idx).
const QString kEverywhere = kSearch.arg(
    QLatin1StringView(rows::kMessageColumns), QLatin1StringView(rows::kNotBlockedByViewer),
    u"m.created_at DESC, m.id DESC"_s,
    u"(m.created_at, m.id) < (SELECT b.created_at, b.id FROM messages b WHERE b.id = ?::uuid)"_s);
//! In one conversation: by seq, its own order (the (conversation_id, seq) index).
const QString kInConversation = kSearch.arg(
    QLatin1StringView(rows::kMessageColumns), QLatin1StringView(rows::kNotBlockedByViewer),
    u"m.seq DESC"_s,
    u"m.seq < (SELECT b.seq FROM messages b WHERE b.id = ?::uuid)"_s);

} // namespace

Result<QList<SearchHit>> MessageSearchRepository::search(const QUuid &viewerId,
                                                         const QString &tsquery,
                                                         const QUuid &conversationId,
                                                         const QUuid &beforeId, int limit)
{
    const QString viewer = rows::uuidText(viewerId);
    // Planned for its words each time: see sql::execWithFreshPlan().
    auto query = sql::execWithFreshPlan(m_db, conversationId.isNull() ? kEverywhere : kInConversation,
                           {tsquery, viewer, nullableUuid(conversationId),
                            nullableUuid(conversationId), tsquery, viewer, nullableUuid(beforeId),
                            nullableUuid(beforeId), limit});
    if (!query)
        return query.error();
    QList<SearchHit> hits;
    while (query.value().next())
        hits.append({rows::message(query.value()),
                     query.value().value(rows::kMessageColumnCount).toString()});
    return hits;
}

} // namespace natter::server
