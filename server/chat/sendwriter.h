// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "chat/messaging.h"
#include "natter/message.h"
#include "natter/result.h"
#include "natter/sendmessagerequest.h"
#include "natter/user.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>

#include <deque>
#include <functional>

namespace natter::server {
class DbPool;
class Metrics;
} // namespace natter::server

namespace natter::server::chat {

//! Group commit of message sends. Sends queue here (on the socket thread) while the previous
//! batch is being written; then everything queued, of any conversations, is written by one
//! statement on the writer's own connection (db/messagebatch.h), announced by one small
//! notification per batch, and committed with one WAL flush. With PostgreSQL's NOTIFY as the
//! bus that statement notifies by itself and is its own transaction: one round trip, COMMIT
//! included; with NATS it runs in a transaction and the batch is published after COMMIT. Only
//! after COMMIT are the messages handed to `committed` (in-process fan-out) and the senders
//! answered, so nothing is acked or seen by anyone before it is durable. The next batch is
//! sent before the last one is fanned out, so the database works while this thread writes to
//! sockets; continuations run in order on this thread, so fan-out keeps commit order.
//!
//! When the batch statement fails for a reason other than a lost connection (a client_msg_id
//! raced in from elsewhere), its sends are stored one by one through chat::sendMessage, which
//! then announces each itself.
class SendWriter final : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<SendOutcome> &)>;

    //! `pool` is the writer's own: one connection, so one batch in flight at a time.
    explicit SendWriter(DbPool &pool, QObject *parent = nullptr);

    void setMetrics(Metrics *metrics) { m_metrics = metrics; }
    //! This process's name in batch notifications (it skips its own).
    [[nodiscard]] const QString &origin() const { return m_origin; }
    [[nodiscard]] int queued() const { return int(m_queue.size()); }

    //! Queues one send (its shape already checked by SendMessageRequest); `done` runs on this
    //! thread after the batch holding it committed (or failed).
    void submit(const User &sender, const QUuid &conversationId, const SendMessageRequest &request,
                Done done);

Q_SIGNALS:
    //! Messages this process just committed, in batch order (seq order per conversation),
    //! before their senders are answered.
    void committed(const QList<natter::Message> &messages);

private:
    struct Pending
    {
        User sender;
        QUuid conversationId;
        SendMessageRequest request;
        Done done;
        QElapsedTimer queuedFor;
    };

    void writeNext();
    void answer(std::vector<Pending> &batch, const QList<Result<SendOutcome>> &outcomes);

    DbPool &m_pool;
    Metrics *m_metrics = nullptr;
    QString m_origin;
    std::deque<Pending> m_queue;
    bool m_writing = false;
};

} // namespace natter::server::chat
