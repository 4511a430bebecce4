// SPDX-License-Identifier: Apache-2.0
#include "realtime/natsbus.h"

#include "db/sql.h"
#include "logging.h"
#include "realtime/busframe.h"

#include <QJsonDocument>
#include <QMutex>

#include <nats/nats.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

//! One subject for the whole deployment: a NATS server (or account) per deployment.
constexpr auto kSubject = "natter.events";
constexpr int kHeartbeatMs = 1000;
constexpr int kReconnectWaitMs = 250;
//! Held while the server is away, then sent; past it publishing fails and receivers recover
//! the rest from the database when they see the numbers jump.
constexpr int kReconnectBufferBytes = 32 * 1024 * 1024;
//! Past these a subscription drops messages (a slow consumer); the numbers show it.
constexpr int kPendingMessages = 1'000'000;
constexpr int kPendingBytes = 256 * 1024 * 1024;

} // namespace

//! The connection and the numbering, shared by the bus, libnats's callbacks (as their
//! closure) and after-commit actions.
struct NatsBus::Link
{
    QByteArray url;
    QByteArray origin;
    natsOptions *options = nullptr;
    natsConnection *connection = nullptr;
    natsSubscription *subscription = nullptr;

    //! Numbers events and sends them in one step, so numbers go out in order.
    QMutex publishLock;
    quint64 published = 0;
    bool publishFailing = false;

    //! Guards `owner`: cleared before the bus goes away, so no callback emits into it later.
    QMutex ownerLock;
    NatsBus *owner = nullptr;

    //! Only the subscription's thread touches it.
    PublisherSequences heard;

    void send(const QByteArray &event)
    {
        QMutexLocker lock(&publishLock);
        if (!connection)
            return;
        if (!event.isEmpty())
            ++published; // numbered even when the send fails: receivers then see the gap
        const QByteArray data = encodeBusFrame({origin, published, event});
        const natsStatus status =
            natsConnection_Publish(connection, kSubject, data.constData(), int(data.size()));
        if (status != NATS_OK && !publishFailing)
            logging::event(lcRealtime(), QtWarningMsg, u"event bus publish failed"_s,
                           {{u"error"_s, QString::fromUtf8(natsStatus_GetText(status))}});
        publishFailing = status != NATS_OK;
    }

    template <typename Emit> void toOwner(Emit emit)
    {
        QMutexLocker lock(&ownerLock);
        if (owner)
            emit(owner);
    }

    void receive(QByteArrayView data)
    {
        const auto frame = decodeBusFrame(data);
        if (!frame) {
            logging::event(lcRealtime(), QtWarningMsg, u"unreadable bus frame"_s, {});
            return;
        }
        const PublisherSequences::Heard heardNow = heard.hear(*frame);
        if (heardNow == PublisherSequences::Heard::Old)
            return;
        if (!frame->isHeartbeat()) {
            const QJsonDocument document = QJsonDocument::fromJson(frame->event);
            if (document.isObject())
                toOwner([&](NatsBus *bus) { Q_EMIT bus->eventReceived(document.object()); });
            else
                logging::event(lcRealtime(), QtWarningMsg, u"unreadable event"_s, {});
        }
        if (heardNow == PublisherSequences::Heard::Missed) {
            logging::event(lcRealtime(), QtInfoMsg, u"event bus missed events; recovering"_s,
                           {{u"origin"_s, QString::fromLatin1(frame->origin)}});
            toOwner([](NatsBus *bus) { Q_EMIT bus->listening(); });
        }
    }

    void changed(bool up)
    {
        logging::event(lcRealtime(), up ? QtInfoMsg : QtWarningMsg,
                       up ? u"event bus listening"_s : u"event bus lost its connection"_s,
                       {{u"bus"_s, u"nats"_s}});
        toOwner([up](NatsBus *bus) {
            bus->setUp(up);
            if (up)
                Q_EMIT bus->listening();
            else
                Q_EMIT bus->lost();
        });
    }

