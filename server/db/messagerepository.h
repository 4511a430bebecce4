// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"

#include <optional>
#include <QSqlDatabase>

namespace natter::server {

//! Messages: appending with the next seq, and reading pages of history.
class MessageRepository final
{
public:
    explicit MessageRepository(QSqlDatabase &db) : m_db(db) {}

    struct Appended
    {
        Message message;
        bool created = true; //!< false when client_msg_id matched an earlier message
    };

    //! Stores a message with the conversation's next seq. Locks the conversation row so seqs
    //! are gapless and unique under any number of concurrent senders, and returns the first
    //! message again when the sender retries with the same `clientMsgId`. The sender's delivered
    //! watermark moves to the new seq, the read one does not (sending is not reading what came
    //! before). A non-null
    //! `withheldFrom` stores it withheld from that member for good (Message::withheldFrom).
    [[nodiscard]] Result<Appended> append(const QUuid &conversationId, const QUuid &senderId,
                                          const QString &bodyText, const QString &clientMsgId,
                                          const QUuid &withheldFrom = {},
                                          const QUuid &replyToId = {});

    //! Stores a system line (issue 18) with the conversation's next seq, sent by `actorId`
    //! (may be null): no mentions, no client id. Call inside the transaction of the change it
    //! records, after the conversation row was locked, so the line commits with the change.
    [[nodiscard]] Result<Message> appendSystem(const QUuid &conversationId, const QUuid &actorId,
                                               const QString &bodyText, const SystemEvent &event);

    //! Newest first, `seq < before` (before < 0: from the newest). With a `viewerId`, the
    //! messages of users the viewer blocked are left out.
    [[nodiscard]] Result<QList<Message>> before(const QUuid &conversationId, qint64 before,
                                                int limit, const QUuid &viewerId = {});
    //! Oldest first, `seq > after`; `viewerId` as for before().
    [[nodiscard]] Result<QList<Message>> after(const QUuid &conversationId, qint64 after, int limit,
                                               const QUuid &viewerId = {});
    [[nodiscard]] Result<std::optional<Message>> findById(const QUuid &id);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
