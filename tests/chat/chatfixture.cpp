// SPDX-License-Identifier: Apache-2.0
#include "chatfixture.h"

#include "auth/tokenservice.h"
#include "db/userrepository.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QSqlDriver>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {
namespace {

// The key ServerProcess gives the server.
const QByteArray kSigningKey = "test-signing-key-that-is-at-least-32-bytes-long"_ba;

} // namespace

bool ChatFixture::start(const QProcessEnvironment &extra)
{
    m_database = std::make_unique<TestDatabase>();
    if (!m_database->isValid()) {
        qWarning("test database: %s", qPrintable(m_database->error()));
        return false;
    }
    m_server = std::make_unique<ServerProcess>();
    return m_server->start(m_database->url(), extra) && m_server->waitForHealth(200, 10000);
}

void ChatFixture::stop()
{
    if (m_server)
        m_server->stop();
    m_server.reset();
    m_database.reset();
}

QUrl ChatFixture::url(const QString &apiPath) const
{
    return m_server->url(u"/api/v1"_s + apiPath);
}

Account ChatFixture::createUser(const QString &username, const QString &displayName)
{
    QSqlDatabase db = m_database->connection();
    server::UserRepository users(db);
    auto user = users.create(displayName.isEmpty() ? username : displayName, {});
    if (!user) {
        qWarning("cannot create user: %s", qPrintable(user.error().message));
        return {};
    }
    User created = user.value();
    if (!username.isEmpty()) {
        auto named = users.setUsername(created.id, username.toLower());
        if (!named) {
            qWarning("cannot set username: %s", qPrintable(named.error().message));
            return {};
        }
        created = named.value();
    }
    return {created, accessToken(created.id)};
}

QString ChatFixture::accessToken(const QUuid &userId)
{
    return server::TokenService(kSigningKey, 900, 30).issueAccess(userId).token;
}

QString ChatFixture::expiredToken(const QUuid &userId)
{
    return server::TokenService(kSigningKey, -120, 30).issueAccess(userId).token;
}

std::unique_ptr<HttpClient> ChatFixture::client(const Account &account)
{
    auto client = std::make_unique<HttpClient>();
    client->setBearer(account.token);
    return client;
}

HttpResponse ChatFixture::createGroup(const Account &as, const QString &title,
                                      const QStringList &usernames)
{
    return post(as, u"/conversations"_s,
                {{u"type"_s, u"group"_s},
                 {u"title"_s, title},
                 {u"usernames"_s, QJsonArray::fromStringList(usernames)}});
}

HttpResponse ChatFixture::openDm(const Account &as, const QString &username)
{
    return post(as, u"/conversations"_s, {{u"type"_s, u"dm"_s}, {u"username"_s, username}});
}

HttpResponse ChatFixture::addMember(const Account &as, const QString &conversationId,
                                    const QString &username)
{
    return post(as, u"/conversations/%1/members"_s.arg(conversationId),
                {{u"username"_s, username}});
}

HttpResponse ChatFixture::send(const Account &as, const QString &conversationId,
                               const QString &body, const QString &clientMsgId)
{
    QJsonObject object{{u"body_text"_s, body}};
    if (!clientMsgId.isEmpty())
        object.insert(u"client_msg_id"_s, clientMsgId);
    return post(as, u"/conversations/%1/messages"_s.arg(conversationId), object);
}

HttpResponse ChatFixture::get(const Account &as, const QString &apiPath)
{
    return client(as)->get(url(apiPath));
}

HttpResponse ChatFixture::post(const Account &as, const QString &apiPath, const QJsonObject &body)
{
    return client(as)->postJson(url(apiPath), body);
}

HttpResponse ChatFixture::del(const Account &as, const QString &apiPath)
{
    return client(as)->del(url(apiPath));
}

EventListener::EventListener(TestDatabase &database)
{
    m_connectionName = u"listener-"_s + QUuid::createUuid().toString(QUuid::Id128);
    QSqlDatabase db = database.settings().open(m_connectionName);
    if (!db.isOpen())
        return;
    m_listening = db.driver()->subscribeToNotification(u"natter_events"_s);
    connect(db.driver(), &QSqlDriver::notification, this,
            [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                m_events.append(QJsonDocument::fromJson(payload.toString().toUtf8()).object());
            });
}

EventListener::~EventListener()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connectionName);
}

QList<QJsonObject> EventListener::waitFor(int count, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (m_events.size() < count && !deadline.hasExpired())
        QTest::qWait(20);
    return m_events;
}

QList<QJsonObject> EventListener::ofType(const QString &type) const
{
    QList<QJsonObject> matching;
    for (const QJsonObject &event : m_events) {
        if (event.value(u"type"_s).toString() == type)
            matching.append(event);
    }
    return matching;
}

} // namespace natter::testing
