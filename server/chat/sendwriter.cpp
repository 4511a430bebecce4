// SPDX-License-Identifier: Apache-2.0
#include "chat/sendwriter.h"

#include "db/dbpool.h"
#include "db/messagebatch.h"
#include "db/sql.h"
#include "metrics.h"
#include "realtime/eventbus.h"
#include "realtime/eventlistener.h"
#include "realtime/eventpublisher.h"

#include <QSet>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

//! Sends per transaction at most: a bigger batch only makes its first sender wait longer.
constexpr std::size_t kMaxBatch = 500;

struct BatchResult
{
    QList<Result<SendOutcome>> outcomes;
    QList<Message> committed; //!< to fan out in process (not those sent one by one)
};

Result<SendOutcome> outcomeOf(const BatchedOutcome &outcome, const QUuid &conversationId)
{
    switch (outcome.kind) {
    case BatchedOutcome::Created:
        return SendOutcome{outcome.message, true};
    case BatchedOutcome::Duplicate:
        if (outcome.message.conversationId != conversationId)
            return ApiError::conflict(u"client_msg_id was already used in another conversation."_s);
        return SendOutcome{outcome.message, false};
    case BatchedOutcome::NotMember:
        return ApiError::notFound(u"No such conversation."_s);
    case BatchedOutcome::YouBlocked:
        if (outcome.peerUsername.isEmpty())
            return ApiError::forbidden(u"You blocked this person."_s);
        return ApiError::forbidden(u"You blocked @%1."_s.arg(outcome.peerUsername));
    case BatchedOutcome::BadReply:
        return ApiError::validation(u"reply_to_id"_s, u"must be a message of this conversation"_s);
    }
    return ApiError::internal();
}

//! Whether events go out through PostgreSQL's NOTIFY (the default bus, or none set): the
//! batch statement can then notify by itself and be the whole transaction.
bool notifiesThroughPostgres()
{
    realtime::EventBus *bus = realtime::eventBus();
    return bus == nullptr || qobject_cast<realtime::EventListener *>(bus) != nullptr;
}

BatchResult resultOf(const QList<BatchedSend> &sends, const QList<BatchedOutcome> &outcomes)
{
    BatchResult result;
    for (qsizetype i = 0; i < sends.size(); ++i) {
        const BatchedOutcome &outcome = outcomes.at(i);
        result.outcomes.append(outcomeOf(outcome, sends.at(i).conversationId));
        if (outcome.kind == BatchedOutcome::Created)
            result.committed.append(outcome.message);
    }
    return result;
}

//! The batch as one statement that is its own transaction and sends its own notification:
//! one round trip, COMMIT included (BEGIN, the statement, pg_notify and COMMIT were four, on
//! the only connection that writes sends). nullopt when it must be sent one by one instead.
Result<std::optional<BatchResult>> writeBatchAlone(QSqlDatabase &db, const QString &origin,
                                                   const QList<BatchedSend> &sends)
{
    auto outcomes =
        appendBatch(db, sends,
                    BatchNotification{QString::fromLatin1(realtime::kEventChannel),
                                      QString::fromLatin1(realtime::kMessageBatch), origin});
    if (!outcomes) {
        if (outcomes.error().code == ErrorCode::Unavailable)
            return outcomes.error();
        return std::optional<BatchResult>{};
    }
    return std::optional<BatchResult>{resultOf(sends, outcomes.value())};
}

//! The batch in one transaction, published through the process's bus (NATS) before COMMIT;
//! nullopt when it must be sent one by one instead.
Result<std::optional<BatchResult>> writeBatch(QSqlDatabase &db, const QString &origin,
                                              const QList<BatchedSend> &sends)
{
    if (notifiesThroughPostgres())
        return writeBatchAlone(db, origin, sends);
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto outcomes = appendBatch(db, sends);
    if (!outcomes) {
        if (outcomes.error().code == ErrorCode::Unavailable)
            return outcomes.error();
        return std::optional<BatchResult>{};
    }
    BatchResult result = resultOf(sends, outcomes.value());
    if (!result.committed.isEmpty()) {
        if (auto published = realtime::publishMessageBatch(db, origin, result.committed);
            !published)
            return published.error();
    }
    if (auto done = transaction.commit(); !done)
        return done.error();
    return std::optional<BatchResult>{std::move(result)};
}

} // namespace

