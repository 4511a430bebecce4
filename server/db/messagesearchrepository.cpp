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

// Two ways to answer, because the planner cannot tell them apart: its estimate for prefix
// words (`hello:*`) is far off, and for two common words ANDed it chose a plan that took a
// minute on 5 million messages (docs/benchmarks.md).
//  1. Recent: the newest kRecentWindow messages in scope, newest first through an index, and
//     those that match. A word in more than 1 message of 500 fills a page here.
//  2. Indexed: every match from the text index (messages_search_idx: same expression, same
//     `NOT m.deleted`), fenced with OFFSET 0 so the scope is applied to the matches instead of
//     being combined with the index, then sorted. Only asked when (1) came back short, that is
//     for words in fewer than about 1 message of 500: then the matches are few.
// The snippet is ts_headline of the text without our two marker characters, with them around
// each hit, and with < and > as two other private-use characters: ts_headline drops whatever
// its parser takes for an HTML tag, and `<b>` typed in a chat is text.
constexpr int kRecentWindow = 10000;

const QString kColumns =
    uR"(%1, ts_headline('natter_search'::regconfig, translate(m.body_text, U&'<>\E000\E001', U&'\E002\E003'),
  to_tsquery('natter_search'::regconfig, ?),
  'StartSel=' || U&'\E000' || ', StopSel=' || U&'\E001' || ', MaxWords=30, MinWords=12, ShortWord=0'))"_s
        .arg(QLatin1StringView(rows::kMessageColumns));

//! Parameters of both: tsquery (headline), viewer, conversation, conversation, before, before,
//! tsquery (match), viewer (blocks), limit.
const QString kRecent = uR"(
SELECT {columns} FROM (
  SELECT m.* FROM messages m
  WHERE m.conversation_id IN (SELECT cm.conversation_id FROM conversation_members cm
                              WHERE cm.user_id = ?::uuid)
    AND (?::uuid IS NULL OR m.conversation_id = ?::uuid)
    AND NOT m.deleted
    AND (?::uuid IS NULL OR {cursor})
  ORDER BY {order} LIMIT {window}) m
WHERE to_tsvector('natter_search'::regconfig, m.body_text) @@ to_tsquery('natter_search'::regconfig, ?)
  AND m.kind = 'text' AND {visible}
ORDER BY {order}
LIMIT ?
)"_s;

const QString kIndexed = uR"(
SELECT {columns} FROM (
  SELECT m.id FROM messages m
  WHERE to_tsvector('natter_search'::regconfig, m.body_text) @@ to_tsquery('natter_search'::regconfig, ?)
    AND NOT m.deleted
  OFFSET 0) hit
JOIN messages m ON m.id = hit.id
WHERE m.conversation_id IN (SELECT cm.conversation_id FROM conversation_members cm
                            WHERE cm.user_id = ?::uuid)
  AND (?::uuid IS NULL OR m.conversation_id = ?::uuid)
  AND (?::uuid IS NULL OR {cursor})
  AND m.kind = 'text' AND {visible}
ORDER BY {order}
LIMIT ?
)"_s;

//! `{order}` order and `{cursor}` cursor: across conversations by time (messages_created_at_idx),
//! in one conversation by seq (its own index).
QString statement(const QString &shape, bool oneConversation)
{
    QString text = shape;
    return text
        .replace(u"{order}"_s,
                 oneConversation ? u"m.seq DESC"_s : u"m.created_at DESC, m.id DESC"_s)
        .replace(u"{cursor}"_s,
                 oneConversation
                     ? u"m.seq < (SELECT b.seq FROM messages b WHERE b.id = ?::uuid)"_s
                     : u"(m.created_at, m.id) < (SELECT b.created_at, b.id FROM messages b "
                       "WHERE b.id = ?::uuid)"_s)
        .replace(u"{columns}"_s, kColumns)
        .replace(u"{window}"_s, QString::number(kRecentWindow))
        .replace(u"{visible}"_s, QLatin1StringView(rows::kNotBlockedByViewer));
}

Result<QList<SearchHit>> readHits(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    QList<SearchHit> hits;
    while (query.value().next())
        hits.append({rows::message(query.value()),
                     query.value().value(rows::kMessageColumnCount).toString()});
    return hits;
}

} // namespace

Result<QList<SearchHit>> MessageSearchRepository::search(const QUuid &viewerId,
                                                         const QString &tsquery,
                                                         const QUuid &conversationId,
                                                         const QUuid &beforeId, int limit)
{
    const QString viewer = rows::uuidText(viewerId);
    const bool one = !conversationId.isNull();
    static const QString recentEverywhere = statement(kRecent, false);
    static const QString recentInOne = statement(kRecent, true);
    static const QString indexedEverywhere = statement(kIndexed, false);
    static const QString indexedInOne = statement(kIndexed, true);
    auto recent = readHits(
        sql::exec(m_db, one ? recentInOne : recentEverywhere,
                  {tsquery, viewer, nullableUuid(conversationId), nullableUuid(conversationId),
                   nullableUuid(beforeId), nullableUuid(beforeId), tsquery, viewer, limit}));
    if (!recent || recent->size() == limit)
        return recent;
    // Few matches among the newest: the text index lists them all, cheaply.
    return readHits(sql::exec(m_db, one ? indexedInOne : indexedEverywhere,
                              {tsquery, tsquery, viewer, nullableUuid(conversationId),
                               nullableUuid(conversationId), nullableUuid(beforeId),
                               nullableUuid(beforeId), viewer, limit}));
}

} // namespace natter::server
