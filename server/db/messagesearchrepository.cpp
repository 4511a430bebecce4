// SPDX-License-Identifier: Apache-2.0
#include "db/messagesearchrepository.h"

#include "db/rows.h"
#include "db/sql.h"

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

QVariant nullableUuid(const QUuid &id)
{
    return id.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(rows::uuidText(id));
}

// The planner cannot be left to choose: its estimate for prefix words (`hello:*`) is far off, and
// for two common words ANDed it chose a plan that took a minute on 5 million messages
// (docs/benchmarks.md). So the search asks in steps, each with one obvious plan, and stops at
// the first that fills the page:
//  1. Recent: the newest kGlanceWindow messages in scope, newest first through an index, and
//     those that match (kCandidate first, then the parse). A query that does not fill the
//     page pays for the whole window before the index is asked: at 10,000 without kCandidate
//     that was 60 ms of every rarer word's search, more than the index steps after it
//     (docs/benchmarks.md). So the first glance is short, and only a query that found at
//     least a fifth of a page there, and so should fill one in kWideWindow, looks that far
//     (a word in more than 1 message of 500): the index would list a whole week of its
//     matches. A query of several words found at all in the glance looks too: the index is
//     asked for one of its words (rarestWord()), and for two common words ("birthday pizza")
//     that lists thousands of messages to parse.
//  2. Weeks: the text index (migration 0044: each message's text tagged with its conversation
//     and week) lists the matches of the newest week in scope, then of the 3 weeks before, then of
//     the 12 before those: only rows that match are read, about as many as a page needs, however
//     many older matches there are. In one conversation the index is asked for the
//     conversation's matches instead, which are few enough (that is where step 1 came back
//     short).
//  3. Older: every older match from the index (the word is rare by then).
// Each query of steps 2 and 3 is fenced with OFFSET 0, so scope and order are applied to what
// the index gave instead of being combined with another index. The fenced query returns whole
// rows: joining its ids back to messages read every hit a second time through the primary key.
// Each prefix word (`creme:*`) makes the index collect every match of the word into a bitmap
// before anything else; with the default work_mem (4 MB) the bitmap of a common word turns
// lossy and every message on its pages is parsed again, so the search runs with kWorkMem.
// The snippet is ts_headline of the text without our two marker characters, with them around
// each hit, and with < and > as two other private-use characters: ts_headline drops whatever
// its parser takes for an HTML tag, and `<b>` typed in a chat is text.
constexpr int kGlanceWindow = 2000;
constexpr int kWideWindow = 10000;
//! Enough for exact bitmaps of the commonest words at 5 million messages (16 MB was).
const QString kWorkMem = u"32MB"_s;
//! Step 2's windows, in weeks back from the newest week in scope: [0], [1, 3], [4, 15].
constexpr int kWeekWindows[][2] = {{0, 0}, {1, 3}, {4, 15}};

const QString kColumns =
    uR"(%1, ts_headline('natter_search'::regconfig, translate(m.body_text, U&'<>\E000\E001', U&'\E002\E003'),
  to_tsquery('natter_search'::regconfig, ?),
  'StartSel=' || U&'\E000' || ', StopSel=' || U&'\E001' || ', MaxWords=30, MinWords=12, ShortWord=0'))"_s
        .arg(QLatin1StringView(rows::kMessageColumns));

//! Parameters: tsquery (the words the text must contain), tsquery (match).
//! Parsing a message (to_tsvector) costs ~6 us, most of step 1's time; the text lower-cased
//! without accents holds every lexeme of its tsvector (each is a word of the text, unaccented
//! and lower-cased the same way), and a prefix query's lexemes are prefixes of the text's, so
//! a message whose text lacks one of the query's lexemes cannot match: that LIKE is 5 times
//! cheaper and leaves only candidates to parse. Never fewer results: the match decides.
const QString kCandidate = uR"(lower(unaccent(m.body_text)) LIKE ALL (ARRAY(
      SELECT '%' || replace(replace(replace(lexeme, '\', '\\'), '%', '\%'), '_', '\_') || '%'
      FROM unnest(tsvector_to_array(to_tsvector('natter_search'::regconfig, ?))) lexeme)))"_s;
const QString kMatches = kCandidate + u" AND to_tsvector('natter_search'::regconfig, m.body_text) "
                                      "@@ to_tsquery('natter_search'::regconfig, ?)"_s;

//! How many of the newest kGlanceWindow messages in scope may hold a word (kCandidate): which
//! word of several the index should be asked for. Parameters: viewer, conversation,
//! conversation, before, before, word.
const QString kGlanceCount = uR"(
SELECT count(*) FROM (
  SELECT m.body_text FROM messages m
  WHERE m.conversation_id IN (SELECT cm.conversation_id FROM conversation_members cm
                              WHERE cm.user_id = ?::uuid)
    AND (?::uuid IS NULL OR m.conversation_id = ?::uuid)
    AND NOT m.deleted
    AND (?::uuid IS NULL OR {cursor})
  ORDER BY {order} LIMIT {window}) m
WHERE {candidate}
)"_s;

