// SPDX-License-Identifier: Apache-2.0
#include "chat/messageview.h"

#include <algorithm>

namespace natter::server::chat {

bool hidesSomething(const Message &message, const QSet<QUuid> &blocked)
{
    if (blocked.isEmpty())
        return false;
    if (message.replyTo && blocked.contains(message.replyTo->senderId))
        return true;
    return std::any_of(
        message.reactions.cbegin(), message.reactions.cend(), [&blocked](const Reaction &reaction) {
            return std::any_of(reaction.userIds.cbegin(), reaction.userIds.cend(),
                               [&blocked](const QUuid &id) { return blocked.contains(id); });
        });
}

Message asSeenBy(Message message, const QSet<QUuid> &blocked)
{
    if (!hidesSomething(message, blocked))
        return message;
    if (message.replyTo && blocked.contains(message.replyTo->senderId))
        message.replyTo->bodyPreview.clear();
    for (Reaction &reaction : message.reactions)
        reaction.userIds.removeIf([&blocked](const QUuid &id) { return blocked.contains(id); });
    message.reactions.removeIf([](const Reaction &reaction) { return reaction.userIds.isEmpty(); });
    return message;
}

} // namespace natter::server::chat
