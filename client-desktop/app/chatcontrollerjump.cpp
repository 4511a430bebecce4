// SPDX-License-Identifier: Apache-2.0
// ChatController's jumps (#12): to a given message (a search result, the original of a reply)
// and, when a conversation opens with unread messages, to the first of them ("New messages").
// Either loads history back to its message, page by page, before the list is told the row.
#include "api/apiclient.h"
#include "app/chatcontroller.h"
#include "core/jsonlist.h"

#include <algorithm>
#include <utility>

namespace natter::desktop {
namespace {

//! History pages while loading back to a message: at least the timeline's page (a shorter
//! answer means "nothing older"), at most the route's largest.
constexpr qint64 kJumpPageMin = 50;
constexpr qint64 kJumpPageMax = 100;
//! Messages shown above the one jumped to, so it does not sit at the top edge alone.
constexpr qint64 kJumpContext = 10;

} // namespace

void ChatController::showMessage(qint64 seq)
{
    if (m_current.isNull() || seq <= 0)
        return;
    startJump(JumpTarget::Message, seq);
    continueJump();
}

void ChatController::startJump(JumpTarget target, qint64 seq)
{
    const bool wasOpeningAtUnread = openingAtUnread();
    m_jumpTarget = seq > 0 ? target : JumpTarget::None;
    m_jumpSeq = m_jumpTarget == JumpTarget::None ? 0 : seq;
    if (wasOpeningAtUnread != openingAtUnread())
        Q_EMIT openingAtUnreadChanged();
}

void ChatController::finishJump(int row)
{
    const JumpTarget target = std::exchange(m_jumpTarget, JumpTarget::None);
    m_jumpSeq = 0;
    if (target == JumpTarget::Message && row >= 0)
        Q_EMIT scrollToRow(row);
    if (target == JumpTarget::Unread) {
        // The row first, so the list is placed before it stops waiting (else it goes to the end).
        if (row >= 0)
            Q_EMIT unreadRowReady(row);
        Q_EMIT openingAtUnreadChanged();
    }
}

void ChatController::continueJump()
{
    if (m_jumpTarget == JumpTarget::None || !m_model)
        return;
    const qint64 oldest = m_model->oldestSeq();
    if (oldest == 0)
        return; // the newest page is on its way: fetchLatest continues
    if (m_jumpTarget == JumpTarget::Message) {
        if (const int row = m_model->rowOfSeq(m_jumpSeq); row >= 0) {
            finishJump(row);
            return;
        }
        if (oldest < m_jumpSeq) {
            finishJump(-1); // loaded past it: a message hidden from us
            return;
        }
    } else if (oldest <= m_jumpSeq) {
        // Everything from the first unread on is here; the model knows which row shows the
        // line (none when all of them were mine).
        finishJump(m_model->unreadMarkerRow());
        return;
    }
    if (m_loadingHistory)
        return; // the page on its way continues
    if (historyComplete()) {
        finishJump(m_jumpTarget == JumpTarget::Unread ? m_model->unreadMarkerRow() : -1);
        return;
    }
    m_loadingHistory = true;
    Q_EMIT historyStateChanged();
    const QUuid conversationId = m_current;
    const int limit =
        int(std::clamp(oldest - m_jumpSeq + kJumpContext, kJumpPageMin, kJumpPageMax));
    m_api->messagesBefore(
        conversationId, oldest, limit, this, [this, conversationId](Result<QJsonObject> answer) {
            m_loadingHistory = false;
            Q_EMIT historyStateChanged();
            if (conversationId != m_current)
                return; // the jump went with its conversation
            if (!answer) {
                finishJump(m_jumpTarget == JumpTarget::Unread && m_model
                               ? m_model->unreadMarkerRow()
                               : -1);
                return;
            }
            timelineFor(conversationId)->ingest(messagesOf(*answer), Timeline::Source::History);
            continueJump();
        });
}

} // namespace natter::desktop
