// SPDX-License-Identifier: Apache-2.0
#include "chat/preferences.h"

#include "db/preferencerepository.h"
#include "db/sql.h"
#include "natter/timestamps.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

Result<PreferenceRepository::Change> changeFrom(const QJsonObject &body)
{
    PreferenceRepository::Change change;
    if (body.contains(u"muted_until"_s)) {
        const QJsonValue value = body.value(u"muted_until"_s);
        if (value.isNull()) {
            change.mutedUntil = QVariant(QMetaType::fromType<QString>());
        } else if (value.toString() == "forever"_L1) {
            change.mutedUntil = QVariant(u"infinity"_s);
        } else {
            const QDateTime until = parseTimestamp(value.toString());
            if (!until.isValid())
                return ApiError::validation(u"muted_until"_s,
                                            u"must be a time, \"forever\" or null"_s);
            change.mutedUntil = QVariant(formatTimestamp(until));
        }
    }
    for (const auto &[name, target] :
         {std::pair{u"pinned"_s, &change.pinned}, std::pair{u"archived"_s, &change.archived}}) {
        if (!body.contains(name))
            continue;
        if (!body.value(name).isBool())
            return ApiError::validation(name, u"must be true or false"_s);
        *target = body.value(name).toBool();
    }
    if (!change.mutedUntil && !change.pinned && !change.archived)
        return ApiError::validation(u"muted_until"_s,
                                    u"give muted_until, pinned or archived to change"_s);
    return change;
}

} // namespace

Result<ConversationPreferences> updatePreferences(QSqlDatabase &db, const User &caller,
                                                  const QUuid &conversationId,
                                                  const QJsonObject &body)
{
    auto change = changeFrom(body);
    if (!change)
        return change.error();
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto updated = PreferenceRepository(db).update(conversationId, caller.id, change.value());
    if (!updated)
        return updated.error();
    if (!updated.value())
        return ApiError::notFound(u"No such conversation."_s);
    if (auto published =
            realtime::publishPreferences(db, caller.id, conversationId, *updated.value());
        !published)
        return published.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return *updated.value();
}

} // namespace natter::server::chat
