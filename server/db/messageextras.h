// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"

#include <QList>
#include <QSqlDatabase>

namespace natter::server {

//! The parts of a message that live in other rows: the replied-to message's preview, the
//! reactions and the attachments, read for a page's messages in one statement with the same
//! expressions as rows::kMessageColumns (so they come out byte for byte as every other reader
//! gives them). The history page leaves them out of its own statement: probing three tables
//! for each of 50 messages, almost none of which has any of them, was most of the page's
//! time inside PostgreSQL (docs/benchmarks.md, "The history page's statement").
class MessageExtras final
{
public:
    explicit MessageExtras(QSqlDatabase &db) : m_db(db) {}

    //! Fills replyTo, reactions and attachments of `messages[i]` for each i in `which`.
    [[nodiscard]] Status fill(QList<Message> &messages, const QList<qsizetype> &which);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
