// SPDX-License-Identifier: Apache-2.0
#include "natter/conversationpreferences.h"

#include "natter/timestamps.h"

using namespace Qt::Literals::StringLiterals;

namespace natter {

QJsonObject ConversationPreferences::toJson() const
{
    return {
        {u"muted"_s, muted},
        {u"muted_until"_s,
         muted && mutedUntil.isValid() ? QJsonValue(formatTimestamp(mutedUntil)) : QJsonValue()},
        {u"pinned"_s, pinned},
        {u"archived"_s, archived},
        {u"archived_at_seq"_s, archivedAtSeq ? QJsonValue(*archivedAtSeq) : QJsonValue()},
    };
}

ConversationPreferences ConversationPreferences::fromJson(const QJsonObject &object)
{
    ConversationPreferences preferences;
    preferences.muted = object.value(u"muted"_s).toBool();
    if (object.value(u"muted_until"_s).isString())
        preferences.mutedUntil = parseTimestamp(object.value(u"muted_until"_s).toString());
    preferences.pinned = object.value(u"pinned"_s).toBool();
    preferences.archived = object.value(u"archived"_s).toBool();
    if (object.value(u"archived_at_seq"_s).isDouble())
        preferences.archivedAtSeq = object.value(u"archived_at_seq"_s).toInteger();
    return preferences;
}

} // namespace natter
