// SPDX-License-Identifier: Apache-2.0
#include "realtime/eventlistener.h"

#include "logging.h"
#include "realtime/eventpublisher.h"

#include <QJsonDocument>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

constexpr int kCheckIntervalMs = 1000;
constexpr int kRetryMinMs = 250;
constexpr int kRetryMaxMs = 5000;
const QString kConnectionName = u"natter-listener"_s;

} // namespace

//! Lives on the listener thread and owns the connection there.
class EventListener::Worker final : public QObject
{
    Q_OBJECT

public:
    explicit Worker(DatabaseSettings settings) : m_settings(std::move(settings))
    {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, &Worker::tick);
    }

    ~Worker() override { disconnectFromDatabase(); }

    void begin() { tick(); }
    void finish()
    {
        m_timer.stop();
        disconnectFromDatabase();
    }

Q_SIGNALS:
    void listening();
    void lost();
    void eventReceived(const QJsonObject &event);

private:
    void tick()
    {
        if (m_connected && !isAlive()) {
            logging::event(lcRealtime(), QtWarningMsg, u"event listener lost its connection"_s, {});
            disconnectFromDatabase();
            Q_EMIT lost();
        }
        if (!m_connected && !connectToDatabase()) {
            m_timer.start(m_retryMs);
            m_retryMs = std::min(m_retryMs * 2, kRetryMaxMs);
            return;
        }
        m_timer.start(kCheckIntervalMs);
    }

    bool isAlive()
    {
        QSqlQuery probe(m_db);
        return probe.exec(u"SELECT 1"_s) && probe.next();
    }

    bool connectToDatabase()
    {
        m_db = m_settings.open(kConnectionName);
        if (!m_db.isOpen()) {
            disconnectFromDatabase();
            return false;
        }
        QSqlDriver *driver = m_db.driver();
        if (!driver->subscribeToNotification(QString::fromLatin1(kEventChannel))) {
            logging::event(lcRealtime(), QtWarningMsg, u"LISTEN failed"_s,
                           {{u"error"_s, driver->lastError().text()}});
            disconnectFromDatabase();
            return false;
        }
        connect(
            driver, &QSqlDriver::notification, this,
            [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                if (name != QLatin1StringView(kEventChannel))
                    return;
                const QJsonDocument document = QJsonDocument::fromJson(payload.toString().toUtf8());
                if (!document.isObject()) {
                    logging::event(lcRealtime(), QtWarningMsg, u"unreadable event"_s, {});
                    return;
                }
                Q_EMIT eventReceived(document.object());
            });
        m_connected = true;
        m_retryMs = kRetryMinMs;
        logging::event(lcRealtime(), QtInfoMsg, u"event listener listening"_s,
                       {{u"channel"_s, QString::fromLatin1(kEventChannel)}});
        Q_EMIT listening();
        return true;
    }

    void disconnectFromDatabase()
    {
        m_connected = false;
        if (m_db.isValid()) {
            if (m_db.isOpen())
                m_db.driver()->disconnect(this);
            m_db.close();
        }
        m_db = QSqlDatabase();
        if (QSqlDatabase::contains(kConnectionName))
            QSqlDatabase::removeDatabase(kConnectionName);
    }

    DatabaseSettings m_settings;
    QSqlDatabase m_db;
    QTimer m_timer{this}; // a child, so moveToThread takes it along
    bool m_connected = false;
    int m_retryMs = kRetryMinMs;
};

EventListener::EventListener(DatabaseSettings settings) : m_worker(new Worker(std::move(settings)))
{
    m_thread.setObjectName(u"natter-listener"_s);
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::listening, this, [this] {
        setUp(true);
        Q_EMIT listening();
    });
    connect(m_worker, &Worker::lost, this, [this] {
        setUp(false);
        Q_EMIT lost();
    });
    connect(m_worker, &Worker::eventReceived, this, &EventListener::eventReceived);
}

EventListener::~EventListener()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_worker, &Worker::finish, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    } else {
        delete m_worker;
    }
}

Status EventListener::publish(QSqlDatabase &db, const QByteArray &payload)
{
    return notifyPostgres(db, payload);
}

void EventListener::start()
{
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &Worker::begin, Qt::QueuedConnection);
}

} // namespace natter::server::realtime

#include "eventlistener.moc"
