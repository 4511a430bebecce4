// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/message.h"
#include "natter/receipt.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QFuture>
#include <QHash>
#include <QList>
#include <QSet>
#include <QUuid>

namespace natter::server {
class DbPool;
}

namespace natter::server::realtime {

//! What a socket needs to know about its user when it starts (and again after the listener
//! was deaf for a while): the conversations with their current last seq, and whom the user
//! blocked.
struct SessionState
{
    User user;
    QHash<QUuid, qint64> conversations; //!< conversation id -> last seq
    QSet<QUuid> blocked;
};

//! A delivered watermark to raise (never lowered).
struct DeliveredMark
{
    QUuid conversationId;
    QUuid userId;
    qint64 seq = 0;
};

//! An authenticated socket's sign-in: whose, and its refresh family (null for a token issued
//! without one).
struct SignIn
{
    QUuid userId;
    QUuid family;
};

//! What became of one sign-in at admission.
struct Admission
{
    //! Its refresh family is revoked: the sign-in ended, the socket is closed with 4003.
    bool signInEnded = false;
    //! Otherwise the user's session, or why the account may not connect.
    Result<SessionState> session = ApiError::internal();
};

//! The database work of the realtime gateway, each call a job on the pool's worker threads
//! (never on the socket thread). Writes publish their events inside their transaction.
class RealtimeStore final
{
public:
    explicit RealtimeStore(DbPool &pool) : m_pool(pool) {}

    //! Many sockets' sign-ins checked at once, in one job of four statements however many
    //! there are: which refresh families are still unrevoked, the accounts (401 when gone,
    //! 403 `suspended`), their memberships and blocks. One answer per sign-in, in order.
    [[nodiscard]] QFuture<Result<QList<Admission>>> admit(const QList<SignIn> &signIns);
    //! The same for many users at once, after the listener reconnected; users that are gone
    //! are left out.
    [[nodiscard]] QFuture<Result<QHash<QUuid, SessionState>>>
    loadSessions(const QList<QUuid> &userIds);
    //! Oldest first, `seq > after`, at most `limit`.
    [[nodiscard]] QFuture<Result<QList<Message>>> messagesAfter(const QUuid &conversationId,
                                                                qint64 after, int limit);
    [[nodiscard]] QFuture<Result<Message>> message(const QUuid &messageId);
    //! Messages changed after change `afterRev`, oldest change first, at most `limit`, with
    //! `seq <= maxSeq` (maxSeq < 0: any).
    [[nodiscard]] QFuture<Result<QList<Message>>>
    changedAfter(const QUuid &conversationId, qint64 afterRev, int limit, qint64 maxSeq = -1);
    //! The conversation's last change number.
    [[nodiscard]] QFuture<Result<qint64>> lastRev(const QUuid &conversationId);
    //! The conversation as `userId` sees it, with members.
    [[nodiscard]] QFuture<Result<Conversation>> conversation(const QUuid &conversationId,
                                                             const QUuid &userId);
    //! chat::markReadUpTo, shared with REST: raises the read watermark to `seq` (capped at
    //! the newest message) and publishes the receipt when it moved.
    [[nodiscard]] QFuture<Result<Done>> markRead(const User &viewer, const QUuid &conversationId,
                                                 qint64 seq);
    //! Raises delivered watermarks (from the clients' `receipt.delivered`) in one statement,
    //! each clamped to the newest message at or below it that the member may see, and
    //! publishes a receipt for each that moved, except across a block in a DM.
    [[nodiscard]] QFuture<Result<int>> raiseDelivered(const QList<DeliveredMark> &marks);
    //! Publishes typing, except in a DM with a block between the two (then false).
    [[nodiscard]] QFuture<Result<bool>> publishTyping(const QUuid &conversationId,
                                                      const QUuid &userId, bool typing);

private:
    DbPool &m_pool;
};

} // namespace natter::server::realtime
