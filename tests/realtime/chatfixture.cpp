// SPDX-License-Identifier: Apache-2.0
#include "chatfixture.h"

#include "auth/tokenservice.h"
#include "chat/conversations.h"
#include "chat/messaging.h"
#include "chat/moderation.h"
#include "db/conversationrepository.h"
#include "db/memberrepository.h"
#include "db/sql.h"
#include "db/userrepository.h"
#include "realtime/eventpublisher.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::server;

namespace natter::testing {
namespace {

// The key ServerProcess starts every server with.
const QByteArray kSigningKey = "test-signing-key-that-is-at-least-32-bytes-long"_ba;

template <typename T> T must(Result<T> result, const char *what)
{
    if (!result)
        qFatal("fixture: %s failed: %s", what, qPrintable(result.error().message));
    return std::move(result).value();
}

} // namespace

TestUser ChatFixture::user(const QString &username)
{
    QSqlDatabase db = m_database.connection();
    UserRepository users(db);
    const User created = must(users.create(username, {}), "create user");
    must(users.setUsername(created.id, username), "set username");
    return {created.id, username, TokenService(kSigningKey, 900, 30).issueAccess(created.id).token};
}

QUuid ChatFixture::group(const TestUser &creator, const QList<TestUser> &members)
{
    QSqlDatabase db = m_database.connection();
    const Conversation group =
        must(ConversationRepository(db).createGroup(creator.id, u"group"_s), "create group");
    for (const TestUser &member : members)
        must(MemberRepository(db).add(group.id, member.id, MemberRole::Member), "add member");
    return group.id;
}

void ChatFixture::addMember(const QUuid &conversationId, const TestUser &user)
{
    QSqlDatabase db = m_database.connection();
    QVERIFY(db.transaction());
    must(MemberRepository(db).add(conversationId, user.id, MemberRole::Member), "add member");
    const User row = must(UserRepository(db).findById(user.id), "find user").value();
    must(realtime::publishConversationNew(db, conversationId, user.id), "publish");
    must(realtime::publishMemberJoined(db, conversationId, row), "publish");
    QVERIFY(db.commit());
}

void ChatFixture::removeMember(const QUuid &conversationId, const TestUser &user)
{
    QSqlDatabase db = m_database.connection();
    QVERIFY(db.transaction());
    QVERIFY(must(MemberRepository(db).remove(conversationId, user.id), "remove member"));
    must(realtime::publishMemberLeft(db, conversationId, user.id), "publish");
    QVERIFY(db.commit());
}

void ChatFixture::block(const TestUser &blocker, const TestUser &blocked)
{
    QSqlDatabase db = m_database.connection();
    const User user = must(UserRepository(db).findById(blocker.id), "find user").value();
    must(chat::blockUser(db, user, blocked.username), "block");
}

void ChatFixture::unblock(const TestUser &blocker, const TestUser &blocked)
{
    QSqlDatabase db = m_database.connection();
    const User user = must(UserRepository(db).findById(blocker.id), "find user").value();
    must(chat::unblockUser(db, user, blocked.username), "unblock");
}

QUuid ChatFixture::dm(const TestUser &from, const TestUser &to)
{
    QSqlDatabase db = m_database.connection();
    const User user = must(UserRepository(db).findById(from.id), "find user").value();
    return must(chat::openDm(db, user, to.username), "open DM").conversation.id;
}

Message ChatFixture::send(const QUuid &conversationId, const TestUser &sender, const QString &text)
{
    QSqlDatabase db = m_database.connection();
    const User user = must(UserRepository(db).findById(sender.id), "find user").value();
    return must(chat::sendMessage(db, user, conversationId, text, {}), "send").message;
}

qint64 ChatFixture::watermark(const char *column, const QUuid &conversationId, const TestUser &user)
{
    QSqlDatabase db = m_database.connection();
    auto query = must(sql::exec(db,
                                u"SELECT %1 FROM conversation_members "
                                "WHERE conversation_id = ?::uuid AND user_id = ?::uuid"_s.arg(
                                    QLatin1StringView(column)),
                                {conversationId.toString(QUuid::WithoutBraces),
                                 user.id.toString(QUuid::WithoutBraces)}),
                      "read watermark");
    return query.next() ? query.value(0).toLongLong() : -1;
}

qint64 ChatFixture::deliveredSeq(const QUuid &conversationId, const TestUser &user)
{
    return watermark("delivered_seq", conversationId, user);
}

qint64 ChatFixture::readSeq(const QUuid &conversationId, const TestUser &user)
{
    return watermark("read_seq", conversationId, user);
}

QString ChatFixture::token(const QUuid &userId)
{
    return TokenService(kSigningKey, 900, 30).issueAccess(userId).token;
}

QString ChatFixture::expiredToken(const TestUser &user)
{
    return TokenService(kSigningKey, -3600, 30).issueAccess(user.id).token;
}

} // namespace natter::testing