//! Parameters: tsquery (headline), viewer, conversation, conversation, before, before,
//! tsquery, tsquery ({matches}), viewer (blocks), limit.
const QString kRecent = uR"(
SELECT {columns} FROM (
  SELECT m.* FROM messages m
  WHERE m.conversation_id IN (SELECT cm.conversation_id FROM conversation_members cm
                              WHERE cm.user_id = ?::uuid)
    AND (?::uuid IS NULL OR m.conversation_id = ?::uuid)
    AND NOT m.deleted
    AND (?::uuid IS NULL OR {cursor})
  ORDER BY {order} LIMIT {window}) m
WHERE {matches}
  AND m.kind = 'text' AND {visible}
ORDER BY {order}
LIMIT ?
)"_s;

//! `{hit}` selects rows from the index; parameters: tsquery (headline), {hit}'s, viewer,
//! conversation, conversation, before, before, viewer (blocks), limit.
const QString kIndexed = uR"(
SELECT {columns} FROM ({hit} OFFSET 0) m
WHERE m.conversation_id IN (SELECT cm.conversation_id FROM conversation_members cm
                            WHERE cm.user_id = ?::uuid)
  AND (?::uuid IS NULL OR m.conversation_id = ?::uuid)
  AND (?::uuid IS NULL OR {cursor})
  AND m.kind = 'text' AND {visible}
ORDER BY {order}
LIMIT ?
)"_s;

//! The index's document of a message (migration 0044): its text and two tags.
const QString kDocument = u"natter_search_document(m.conversation_id, m.created_at, m.body_text)"_s;
//! Parameters: tsquery, tags (a tsquery of tags, e.g. `'~w2900' | '~w2899'`).
//! The index is asked for one word of the query (the probe) and the rows it lists are checked for
//! the others: a prefix word makes the index collect every match of it, 1.5 million for
//! "meeting", so asking for "meeting ceemjh" cost what asking for "meeting" does.
//! Parameters: probe, tags, whether the probe is the whole query, tsquery.
const QString kHitsTagged = u"SELECT m.* FROM messages m WHERE {document} @@ "
                            "(to_tsquery('natter_search'::regconfig, ?) && ?::tsquery) "
                            "AND NOT m.deleted AND {rest}"_s;
//! Parameters: probe, week (matches before it), whether the probe is the whole query, tsquery.
const QString kHitsBeforeWeek = u"SELECT m.* FROM messages m WHERE {document} @@ "
                                "to_tsquery('natter_search'::regconfig, ?) AND NOT m.deleted "
                                "AND natter_search_week(m.created_at) < ? AND {rest}"_s;
//! The rows the probe found, checked for the whole query (skipped when the probe is all of it).
const QString kRest = u"(?::boolean OR to_tsvector('natter_search'::regconfig, m.body_text) "
                      "@@ to_tsquery('natter_search'::regconfig, ?))"_s;

//! The newest week with a message in scope (before the cursor); parameters: viewer, before,
//! before.
const QString kNewestWeek = uR"(
SELECT natter_search_week(m.created_at) FROM messages m
WHERE m.conversation_id IN (SELECT cm.conversation_id FROM conversation_members cm
                            WHERE cm.user_id = ?::uuid)
  AND NOT m.deleted
  AND (?::uuid IS NULL OR {cursor})
ORDER BY {order} LIMIT 1
)"_s;

//! `{order}` order and `{cursor}` cursor: across conversations by time (messages_created_at_idx),
//! in one conversation by seq (its own index).
QString statement(const QString &shape, bool oneConversation, const QString &hit = {})
{
    QString text = shape;
    return text.replace(u"{hit}"_s, hit)
        .replace(u"{order}"_s,
                 oneConversation ? u"m.seq DESC"_s : u"m.created_at DESC, m.id DESC"_s)
        .replace(u"{cursor}"_s,
                 oneConversation
                     ? u"m.seq < (SELECT b.seq FROM messages b WHERE b.id = ?::uuid)"_s
                     : u"(m.created_at, m.id) < (SELECT b.created_at, b.id FROM messages b "
                       "WHERE b.id = ?::uuid)"_s)
        .replace(u"{columns}"_s, kColumns)
        .replace(u"{matches}"_s, kMatches)
        .replace(u"{candidate}"_s, kCandidate)
        .replace(u"{rest}"_s, kRest)
        .replace(u"{document}"_s, kDocument)
        .replace(u"{visible}"_s, QLatin1StringView(rows::kNotBlockedByViewer));
}

//! Step 1 looking at the newest `window` messages in scope.
QString recentStatement(bool oneConversation, int window)
{
    return statement(kRecent, oneConversation).replace(u"{window}"_s, QString::number(window));
}

//! The tags of weeks `from` to `to` back from `newest`, any of them: `'~w2900' | '~w2899'`.
QString weekTags(int newest, int from, int to)
{
    QStringList tags;
    for (int back = from; back <= to; ++back)
        tags.append(u"'~w%1'"_s.arg(newest - back));
    return tags.join(u" | "_s);
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
    // SET LOCAL: the larger work_mem ends with this transaction, the connection's other
    // queries keep the default.
    sql::Transaction transaction(m_db);
    if (!transaction.began())
        return ApiError::unavailable();
    if (auto set = sql::execRaw(m_db, u"SET LOCAL work_mem = '%1'"_s.arg(kWorkMem)); !set)
        return set.error();
    auto hits = searchInSteps(viewerId, tsquery, conversationId, beforeId, limit);
    if (!hits)
        return hits;
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return hits;
}

