// SPDX-License-Identifier: Apache-2.0
#include "store/outbox.h"

#include "api/apiclient.h"
#include "core/logging.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

bool isTransient(ErrorCode code)
{
    return code == ErrorCode::Unavailable || code == ErrorCode::Internal ||
           code == ErrorCode::RateLimited || code == ErrorCode::Unauthorized;
}

} // namespace

Outbox::Outbox(LocalCache *cache, ApiClient *api, QObject *parent)
    : QObject(parent), m_cache(cache), m_api(api)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &Outbox::sendNext);
}

void Outbox::setOwner(const QUuid &ownerId)
{
    if (m_owner == ownerId)
        return;
    pause();
    m_owner = ownerId;
}

std::optional<OutboxItem> Outbox::enqueue(const QUuid &conversationId, const QString &bodyText,
                                          const QJsonObject &sendFields)
{
    if (m_owner.isNull())
        return std::nullopt;
    const QString clientMsgId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto item = m_cache->addToOutbox(m_owner, conversationId, clientMsgId, bodyText, sendFields);
    if (!item)
        return std::nullopt;
    Q_EMIT queued(*item);
    if (m_running && m_inFlight == 0 && !m_retryTimer.isActive())
        sendNext();
    return item;
}

QList<OutboxItem> Outbox::itemsFor(const QUuid &conversationId) const
{
    QList<OutboxItem> result;
    const QList<OutboxItem> all = items();
    for (const OutboxItem &item : all) {
        if (item.conversationId == conversationId)
            result.append(item);
    }
    return result;
}

void Outbox::retry(qint64 localId)
{
    m_cache->markOutboxItem(localId, false, {});
    Q_EMIT retrying(localId);
    resume();
}

void Outbox::discard(qint64 localId)
{
    if (localId == m_inFlight)
        return; // in flight: it may already be stored; its answer decides
    m_cache->removeFromOutbox(localId);
    Q_EMIT discarded(localId);
}

void Outbox::resume()
{
    m_running = true;
    m_backoff.reset();
    m_retryTimer.stop();
    if (m_inFlight == 0)
        sendNext();
}

void Outbox::pause()
{
    m_running = false;
    m_retryTimer.stop();
}

void Outbox::sendNext()
{
    if (!m_running || m_inFlight != 0 || m_owner.isNull())
        return;
    const QList<OutboxItem> all = items();
    const auto next =
        std::find_if(all.cbegin(), all.cend(), [](const OutboxItem &item) { return !item.failed; });
    if (next == all.cend()) {
        Q_EMIT drained();
        return;
    }
    const OutboxItem &item = *next;
    m_inFlight = item.localId;
    m_api->sendMessageWith(item.conversationId, item.bodyText, item.clientMsgId, item.sendFields,
                           this, [this, item](Result<QJsonObject> answer) {
                               m_inFlight = 0;
                               if (answer) {
                                   auto message = Message::fromJson(*answer);
                                   m_cache->removeFromOutbox(item.localId);
                                   m_backoff.reset();
                                   if (message)
                                       Q_EMIT sent(item.localId, *message);
                                   sendNext();
                                   return;
                               }
                               const ApiError &error = answer.error();
                               if (isTransient(error.code)) {
                                   const int delay = m_backoff.nextDelayMs();
                                   qCInfo(lcStore)
                                       << "send failed for now (" << errorCodeName(error.code)
                                       << "), retrying in" << delay << "ms";
                                   m_retryTimer.start(delay);
                                   return;
                               }
                               m_cache->markOutboxItem(item.localId, true, error.message);
                               Q_EMIT failed(item.localId, error.message);
                               sendNext();
                           });
}

} // namespace natter::desktop
