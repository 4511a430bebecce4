// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace natter::server {

//! Online / last seen of one user as others may see it (issue 18).
struct PresenceState
{
    QUuid userId;
    bool online = false;
    QDateTime lastSeenAt; //!< invalid: never seen (or online)

    //! `{"user_id","online","last_seen_at"}`
    [[nodiscard]] QJsonObject toJson() const;
};

//! Presence rows (migration 0052): which users have sockets on which live process, last seen
//! times, the privacy setting and the per-user announcement slot.
class PresenceRepository final
{
public:
    explicit PresenceRepository(QSqlDatabase &db) : m_db(db) {}

    //! A process that has not said it is alive for this long no longer counts.
    static constexpr int kProcessTimeoutSeconds = 45;

    //! This process is alive (and exists, for the sessions' foreign key).
    [[nodiscard]] Status heartbeat(const QString &origin);
    //! Records that `online` users have a socket here now and `offline` ones no longer; the
    //! latter's last seen time becomes now.
    [[nodiscard]] Status record(const QString &origin, const QList<QUuid> &online,
                                const QList<QUuid> &offline);
    //! Claims the right to announce `userId`'s presence now: false when it was announced less
    //! than `minIntervalMs` ago (by any process). With it, the state to announce; nullopt
    //! when hidden (nothing is announced for a hidden user).
    struct Claim
    {
        bool claimed = false;
        std::optional<PresenceState> state;
    };
    [[nodiscard]] Result<Claim> claimAnnouncement(const QUuid &userId, int minIntervalMs);
    //! What `viewerId` may see of `userIds`: only people who share a conversation with the
    //! viewer (`watchable`), and the state of those who do not hide it (`states`); nothing at
    //! all when the viewer hides theirs (`viewerHidden`).
    struct Visible
    {
        bool viewerHidden = false;
        QList<QUuid> watchable;
        QList<PresenceState> states;
    };
    [[nodiscard]] Result<Visible> visibleTo(const QUuid &viewerId, const QList<QUuid> &userIds);
    [[nodiscard]] Result<bool> isHidden(const QUuid &userId);
    [[nodiscard]] Status setHidden(const QUuid &userId, bool hidden);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
