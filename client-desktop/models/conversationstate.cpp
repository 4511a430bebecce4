// SPDX-License-Identifier: Apache-2.0
#include "models/conversationstate.h"

namespace natter::desktop::conversationstate {

bool isMuted(const Conversation &conversation, const QDateTime &now)
{
    const ConversationPreferences &preferences = conversation.preferences;
    if (!preferences.muted)
        return false;
    return !preferences.mutedUntil.isValid() || preferences.mutedUntil > now;
}

bool isArchived(const Conversation &conversation, const QDateTime &now)
{
    const ConversationPreferences &preferences = conversation.preferences;
    if (!preferences.archived || !preferences.archivedAtSeq)
        return false;
    if (isMuted(conversation, now))
        return true;
    const qint64 newest = conversation.lastMessage ? conversation.lastMessage->seq : 0;
    return newest <= *preferences.archivedAtSeq;
}

QDateTime activityOf(const Conversation &conversation)
{
    return conversation.lastMessage ? conversation.lastMessage->createdAt : conversation.createdAt;
}

bool listsBefore(const Conversation &a, const Conversation &b)
{
    if (a.preferences.pinned != b.preferences.pinned)
        return a.preferences.pinned;
    return activityOf(a) > activityOf(b);
}

QDateTime nextMuteEnd(const QList<Conversation> &conversations, const QDateTime &now)
{
    QDateTime soonest;
    for (const Conversation &conversation : conversations) {
        const QDateTime end = conversation.preferences.mutedUntil;
        if (!conversation.preferences.muted || !end.isValid() || end <= now)
            continue;
        if (!soonest.isValid() || end < soonest)
            soonest = end;
    }
    return soonest;
}

} // namespace natter::desktop::conversationstate
