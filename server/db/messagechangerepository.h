// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"

#include <QSqlDatabase>

#include <optional>

namespace natter::server {

//! Changes to stored messages (edits, deletions, reactions) and reading them back by the
//! conversation's change counter. Every change takes the next `rev` of its conversation
//! (nextRev(), which locks the conversation row until COMMIT, so changes of one conversation
//! commit in rev order) and stores it on the message.
class MessageChangeRepository final
{
public:
    explicit MessageChangeRepository(QSqlDatabase &db) : m_db(db) {}

    //! The conversation's next change number; locks its row until the transaction ends.
    [[nodiscard]] Result<qint64> nextRev(const QUuid &conversationId);
    //! New body, `edited_at` now, mentions found again; false when the message is deleted.
    [[nodiscard]] Result<bool> setBody(const QUuid &messageId, const QString &body, qint64 rev);
    //! Body '', no mentions, reply or reactions, `deleted`; false when it already was.
    [[nodiscard]] Result<bool> markDeleted(const QUuid &messageId, qint64 rev);
    //! False when `userId` had already put `emoji` there.
    [[nodiscard]] Result<bool> addReaction(const QUuid &messageId, const QUuid &userId,
                                           const QString &emoji);
    //! False when there was no such reaction.
    [[nodiscard]] Result<bool> removeReaction(const QUuid &messageId, const QUuid &userId,
                                              const QString &emoji);
    //! Different emojis on the message.
    [[nodiscard]] Result<int> emojiCount(const QUuid &messageId);
    [[nodiscard]] Status setRev(const QUuid &messageId, qint64 rev);
    //! The conversation's last change number.
    [[nodiscard]] Result<qint64> lastRev(const QUuid &conversationId);
    //! Messages changed after change `afterRev`, oldest change first, at most `limit`; only
    //! those with `seq <= maxSeq` (maxSeq < 0: any). With a `viewerId`, what is hidden from
    //! the viewer (rows::kNotBlockedByViewer) is left out.
    [[nodiscard]] Result<QList<Message>> changedAfter(const QUuid &conversationId, qint64 afterRev,
                                                      int limit, qint64 maxSeq = -1,
                                                      const QUuid &viewerId = {});

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
