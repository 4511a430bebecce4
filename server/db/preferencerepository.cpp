// SPDX-License-Identifier: Apache-2.0
#include "db/preferencerepository.h"

#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

// One statement, so two sessions changing different preferences at once both keep theirs.
// An archive that a newer message already undid (while unmuted) is dropped on any change, so
// muting that conversation later does not send it back into the archive.
const QString kUpdate = uR"(
UPDATE conversation_members cm SET
  muted_until = CASE WHEN ?::boolean THEN ?::timestamptz ELSE cm.muted_until END,
  pinned_at = CASE WHEN ?::boolean THEN
      (CASE WHEN ?::boolean THEN COALESCE(cm.pinned_at, now()) END)
    ELSE cm.pinned_at END,
  archived_at_seq = CASE WHEN ?::boolean THEN (CASE WHEN ?::boolean THEN c.last_seq END)
    WHEN cm.archived_at_seq IS NOT NULL AND c.last_seq > cm.archived_at_seq
      AND NOT (cm.muted_until IS NOT NULL AND cm.muted_until > now()) THEN NULL
    ELSE cm.archived_at_seq END
FROM conversations c
WHERE c.id = cm.conversation_id AND cm.conversation_id = ?::uuid AND cm.user_id = ?::uuid
RETURNING (cm.muted_until IS NOT NULL AND cm.muted_until > now()),
  CASE WHEN cm.muted_until = 'infinity' THEN NULL ELSE cm.muted_until END,
  cm.pinned_at IS NOT NULL, cm.archived_at_seq,
  (cm.archived_at_seq IS NOT NULL AND (c.last_seq <= cm.archived_at_seq
    OR (cm.muted_until IS NOT NULL AND cm.muted_until > now())))
)"_s;

} // namespace

Result<std::optional<ConversationPreferences>>
PreferenceRepository::update(const QUuid &conversationId, const QUuid &userId, const Change &change)
{
    const QVariant noTime(QMetaType::fromType<QString>());
    auto query = sql::exec(m_db, kUpdate,
                           {change.mutedUntil.has_value(), change.mutedUntil.value_or(noTime),
                            change.pinned.has_value(), change.pinned.value_or(false),
                            change.archived.has_value(), change.archived.value_or(false),
                            rows::uuidText(conversationId), rows::uuidText(userId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<ConversationPreferences>{};
    const QSqlQuery &row = query.value();
    ConversationPreferences preferences;
    preferences.muted = row.value(0).toBool();
    if (preferences.muted && !row.isNull(1))
        preferences.mutedUntil = row.value(1).toDateTime().toUTC();
    preferences.pinned = row.value(2).toBool();
    preferences.archived = row.value(4).toBool();
    if (preferences.archived)
        preferences.archivedAtSeq = row.value(3).toLongLong();
    return std::optional<ConversationPreferences>{preferences};
}

} // namespace natter::server
