// SPDX-License-Identifier: Apache-2.0
#include "app/timeline.h"

#include "store/localcache.h"

namespace natter::desktop {
namespace {

constexpr int kCachedMessages = 100;
//! Matches the page size the controller asks for: a shorter page is the last one.
constexpr int kPageSize = 50;

} // namespace

Timeline::Timeline(const QUuid &conversationId, const QUuid &myUserId,
                   const UserDirectory *directory, LocalCache *cache, QObject *parent)
    : QObject(parent), m_conversationId(conversationId), m_cache(cache),
      m_model(conversationId, myUserId, directory)
{
    if (m_cache && m_cache->isOpen())
        m_model.addMessages(m_cache->loadRecentMessages(conversationId, kCachedMessages));
    if (m_model.newestSeq() > 0) {
        m_sequencer.setKnownSeq(conversationId, m_model.newestSeq());
        // A cache from before change cursors were kept: 0 asks for every change once.
        m_changeCursor = m_cache->loadChangeCursor(conversationId).value_or(0);
    }
}

QList<Message> Timeline::applyUpdates(const QList<Message> &updates)
{
    QList<Message> applied;
    QList<Message> notHeld;
    for (const Message &update : updates) {
        if (update.conversationId != m_conversationId)
            continue;
        if (m_model.applyUpdate(update)) {
            applied.append(update);
        } else if (!m_model.findMessage(update.id)) {
            if (update.seq > m_model.newestSeq()) {
                const auto early = m_earlyUpdates.constFind(update.id);
                if (early == m_earlyUpdates.cend() || early->rev < update.rev)
                    m_earlyUpdates.insert(update.id, update);
            }
            notHeld.append(update); // the cache may hold it beyond what the model shows
        }
    }
    if (m_cache) {
        m_cache->refreshMessages(applied);
        m_cache->refreshMessages(notHeld);
    }
    return applied;
}

void Timeline::setChangeCursor(qint64 rev)
{
    if (rev < 0 || rev == m_changeCursor)
        return;
    m_changeCursor = rev;
    if (m_cache)
        m_cache->saveChangeCursor(m_conversationId, rev);
}

void Timeline::startChangeCursorAt(qint64 lastRev)
{
    if (m_changeCursor < 0)
        setChangeCursor(lastRev);
}

QList<Message> Timeline::ingest(const QList<Message> &messages, Source source)
{
    const qint64 knownBefore = knownSeq();
    QList<Message> shown = take(messages, source);
    if (m_model.oldestSeq() == 1)
        setHistoryComplete(); // the first message is here, whichever way it came
    announceStored(knownBefore);
    return shown;
}

void Timeline::announceStored(qint64 knownBefore)
{
    if (knownSeq() > knownBefore && knownSeq() > 0)
        Q_EMIT storedUpTo(m_conversationId, knownSeq());
}

QList<Message> Timeline::take(const QList<Message> &messages, Source source)
{
    switch (source) {
    case Source::History:
        takeHistoryPage(messages);
        return {};
    case Source::Latest: {
        const qint64 before = m_model.newestSeq();
        takeLatestPage(messages);
        QList<Message> newer;
        for (const Message &message : messages) {
            if (message.seq > before)
                newer.append(message);
        }
        return newer;
    }
    case Source::Live:
    case Source::CatchUp:
    case Source::OutboxEcho:
        return appendInOrder(messages);
    }
    return {};
}

QList<Message> Timeline::appendInOrder(const QList<Message> &messages)
{
    QList<Message> sorted = messages;
    std::sort(sorted.begin(), sorted.end(),
              [](const Message &a, const Message &b) { return a.seq < b.seq; });
    QList<Message> ready;
    for (const Message &message : std::as_const(sorted)) {
        if (message.conversationId != m_conversationId)
            continue;
        const MessageSequencer::Outcome outcome = m_sequencer.offer(message);
        ready += outcome.ready;
        if (outcome.gapAfter)
            Q_EMIT gapDetected(m_conversationId, *outcome.gapAfter);
    }
    for (Message &message : ready) {
        // An update that overtook this message.new holds the newer state.
        if (const auto early = m_earlyUpdates.take(message.id); early.rev > message.rev)
            message = early;
    }
    if (!ready.isEmpty()) {
        if (m_cache)
            m_cache->saveMessages(ready);
        // The model also replaces a pending row by the stored copy with its client_msg_id.
        m_model.addMessages(ready);
    }
    return ready;
}

QList<Message> Timeline::releaseHeld()
{
    const qint64 knownBefore = knownSeq();
    QList<Message> held = m_sequencer.releaseHeld(m_conversationId);
    if (!held.isEmpty()) {
        if (m_cache)
            m_cache->saveMessages(held);
        m_model.addMessages(held);
    }
    announceStored(knownBefore);
    return held;
}

void Timeline::takeLatestPage(const QList<Message> &page)
{
    qint64 oldest = 0;
    for (const Message &message : page)
        oldest = oldest == 0 ? message.seq : std::min(oldest, message.seq);
    // The cache ends before this page starts: drop it rather than show a hole.
    if (m_model.newestSeq() > 0 && oldest > m_model.newestSeq() + 1) {
        m_model.removeUpToSeq(m_model.newestSeq());
        // What was complete was the stretch just dropped: older pages are to be had again.
        setHistoryComplete(false);
    }
    m_model.addMessages(page);
    if (m_cache)
        m_cache->saveMessages(page);
    m_sequencer.setKnownSeq(m_conversationId, m_model.newestSeq());
    if (page.size() < kPageSize || oldest <= 1)
        setHistoryComplete();
}

void Timeline::takeHistoryPage(const QList<Message> &page)
{
    // Older than anything cached on purpose: the cache keeps the newest, not the oldest.
    m_model.prependHistory(page);
    if (page.size() < kPageSize || m_model.oldestSeq() == 1)
        setHistoryComplete();
}

void Timeline::setHistoryComplete(bool complete)
{
    if (m_historyComplete == complete)
        return;
    m_historyComplete = complete;
    Q_EMIT historyCompleteChanged();
}

} // namespace natter::desktop
