// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "models/messagelistmodel.h"
#include "realtime/messagesequencer.h"

#include <QObject>

namespace natter::desktop {

class LocalCache;
class UserDirectory;

//! One conversation's messages, in the spirit of libQuotient's Room: every source of messages
//! (the live socket, a catch-up page, the newest page fetched on opening, an older history
//! page, the server's answer to our own send) enters through `ingest`, which alone owns this
//! conversation's ordering state, its cache writes and its model. Nothing else touches them.
class Timeline final : public QObject
{
    Q_OBJECT

public:
    enum class Source
    {
        Live,       //!< message.new from the socket
        CatchUp,    //!< GET ...?after= after a gap or a reconnect
        Latest,     //!< the newest page, fetched when the conversation is opened
        History,    //!< an older page (scrolled up)
        OutboxEcho, //!< the stored copy the server answered our send with
    };

    //! Fills the model with what the cache holds for the conversation.
    Timeline(const QUuid &conversationId, const QUuid &myUserId, const UserDirectory *directory,
             LocalCache *cache, QObject *parent = nullptr);

    [[nodiscard]] QUuid conversationId() const { return m_conversationId; }
    [[nodiscard]] MessageListModel *model() { return &m_model; }
    //! The newest seq held in order (the `after_seq` of a room join), -1 when none.
    [[nodiscard]] qint64 knownSeq() const { return m_sequencer.knownSeq(m_conversationId); }
    [[nodiscard]] bool historyComplete() const { return m_historyComplete; }

    //! Takes `messages` from `source`; returns those that became the newest (in order), for
    //! the conversation list, notifications and read receipts. Duplicates and messages
    //! already held are dropped; one past a gap is held and `gapDetected` asks for the gap.
    QList<Message> ingest(const QList<Message> &messages, Source source);
    //! Gives up on a gap the server cannot fill (a message hidden from us).
    QList<Message> releaseHeld();

    //! Changed messages (#12: `message.updated`, the changes route, an edit's answer): each
    //! replaces the held copy when its `rev` is higher; returns those that did. An update that
    //! overtook its own `message.new` waits for it (docs/protocol.md, "The client rule").
    QList<Message> applyUpdates(const QList<Message> &updates);
    //! The highest change number whose effect this timeline holds, -1 while unknown (nothing
    //! loaded yet): the `changes_after` of a room join.
    [[nodiscard]] qint64 changeCursor() const { return m_changeCursor; }
    //! Moves the cursor (a join's ack, an update after it, a changes page); kept in the cache.
    void setChangeCursor(qint64 rev);
    //! Where an empty timeline starts: the conversation's `last_rev` as the list knew it before
    //! the newest page was asked for (its messages come in their current state).
    void startChangeCursorAt(qint64 lastRev);

Q_SIGNALS:
    void gapDetected(const QUuid &conversationId, qint64 afterSeq);
    void historyCompleteChanged();
    //! Every message up to `seq` is now stored (cache and model), in order: what the app may
    //! acknowledge as delivered. Not for older history pages, which move nothing forward.
    void storedUpTo(const QUuid &conversationId, qint64 seq);

private:
    QList<Message> take(const QList<Message> &messages, Source source);
    QList<Message> appendInOrder(const QList<Message> &messages);
    void takeLatestPage(const QList<Message> &page);
    void takeHistoryPage(const QList<Message> &page);
    void setHistoryComplete(bool complete = true);
    void announceStored(qint64 knownBefore);

    QUuid m_conversationId;
    LocalCache *m_cache;
    MessageListModel m_model;
    MessageSequencer m_sequencer;
    bool m_historyComplete = false;
    qint64 m_changeCursor = -1;
    //! Updates of messages newer than any held: kept until their message.new arrives.
    QHash<QUuid, Message> m_earlyUpdates;
};

} // namespace natter::desktop
