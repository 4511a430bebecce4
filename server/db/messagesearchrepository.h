// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"

#include <QSqlDatabase>

namespace natter::server {

//! One search hit: the message and its text with the hits between two marker characters
//! (kHitStart/kHitEnd), not yet escaped for HTML.
struct SearchHit
{
    Message message;
    QString marked;
};

//! Full-text search of messages (migration 0021: the `natter_search` configuration; 0044: the
//! `messages_search_idx` GIN index of each message's text tagged with conversation and week).
class MessageSearchRepository final
{
public:
    explicit MessageSearchRepository(QSqlDatabase &db) : m_db(db) {}

    //! Private-use characters that mark where a hit starts and ends in SearchHit::marked (they
    //! are removed from the text first, so only the markers are left of them).
    static constexpr char16_t kHitStart = 0xE000;
    static constexpr char16_t kHitEnd = 0xE001;
    //! `<` and `>` of the text in SearchHit::marked.
    static constexpr char16_t kLessThan = 0xE002;
    static constexpr char16_t kGreaterThan = 0xE003;

    //! Messages matching `tsquery` (to_tsquery syntax, already safe) in the conversations of
    //! `viewerId` (only `conversationId` when not null), newest first, before the message
    //! `beforeId` when not null; deleted ones and those hidden from the viewer by a block are
    //! left out.
    [[nodiscard]] Result<QList<SearchHit>> search(const QUuid &viewerId, const QString &tsquery,
                                                  const QUuid &conversationId,
                                                  const QUuid &beforeId, int limit);

private:
    //! search() inside its transaction: the steps of messagesearchrepository.cpp.
    [[nodiscard]] Result<QList<SearchHit>> searchInSteps(const QUuid &viewerId,
                                                         const QString &tsquery,
                                                         const QUuid &conversationId,
                                                         const QUuid &beforeId, int limit);

    //! The word of `tsquery` (several joined by " & ") in the fewest of the newest messages in
    //! scope: the one to ask the index for. `tsquery` itself when it is one word.
    [[nodiscard]] QString rarestWord(const QString &viewer, const QString &tsquery,
                                     const QUuid &conversationId, const QVariant &before);

    QSqlDatabase &m_db;
};

} // namespace natter::server
