// SPDX-License-Identifier: Apache-2.0
#include "chat/presencesettings.h"

#include "db/presencerepository.h"
#include "db/sql.h"
#include "realtime/eventpublisher.h"

namespace natter::server::chat {

Result<bool> presenceHidden(QSqlDatabase &db, const User &caller)
{
    return PresenceRepository(db).isHidden(caller.id);
}

Result<bool> setPresenceHidden(QSqlDatabase &db, const User &caller, bool hidden)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    PresenceRepository presence(db);
    if (auto set = presence.setHidden(caller.id, hidden); !set)
        return set.error();
    if (auto published = realtime::publishPresenceHidden(db, caller.id, hidden); !published)
        return published.error();
    if (!hidden) {
        // Shown again: the slot was cleared, so this announcement always goes out.
        auto claim = presence.claimAnnouncement(caller.id, 0);
        if (!claim)
            return claim.error();
        if (claim->state) {
            if (auto published = realtime::publishPresence(db, *claim->state); !published)
                return published.error();
        }
    }
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return hidden;
}

} // namespace natter::server::chat
