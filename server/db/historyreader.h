// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"
#include "natter/user.h"

#include <optional>
#include <QSet>
#include <QSqlDatabase>

namespace natter::server {

//! A page of history in one round trip: the caller's own row, membership, the page (block
//! filter included) and the page's senders come back from one prepared statement. Four
//! statements per page (caller, member check, page, authors) held history at 0.06x of
//! PostgreSQL's rate for the same SELECT; the server, not the database, was the bottleneck
//! (docs/benchmarks.md).
class HistoryReader final
{
public:
    explicit HistoryReader(QSqlDatabase &db) : m_db(db) {}

    enum class Direction
    {
        Older,
        Newer
    };

    struct Page
    {
        std::optional<User> caller; //!< id and username only; nullopt: the account is gone
        bool member = false;        //!< false: the viewer is not in the conversation (page empty)
        QList<Message> messages; //!< in page order: newest first for Older, oldest first for Newer
        QList<User> senders;     //!< each existing sender of `messages` once
        QSet<QUuid> blocked;     //!< whom the viewer blocked (their reactions are hidden)
    };

    //! Older: `seq < cursor` (cursor < 0: from the newest). Newer: `seq > cursor`. Messages of
    //! users the viewer blocked and messages withheld from the viewer are left out.
    [[nodiscard]] Result<Page> read(const QUuid &conversationId, const QUuid &viewerId,
                                    Direction direction, qint64 cursor, int limit);

    //! What each `?` of the page statement is bound to, in order.
    enum class Parameter
    {
        Viewer,
        Conversation,
        Cursor
    };
    //! The page statement exactly as read() sends it for `limit` (1 to validation's page
    //! maximum), and its parameters: for the benchmark's pgbench reference, which runs this
    //! very statement (scripts/bench.sh).
    [[nodiscard]] static QString statement(Direction direction, int limit);
    [[nodiscard]] static const QList<Parameter> &parameters();

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
