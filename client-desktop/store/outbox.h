// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "realtime/backoff.h"
#include "store/localcache.h"

#include <QObject>
#include <QTimer>

namespace natter::desktop {

class ApiClient;

//! Messages the user wrote, kept in the local cache until the server has stored them, and sent
//! one at a time in the order they were written. Each carries a `client_msg_id`, so a send that
//! was stored but whose answer got lost is safely repeated (the server answers with the first
//! message). A transient failure (offline, 5xx, 429) waits and retries the same message, which
//! keeps the order; a refusal (validation, forbidden, not found) marks that one failed, for the
//! user to retry or discard, and the queue goes on. Every item belongs to the account that
//! wrote it: only that account sees or sends it, and only an explicit discard (or that
//! account's sign-out) removes it.
class Outbox final : public QObject
{
    Q_OBJECT

public:
    Outbox(LocalCache *cache, ApiClient *api, QObject *parent = nullptr);

    //! Whose messages are queued and sent from now on (the signed-in or cached user).
    void setOwner(const QUuid &ownerId);
    [[nodiscard]] QUuid owner() const { return m_owner; }

    //! Queues a message; nullopt when the cache could not store it (or no one owns it).
    //! `sendFields` go into the send's body next to the text (`reply_to_id`).
    [[nodiscard]] std::optional<OutboxItem> enqueue(const QUuid &conversationId,
                                                    const QString &bodyText,
                                                    const QJsonObject &sendFields = {});
    void retry(qint64 localId);
    void discard(qint64 localId);
    [[nodiscard]] QList<OutboxItem> items() const { return m_cache->outbox(m_owner); }
    [[nodiscard]] QList<OutboxItem> itemsFor(const QUuid &conversationId) const;

    //! Starts (or nudges) sending: call when the session is ready and again on reconnect.
    void resume();
    //! Stops sending (sign-out, offline by choice).
    void pause();
    void setBackoff(const Backoff &backoff) { m_backoff = backoff; }
    [[nodiscard]] bool isSending() const { return m_inFlight != 0; }

Q_SIGNALS:
    void queued(const natter::desktop::OutboxItem &item);
    void sent(qint64 localId, const natter::Message &message);
    void failed(qint64 localId, const QString &error);
    void retrying(qint64 localId);
    void discarded(qint64 localId);
    //! Every queued message has been sent (or failed for good).
    void drained();

private:
    void sendNext();

    LocalCache *m_cache;
    ApiClient *m_api;
    QUuid m_owner;
    Backoff m_backoff{1000, 30000};
    QTimer m_retryTimer;
    bool m_running = false;
    qint64 m_inFlight = 0;
};

} // namespace natter::desktop
