// SPDX-License-Identifier: Apache-2.0
#include "db/messagebatch.h"

#include "db/pgrows.h"
#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! A PostgreSQL text[] literal: every element quoted, `"` and `\` escaped.
QString textArray(const QList<QString> &values)
{
    QString out = u"{"_s;
    for (qsizetype i = 0; i < values.size(); ++i) {
        if (i > 0)
            out += u',';
        QString element = values.at(i);
        element.replace(u'\\', u"\\\\"_s).replace(u'"', u"\\\""_s);
        out += u'"' + element + u'"';
    }
    return out + u'}';
}

// `input` numbers the sends; `checked` answers membership, blocks (in a DM: the other member
// and either block) and earlier client_msg_ids from the statement's snapshot; `accepted` are
// the ones to store. The conversation rows are updated (and so locked) by one UPDATE, whose
// RETURNING gives each conversation's base seq under any concurrency. Data-modifying CTEs run
// to completion whether read or not. `notified` sends the batch's notification (when a channel
// is bound) from what was numbered, so the batch needs no second statement to announce it.
// Mentions are only looked for in a body with an '@': natter_mentions is a SQL function that
// runs a query of its own per call, a quarter of the statement's CPU per row when every
// message paid for it (docs/benchmarks.md, "Sends into one busy group").
const QString kAppendBatch = uR"(
WITH input AS (
  SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::uuid[]) WITH ORDINALITY
    AS t(conversation_id, sender_id, body_text, client_msg_id, reply_to_id, ord)
), checked AS (
  SELECT i.*, cm.user_id IS NOT NULL AS member, peer.user_id AS peer_id,
    EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = i.sender_id
      AND b.blocked_id = peer.user_id) AS blocks_peer,
    EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = peer.user_id
      AND b.blocked_id = i.sender_id) AS blocked_by_peer,
    (SELECT p.id FROM messages p WHERE i.client_msg_id <> '' AND p.sender_id = i.sender_id
      AND p.client_msg_id = i.client_msg_id) AS prior_id,
    i.reply_to_id IS NULL OR EXISTS (SELECT 1 FROM messages r WHERE r.id = i.reply_to_id
      AND r.conversation_id = i.conversation_id) AS reply_ok
  FROM input i
  LEFT JOIN conversation_members cm
    ON cm.conversation_id = i.conversation_id AND cm.user_id = i.sender_id
  LEFT JOIN conversations c ON c.id = i.conversation_id
  LEFT JOIN conversation_members peer ON c.type = 'dm'
    AND peer.conversation_id = i.conversation_id AND peer.user_id <> i.sender_id
), accepted AS (
  SELECT * FROM checked WHERE member AND NOT blocks_peer AND prior_id IS NULL AND reply_ok
), bumped AS (
  UPDATE conversations c SET last_seq = c.last_seq + n.count, last_activity_at = now()
  FROM (SELECT conversation_id, count(*) AS count FROM accepted GROUP BY conversation_id) n
  WHERE c.id = n.conversation_id
  RETURNING c.id, c.last_seq - n.count AS base
), numbered AS (
  SELECT a.*, b.base + row_number() OVER (PARTITION BY a.conversation_id ORDER BY a.ord) AS seq
  FROM accepted a JOIN bumped b ON b.id = a.conversation_id
), inserted AS (
  INSERT INTO messages AS m
    (conversation_id, seq, sender_id, body_text, client_msg_id, withheld_from, reply_to_id,
     mentions)
  SELECT conversation_id, seq, sender_id, body_text, NULLIF(client_msg_id, ''),
    CASE WHEN blocked_by_peer THEN peer_id END, reply_to_id,
    CASE WHEN strpos(body_text, '@') > 0 THEN natter_mentions(conversation_id, body_text)
      ELSE '{}' END
  FROM numbered
  RETURNING m.*
), own_marks AS (
  UPDATE conversation_members cm SET delivered_seq = GREATEST(cm.delivered_seq, x.seq)
  FROM (SELECT m.conversation_id, m.sender_id, max(m.seq) AS seq FROM inserted m
    GROUP BY m.conversation_id, m.sender_id) x
  WHERE cm.conversation_id = x.conversation_id AND cm.user_id = x.sender_id
), ranges AS (
  SELECT conversation_id, min(seq) AS first_seq, max(seq) AS last_seq, min(ord) AS first_ord,
    (row_number() OVER (ORDER BY min(ord)) - 1) / 60 AS chunk
  FROM numbered GROUP BY conversation_id
), notified AS (
  SELECT pg_notify(p.channel, json_build_object('type', p.type, 'origin', p.origin,
    'ranges', json_agg(json_build_object('conversation_id', r.conversation_id,
      'from', r.first_seq, 'to', r.last_seq) ORDER BY r.first_ord))::text)
  FROM ranges r, (SELECT NULLIF(?::text, '') AS channel, ?::text AS type, ?::text AS origin) p
  WHERE p.channel IS NOT NULL
  GROUP BY r.chunk, p.channel, p.type, p.origin
)
SELECT n.ord, 0 AS kind, NULL AS peer_username, %1
FROM numbered n JOIN inserted m ON m.conversation_id = n.conversation_id AND m.seq = n.seq
-- A CTE nobody reads is not run: this one-time filter runs the notifications.
WHERE (SELECT count(*) FROM notified) >= 0
UNION ALL
SELECT c.ord, CASE WHEN NOT c.member THEN 2 WHEN c.blocks_peer THEN 3
  WHEN c.prior_id IS NULL THEN 4 ELSE 1 END,
  pu.username, %1