Result<QList<SearchHit>> MessageSearchRepository::searchInSteps(const QUuid &viewerId,
                                                                const QString &tsquery,
                                                                const QUuid &conversationId,
                                                                const QUuid &beforeId, int limit)
{
    const QString viewer = rows::uuidText(viewerId);
    const QVariant before = nullableUuid(beforeId);
    const bool one = !conversationId.isNull();
    // Statements, not a bound window: the planner must know the window is small.
    static const QString glanceEverywhere = recentStatement(false, kGlanceWindow);
    static const QString glanceInOne = recentStatement(true, kGlanceWindow);
    static const QString wideEverywhere = recentStatement(false, kWideWindow);
    static const QString wideInOne = recentStatement(true, kWideWindow);
    const QVariantList recentValues{tsquery,
                                    viewer,
                                    nullableUuid(conversationId),
                                    nullableUuid(conversationId),
                                    before,
                                    before,
                                    tsquery,
                                    tsquery,
                                    viewer,
                                    limit};
    auto recent = readHits(sql::exec(m_db, one ? glanceInOne : glanceEverywhere, recentValues));
    if (!recent || recent->size() == limit)
        return recent;
    if (recent->size() * 5 >= limit || (!recent->isEmpty() && tsquery.contains(u" & "_s))) {
        recent = readHits(sql::exec(m_db, one ? wideInOne : wideEverywhere, recentValues));
        if (!recent || recent->size() == limit)
            return recent;
    }

    const QString probe = rarestWord(viewer, tsquery, conversationId, before);
    const bool whole = probe == tsquery;
    // The index, asked for matches `hitValues` selects; in scope, before the cursor, newest first.
    auto indexed = [&](const QString &statementText, const QVariantList &hitValues,
                       int wanted) -> Result<QList<SearchHit>> {
        QVariantList values{tsquery};
        values.append(hitValues);
        values.append({viewer, nullableUuid(conversationId), nullableUuid(conversationId), before,
                       before, viewer, wanted});
        return readHits(sql::exec(m_db, statementText, values));
    };
    if (one) {
        static const QString inConversation =
            statement(kIndexed, true, statement(kHitsTagged, true));
        return indexed(inConversation,
                       {probe, u"'~c%1'"_s.arg(rows::uuidText(conversationId)), whole, tsquery},
                       limit);
    }

    static const QString newestWeekStatement = statement(kNewestWeek, false);
    auto newest = sql::exec(m_db, newestWeekStatement, {viewer, before, before});
    if (!newest)
        return newest.error();
    if (!newest.value().next())
        return QList<SearchHit>{};
    const int newestWeek = newest.value().value(0).toInt();
    static const QString inWeeks = statement(kIndexed, false, statement(kHitsTagged, false));
    static const QString beforeWeek = statement(kIndexed, false, statement(kHitsBeforeWeek, false));
    // The windows are older one after the other, so their hits append in order.
    QList<SearchHit> hits;
    for (const auto &[from, to] : kWeekWindows) {
        auto found = indexed(inWeeks, {probe, weekTags(newestWeek, from, to), whole, tsquery},
                             limit - int(hits.size()));
        if (!found)
            return found;
        hits.append(found.value());
        if (hits.size() == limit)
            return hits;
    }
    const int oldestWindowWeek = newestWeek - kWeekWindows[std::size(kWeekWindows) - 1][1];
    auto older =
        indexed(beforeWeek, {probe, oldestWindowWeek, whole, tsquery}, limit - int(hits.size()));
    if (!older)
        return older;
    hits.append(older.value());
    return hits;
}

QString MessageSearchRepository::rarestWord(const QString &viewer, const QString &tsquery,
                                            const QUuid &conversationId, const QVariant &before)
{
    // chat::prefixQuery joins the words with " & ".
    const QStringList words = tsquery.split(u" & "_s);
    if (words.size() < 2)
        return tsquery;
    const bool one = !conversationId.isNull();
    static const QString countEverywhere =
        statement(kGlanceCount, false).replace(u"{window}"_s, QString::number(kGlanceWindow));
    static const QString countInOne =
        statement(kGlanceCount, true).replace(u"{window}"_s, QString::number(kGlanceWindow));
    QString rarest = tsquery;
    qint64 fewest = std::numeric_limits<qint64>::max();
    for (const QString &word : words) {
        auto count = sql::exec(m_db, one ? countInOne : countEverywhere,
                               {viewer, nullableUuid(conversationId), nullableUuid(conversationId),
                                before, before, word});
        // Without a count the whole query is asked: slower, never wrong.
        if (!count || !count.value().next())
            return tsquery;
        if (const qint64 n = count.value().value(0).toLongLong(); n < fewest) {
            fewest = n;
            rarest = word;
        }
    }
    return rarest;
}

} // namespace natter::server
