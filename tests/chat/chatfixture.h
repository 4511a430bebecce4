// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "httpclient.h"
#include "natter/user.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <memory>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSqlDatabase>

namespace natter::testing {

//! A signed-in test user: the row, created straight in the database, and an access token
//! minted with the server's test signing key (no OAuth round trip needed).
struct Account
{
    User user;
    QString token;

    [[nodiscard]] QString id() const { return user.idString(); }
};

//! One migrated database and one real natter-server on it, plus shortcuts for the chat API.
class ChatFixture final
{
public:
    //! Starts database and server; false (with a warning) when either fails.
    [[nodiscard]] bool start(const QProcessEnvironment &extra = {});
    void stop();

    [[nodiscard]] TestDatabase &database() { return *m_database; }
    [[nodiscard]] ServerProcess &server() { return *m_server; }
    [[nodiscard]] QUrl url(const QString &apiPath) const;

    //! A user with `username` (none when empty) and display name `displayName` (the username
    //! when empty).
    Account createUser(const QString &username, const QString &displayName = {});
    //! An access token that expired two minutes ago (past the 30 s clock-skew allowance).
    [[nodiscard]] static QString expiredToken(const QUuid &userId);
    [[nodiscard]] static QString accessToken(const QUuid &userId);

    //! A client that sends `account`'s token.
    [[nodiscard]] static std::unique_ptr<HttpClient> client(const Account &account);

    // Shortcuts that return the parsed answer of the happy path; tests check statuses too.
    HttpResponse createGroup(const Account &as, const QString &title, const QStringList &usernames);
    HttpResponse openDm(const Account &as, const QString &username);
    HttpResponse addMember(const Account &as, const QString &conversationId,
                           const QString &username);
    HttpResponse send(const Account &as, const QString &conversationId, const QString &body,
                      const QString &clientMsgId = {});
    HttpResponse get(const Account &as, const QString &apiPath);
    HttpResponse post(const Account &as, const QString &apiPath, const QJsonObject &body = {});
    HttpResponse del(const Account &as, const QString &apiPath);

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;
};

//! Collects the realtime events the server publishes (LISTEN on its NOTIFY channel), so tests
//! can check which events a REST call caused. Notifications arrive while the test's HTTP
//! client spins its event loop.
class EventListener final : public QObject
{
    Q_OBJECT

public:
    explicit EventListener(TestDatabase &database);
    ~EventListener() override;

    [[nodiscard]] bool isListening() const { return m_listening; }
    //! Waits up to `timeoutMs` for at least `count` events, then returns all so far.
    QList<QJsonObject> waitFor(int count, int timeoutMs = 3000);
    //! Events received so far of type `type`.
    [[nodiscard]] QList<QJsonObject> ofType(const QString &type) const;
    void clear() { m_events.clear(); }

private:
    QString m_connectionName;
    QList<QJsonObject> m_events;
    bool m_listening = false;
};

} // namespace natter::testing
