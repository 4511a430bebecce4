// SPDX-License-Identifier: Apache-2.0
#include "realtime/messagesequencer.h"

namespace natter::desktop {

void MessageSequencer::setKnownSeq(const QUuid &conversationId, qint64 seq)
{
    State &state = m_states[conversationId];
    if (seq > state.knownSeq)
        state.knownSeq = seq;
    state.held.removeIf([seq](const auto &entry) { return entry.key() <= seq; });
}

qint64 MessageSequencer::knownSeq(const QUuid &conversationId) const
{
    return m_states.value(conversationId).knownSeq;
}

bool MessageSequencer::isHolding(const QUuid &conversationId) const
{
    return !m_states.value(conversationId).held.isEmpty();
}

MessageSequencer::Outcome MessageSequencer::offer(const Message &message)
{
    State &state = m_states[message.conversationId];
    Outcome outcome;
    if (state.knownSeq >= 0 && message.seq <= state.knownSeq)
        return outcome; // seen already
    if (state.knownSeq < 0 || message.seq == state.knownSeq + 1) {
        state.knownSeq = message.seq;
        outcome.ready.append(message);
        // The message may have closed a gap: release what waited behind it.
        while (!state.held.isEmpty() && state.held.firstKey() == state.knownSeq + 1) {
            outcome.ready.append(state.held.take(state.held.firstKey()));
            ++state.knownSeq;
        }
        return outcome;
    }
    const bool firstHeld = state.held.isEmpty();
    state.held.insert(message.seq, message);
    if (firstHeld)
        outcome.gapAfter = state.knownSeq;
    return outcome;
}

QList<Message> MessageSequencer::releaseHeld(const QUuid &conversationId)
{
    State &state = m_states[conversationId];
    QList<Message> released = state.held.values();
    if (!released.isEmpty())
        state.knownSeq = released.constLast().seq;
    state.held.clear();
    return released;
}

} // namespace natter::desktop
