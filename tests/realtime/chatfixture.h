// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ids.h"
#include "natter/message.h"
#include "testdatabase.h"

#include <QString>
#include <QUuid>

namespace natter::testing {

struct TestUser
{
    QUuid id;
    QString username;
    QString token; //!< a valid access token for servers started by ServerProcess
};

//! Users, groups and membership changes made straight in a test database, the way the chat
//! code makes them (each change publishes its event inside its transaction), so the realtime
//! tests do not depend on the REST endpoints.
class ChatFixture final
{
public:
    explicit ChatFixture(TestDatabase &database) : m_database(database) {}

    [[nodiscard]] TestUser user(const QString &username);
    //! A group created by `creator` (its admin) with `members`.
    [[nodiscard]] QUuid group(const TestUser &creator, const QList<TestUser> &members);
    void addMember(const QUuid &conversationId, const TestUser &user);
    void removeMember(const QUuid &conversationId, const TestUser &user);
    void block(const TestUser &blocker, const TestUser &blocked);
    void unblock(const TestUser &blocker, const TestUser &blocked);
    //! The DM between the two, made the way the REST endpoint makes it.
    [[nodiscard]] QUuid dm(const TestUser &from, const TestUser &to);
    //! Sends through chat::sendMessage, the service behind the REST send.
    Message send(const QUuid &conversationId, const TestUser &sender, const QString &text);
    [[nodiscard]] qint64 deliveredSeq(const QUuid &conversationId, const TestUser &user);
    [[nodiscard]] qint64 readSeq(const QUuid &conversationId, const TestUser &user);
    //! A valid access token of any user id (for servers started by ServerProcess).
    [[nodiscard]] static QString token(const QUuid &userId);
    //! An access token that expired an hour ago.
    [[nodiscard]] static QString expiredToken(const TestUser &user);

private:
    [[nodiscard]] qint64 watermark(const char *column, const QUuid &conversationId,
                                   const TestUser &user);

    TestDatabase &m_database;
};

} // namespace natter::testing