    static void onMessage(natsConnection *, natsSubscription *, natsMsg *message, void *closure)
    {
        static_cast<Link *>(closure)->receive(
            QByteArrayView(natsMsg_GetData(message), natsMsg_GetDataLength(message)));
        natsMsg_Destroy(message);
    }
    static void onUp(natsConnection *, void *closure)
    {
        static_cast<Link *>(closure)->changed(true);
    }
    static void onDown(natsConnection *, void *closure)
    {
        static_cast<Link *>(closure)->changed(false);
    }
    static void onError(natsConnection *, natsSubscription *, natsStatus error, void *)
    {
        // A slow consumer dropped messages: the numbers tell receivers, nothing to do here.
        logging::event(lcRealtime(), QtWarningMsg, u"event bus error"_s,
                       {{u"error"_s, QString::fromUtf8(natsStatus_GetText(error))}});
    }

    ~Link()
    {
        if (subscription)
            natsSubscription_Destroy(subscription);
        if (connection)
            natsConnection_Destroy(connection);
        if (options)
            natsOptions_Destroy(options);
    }
};

NatsBus::NatsBus(QString url, QString origin, QObject *parent)
    : EventBus(parent), m_link(std::make_shared<Link>())
{
    m_link->url = url.toUtf8();
    m_link->origin = origin.toUtf8();
    m_link->owner = this;
    m_heartbeat.setInterval(kHeartbeatMs);
    connect(&m_heartbeat, &QTimer::timeout, this, [link = m_link] { link->send({}); });
}

NatsBus::~NatsBus()
{
    m_heartbeat.stop();
    {
        QMutexLocker lock(&m_link->ownerLock);
        m_link->owner = nullptr;
    }
    natsConnection *connection = nullptr;
    {
        QMutexLocker lock(&m_link->publishLock);
        std::swap(connection, m_link->connection);
    }
    if (connection) {
        if (m_link->subscription) {
            natsSubscription_Unsubscribe(m_link->subscription);
            natsSubscription_Destroy(m_link->subscription);
            m_link->subscription = nullptr;
        }
        natsConnection_Close(connection);
        natsConnection_Destroy(connection);
    }
    if (m_link->options) {
        natsOptions_Destroy(m_link->options);
        m_link->options = nullptr;
    }
    // libnats may still run a callback queued before the close; the Link (its closure) lives
    // on in m_link's other owners or dies here once those threads are done.
    nats_CloseAndWait(2000);
}

void NatsBus::start()
{
    Link &link = *m_link;
    natsOptions_Create(&link.options);
    natsOptions_SetURL(link.options, link.url.constData());
    natsOptions_SetName(link.options, ("natter-server " + link.origin).constData());
    natsOptions_SetMaxReconnect(link.options, -1);
    natsOptions_SetReconnectWait(link.options, kReconnectWaitMs);
    natsOptions_SetReconnectBufSize(link.options, kReconnectBufferBytes);
    natsOptions_SetRetryOnFailedConnect(link.options, true, &Link::onUp, &link);
    natsOptions_SetDisconnectedCB(link.options, &Link::onDown, &link);
    natsOptions_SetReconnectedCB(link.options, &Link::onUp, &link);
    natsOptions_SetErrorHandler(link.options, &Link::onError, &link);

    natsConnection *connection = nullptr;
    const natsStatus connected = natsConnection_Connect(&connection, link.options);
    if (connected != NATS_OK && connected != NATS_NOT_YET_CONNECTED) {
        logging::event(lcRealtime(), QtCriticalMsg, u"event bus cannot start"_s,
                       {{u"error"_s, QString::fromUtf8(natsStatus_GetText(connected))}});
        return;
    }
    // Subscribing works before the connection is made: libnats sends it once connected.
    natsConnection_Subscribe(&link.subscription, connection, kSubject, &Link::onMessage, &link);
    natsSubscription_SetPendingLimits(link.subscription, kPendingMessages, kPendingBytes);
    {
        QMutexLocker lock(&link.publishLock);
        link.connection = connection;
    }
    m_heartbeat.start();
    if (connected == NATS_OK) {
        // Make sure the server has our subscription before saying events flow.
        natsConnection_FlushTimeout(connection, 2000);
        link.changed(true);
    } else {
        logging::event(lcRealtime(), QtWarningMsg, u"event bus not reachable yet; retrying"_s, {});
    }
}

Status NatsBus::publish(QSqlDatabase &db, const QByteArray &payload)
{
    sql::afterCommit(db, [link = m_link, payload] { link->send(payload); });
    return Done{};
}

} // namespace natter::server::realtime