SendWriter::SendWriter(DbPool &pool, QObject *parent)
    : QObject(parent), m_pool(pool), m_origin(QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

void SendWriter::submit(const User &sender, const QUuid &conversationId,
                        const SendMessageRequest &request, Done done)
{
    Pending pending{sender, conversationId, request, std::move(done), {}};
    pending.queuedFor.start();
    m_queue.push_back(std::move(pending));
    writeNext();
}

void SendWriter::writeNext()
{
    if (m_writing || m_queue.empty())
        return;
    // Everything queued, except a second send with the same client_msg_id (a quick retry):
    // it waits for the next batch, where it finds the first one stored.
    std::vector<Pending> batch;
    std::deque<Pending> later;
    QSet<std::pair<QUuid, QString>> retryKeys;
    // A send with attachments is written alone, through chat::sendMessage (which attaches the
    // uploads in its transaction and announces itself): the batch statement knows no uploads.
    bool alone = false;
    while (!m_queue.empty() && batch.size() < kMaxBatch) {
        if (!m_queue.front().request.attachmentIds.isEmpty()) {
            if (batch.empty()) {
                batch.push_back(std::move(m_queue.front()));
                m_queue.pop_front();
                alone = true;
            }
            break;
        }
        Pending pending = std::move(m_queue.front());
        m_queue.pop_front();
        const std::pair key{pending.sender.id, pending.request.clientMsgId};
        if (!key.second.isEmpty() && retryKeys.contains(key)) {
            later.push_back(std::move(pending));
            continue;
        }
        retryKeys.insert(key);
        batch.push_back(std::move(pending));
    }
    while (!later.empty()) {
        m_queue.push_front(std::move(later.back()));
        later.pop_back();
    }

    QList<BatchedSend> sends;
    QList<User> senders;
    const QList<QUuid> attachmentIds = alone ? batch.front().request.attachmentIds : QList<QUuid>();
    for (const Pending &pending : batch) {
        sends.append({pending.conversationId, pending.sender.id, pending.request.bodyText,
                      pending.request.clientMsgId, pending.request.replyToId});
        senders.append(pending.sender);
    }
    m_writing = true;
    m_pool
        .run<BatchResult>([sends, senders, attachmentIds,
                           origin = m_origin](QSqlDatabase &db) -> Result<BatchResult> {
            if (!attachmentIds.isEmpty()) {
                const BatchedSend &send = sends.constFirst();
                BatchResult result;
                result.outcomes.append(sendMessage(db, senders.constFirst(), send.conversationId,
                                                   send.bodyText, send.clientMsgId, send.replyToId,
                                                   attachmentIds));
                return result;
            }
            auto written = writeBatch(db, origin, sends);
            if (!written)
                return written.error();
            if (written.value())
                return std::move(*written.value());
            // One by one: each its own transaction, announced by itself.
            BatchResult result;
            for (qsizetype i = 0; i < sends.size(); ++i) {
                const BatchedSend &send = sends.at(i);
                result.outcomes.append(sendMessage(db, senders.at(i), send.conversationId,
                                                   send.bodyText, send.clientMsgId,
                                                   send.replyToId));
            }
            return result;
        })
        .then(this, [this, batch = std::move(batch)](const Result<BatchResult> &result) mutable {
            m_writing = false;
            // What queued while this batch was written goes to the database first, so its
            // round trip overlaps this batch's fan-out and answers instead of waiting for
            // them. Its continuation runs after this one, on this thread: fan-out and answers
            // stay in commit order.
            writeNext();
            if (!result) {
                answer(batch, QList<Result<SendOutcome>>(qsizetype(batch.size()), result.error()));
            } else {
                if (!result->committed.isEmpty())
                    Q_EMIT committed(result->committed);
                answer(batch, result->outcomes);
            }
        });
}

void SendWriter::answer(std::vector<Pending> &batch, const QList<Result<SendOutcome>> &outcomes)
{
    int created = 0;
    for (std::size_t i = 0; i < batch.size(); ++i) {
        const Result<SendOutcome> &outcome = outcomes.at(qsizetype(i));
        if (outcome && outcome->created)
            ++created;
        if (m_metrics)
            m_metrics->observe(u"natter_send_seconds"_s,
                               u"From a send's arrival to its answer, after COMMIT."_s,
                               double(batch[i].queuedFor.nsecsElapsed()) / 1e9);
        batch[i].done(outcome);
    }
    if (m_metrics && created > 0)
        m_metrics->increment(u"natter_messages_sent_total"_s,
                             u"Messages stored by this process's group commit (socket sends)."_s,
                             created);
}

} // namespace natter::server::chat
