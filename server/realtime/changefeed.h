// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"

#include <QHash>
#include <QObject>
#include <QUuid>

#include <functional>

namespace natter::server::realtime {

class RealtimeStore;

//! Live changes to messages (edits, deletions, reactions) for this process's sockets. A
//! `message.changed` notification only names a conversation and a change number (`rev`);
//! the feed reads the conversation's messages changed after the last change it passed on,
//! oldest change first, ONE read per conversation at a time, however many sockets watch it,
//! and hands them to `deliver` in rev order. A message changed twice before the read comes
//! once, in its latest state: clients keep the copy with the highest rev, so nothing is lost.
class ChangeFeed final : public QObject
{
    Q_OBJECT

public:
    //! Whether any socket here is in the conversation (else nothing is read).
    using Watched = std::function<bool(const QUuid &conversationId)>;
    using Deliver = std::function<void(const QUuid &conversationId, const QList<Message> &)>;

    ChangeFeed(RealtimeStore &store, Watched watched, Deliver deliver, QObject *parent = nullptr);

    //! A `message.changed` notification.
    void onChanged(const QUuid &conversationId, qint64 rev);
    //! The listener was deaf for a while: every watched conversation is read again from the
    //! last change passed on.
    void recover();

private:
    struct Feed
    {
        qint64 passedRev = 0; //!< changes up to this one were handed to `deliver`
        qint64 heardRev = 0;  //!< the newest change announced
        bool reading = false;
    };

    void read(const QUuid &conversationId);

    RealtimeStore &m_store;
    Watched m_watched;
    Deliver m_deliver;
    QHash<QUuid, Feed> m_feeds;
};

} // namespace natter::server::realtime
