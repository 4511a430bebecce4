// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"

#include <QHash>
#include <QList>
#include <QMap>
#include <QUuid>

namespace natter::desktop {

//! Puts the messages of each conversation in `seq` order and drops the ones already seen, so
//! the socket, a catch-up page and a REST answer can deliver the same message without it being
//! shown twice or out of place. A message past a gap is held until the gap is filled (by a
//! catch-up fetch) or released by `releaseHeld()`.
class MessageSequencer
{
public:
    //! What `offer` returns: the messages now ready, in order, and whether a gap opened.
    struct Outcome
    {
        QList<Message> ready;
        //! When set, messages after this seq are missing: fetch `?after=` it.
        std::optional<qint64> gapAfter;
    };

    //! The newest seq the app already has for a conversation (from its cache or a page).
    void setKnownSeq(const QUuid &conversationId, qint64 seq);
    [[nodiscard]] qint64 knownSeq(const QUuid &conversationId) const;
    [[nodiscard]] Outcome offer(const Message &message);
    //! Gives up on a gap: releases everything held for the conversation, in order.
    [[nodiscard]] QList<Message> releaseHeld(const QUuid &conversationId);
    [[nodiscard]] bool isHolding(const QUuid &conversationId) const;

private:
    struct State
    {
        qint64 knownSeq = -1; //!< -1: nothing known, take the first message as it comes
        QMap<qint64, Message> held;
    };
    QHash<QUuid, State> m_states;
};

} // namespace natter::desktop