FROM checked c LEFT JOIN messages m ON m.id = c.prior_id LEFT JOIN users pu ON pu.id = c.peer_id
WHERE NOT (c.member AND NOT c.blocks_peer AND c.prior_id IS NULL AND c.reply_ok)
)"_s.arg(QLatin1StringView(rows::kMessageColumns));

} // namespace

Result<QList<BatchedOutcome>> appendBatch(QSqlDatabase &db, const QList<BatchedSend> &sends,
                                          const std::optional<BatchNotification> &notification)
{
    QList<QUuid> conversations;
    QList<QUuid> senders;
    QList<QString> bodies;
    QList<QString> clientMsgIds;
    QStringList replies;
    for (const BatchedSend &send : sends) {
        replies.append(send.replyToId.isNull() ? u"NULL"_s : rows::uuidText(send.replyToId));
        conversations.append(send.conversationId);
        senders.append(send.senderId);
        bodies.append(send.bodyText);
        clientMsgIds.append(send.clientMsgId);
    }
    const BatchNotification none;
    const BatchNotification &notice = notification ? *notification : none;
    const QVariantList values{rows::uuidArray(conversations),
                              rows::uuidArray(senders),
                              textArray(bodies),
                              textArray(clientMsgIds),
                              u'{' + replies.join(u',') + u'}',
                              notice.channel, // empty: no notification
                              notice.type,
                              notice.origin};
    // Notifying, the statement may be its own transaction: read whole, its result only
    // arrives after its COMMIT (row by row, the rows would come before it).
    auto query = notification ? sql::execBuffered(db, kAppendBatch, values)
                              : sql::exec(db, kAppendBatch, values);
    if (!query)
        return query.error();
    QList<BatchedOutcome> outcomes(sends.size());
    qsizetype answered = 0;
    while (query.value().next()) {
        const QSqlQuery &row = query.value();
        const qsizetype index = row.value(0).toLongLong() - 1;
        if (index < 0 || index >= outcomes.size())
            return ApiError::internal();
        BatchedOutcome &outcome = outcomes[index];
        outcome.kind = BatchedOutcome::Kind(row.value(1).toInt());
        outcome.peerUsername = row.value(2).toString();
        if (outcome.kind == BatchedOutcome::Created || outcome.kind == BatchedOutcome::Duplicate)
            outcome.message = rows::message(row, 3);
        ++answered;
    }
    if (answered != sends.size())
        return ApiError::internal();
    return outcomes;
}

} // namespace natter::server
