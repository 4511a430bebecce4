// SPDX-License-Identifier: Apache-2.0
#include "realtime/realtimestore.h"

#include "auth/accountstate.h"
#include "chat/messaging.h"
#include "db/conversationrepository.h"
#include "db/dbpool.h"
#include "db/memberrepository.h"
#include "db/messagechangerepository.h"
#include "db/messagerepository.h"
#include "db/rows.h"
#include "db/sql.h"
#include "http/apicontext.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

using rows::uuidArray;

QString integerArray(const QList<qint64> &values)
{
    QStringList texts;
    texts.reserve(values.size());
    for (const qint64 value : values)
        texts.append(QString::number(value));
    return u"{"_s + texts.join(u',') + u"}"_s;
}

//! Memberships (with last seq) and blocks of `userIds`, into `sessions` (which holds the users).
Status loadRoomsAndBlocks(QSqlDatabase &db, const QList<QUuid> &userIds,
                          QHash<QUuid, SessionState> &sessions)
{
    auto rooms = sql::exec(db,
                           u"SELECT cm.user_id, c.id, c.last_seq FROM conversation_members cm "
                           "JOIN conversations c ON c.id = cm.conversation_id "
                           "WHERE cm.user_id = ANY(?::uuid[])"_s,
                           {uuidArray(userIds)});
    if (!rooms)
        return rooms.error();
    while (rooms.value().next()) {
        const QUuid user = rows::uuid(rooms.value().value(0));
        if (auto it = sessions.find(user); it != sessions.end())
            it->conversations.insert(rows::uuid(rooms.value().value(1)),
                                     rooms.value().value(2).toLongLong());
    }
    auto blocks = sql::exec(
        db, u"SELECT blocker_id, blocked_id FROM blocks WHERE blocker_id = ANY(?::uuid[])"_s,
        {uuidArray(userIds)});
    if (!blocks)
        return blocks.error();
    while (blocks.value().next()) {
        const QUuid user = rows::uuid(blocks.value().value(0));
        if (auto it = sessions.find(user); it != sessions.end())
            it->blocked.insert(rows::uuid(blocks.value().value(1)));
    }
    return Done{};
}

} // namespace

QFuture<Result<QList<Admission>>> RealtimeStore::admit(const QList<SignIn> &signIns)
{
    return m_pool.run<QList<Admission>>([signIns](QSqlDatabase &db) -> Result<QList<Admission>> {
        QList<QUuid> families;
        for (const SignIn &signIn : signIns) {
            if (!signIn.family.isNull())
                families.append(signIn.family);
        }
        QSet<QUuid> liveFamilies;
        if (!families.isEmpty()) {
            auto live = sql::exec(db,
                                  u"SELECT DISTINCT family_id FROM refresh_tokens "
                                  "WHERE family_id = ANY(?::uuid[]) AND revoked_at IS NULL"_s,
                                  {uuidArray(families)});
            if (!live)
                return live.error();
            while (live.value().next())
                liveFamilies.insert(rows::uuid(live.value().value(0)));
        }
        const auto signedIn = [&](const SignIn &signIn) {
            return signIn.family.isNull() || liveFamilies.contains(signIn.family);
        };
        QList<QUuid> userIds; // each once, in the order of their first socket
        QSet<QUuid> listed;
        for (const SignIn &signIn : signIns) {
            if (signedIn(signIn) && !listed.contains(signIn.userId)) {
                listed.insert(signIn.userId);
                userIds.append(signIn.userId);
            }
        }
        auto accounts = loadAccounts(db, userIds);
        if (!accounts)
            return accounts.error();
        QHash<QUuid, Result<User>> users;
        QHash<QUuid, SessionState> sessions;
        for (const QUuid &userId : userIds) {
            const auto row = accounts.value().constFind(userId);
            auto user = ApiContext::admitAccount(row == accounts.value().cend()
                                                     ? std::nullopt
                                                     : std::optional<AccountRow>(row.value()),
                                                 Caller::SignedIn);
            if (user)
                sessions.insert(userId, SessionState{user.value(), {}, {}});
            users.insert(userId, std::move(user));
        }
        if (!sessions.isEmpty()) {
            if (auto loaded = loadRoomsAndBlocks(db, sessions.keys(), sessions); !loaded)
                return loaded.error();
        }
        QList<Admission> admissions;
        admissions.reserve(signIns.size());
        for (const SignIn &signIn : signIns) {
            Admission admission;
            if (!signedIn(signIn))
                admission.signInEnded = true;
            else if (const Result<User> &user = users.value(signIn.userId, ApiError::internal());
                     !user)
                admission.session = user.error();
            else
                admission.session = sessions.value(signIn.userId);
            admissions.append(std::move(admission));
        }
        return admissions;
    });
}

QFuture<Result<QHash<QUuid, SessionState>>> RealtimeStore::loadSessions(const QList<QUuid> &userIds)
{
    using Sessions = QHash<QUuid, SessionState>;
    return m_pool.run<Sessions>([userIds](QSqlDatabase &db) -> Result<Sessions> {
        Sessions sessions;
        auto users = sql::exec(db,
                               u"SELECT %1 FROM users u WHERE u.id = ANY(?::uuid[])"_s.arg(
                                   QLatin1StringView(rows::kUserColumns)),
                               {uuidArray(userIds)});
        if (!users)
            return users.error();
        while (users.value().next()) {
            const User user = rows::user(users.value());
            sessions.insert(user.id, SessionState{user, {}, {}});
        }
        if (auto loaded = loadRoomsAndBlocks(db, userIds, sessions); !loaded)
            return loaded.error();
        return sessions;
    });
}

QFuture<Result<QList<Message>>> RealtimeStore::messagesAfter(const QUuid &conversationId,
                                                             qint64 after, int limit)
{
    return m_pool.run<QList<Message>>(
        [conversationId, after, limit](QSqlDatabase &db) -> Result<QList<Message>> {
            return MessageRepository(db).after(conversationId, after, limit);
        });
}

QFuture<Result<QList<Message>>>
RealtimeStore::changedAfter(const QUuid &conversationId, qint64 afterRev, int limit, qint64 maxSeq)
{
    return m_pool.run<QList<Message>>([conversationId, afterRev, limit,
                                       maxSeq](QSqlDatabase &db) -> Result<QList<Message>> {
        return MessageChangeRepository(db).changedAfter(conversationId, afterRev, limit, maxSeq);
    });
}

QFuture<Result<qint64>> RealtimeStore::lastRev(const QUuid &conversationId)
{
    return m_pool.run<qint64>([conversationId](QSqlDatabase &db) -> Result<qint64> {
        return MessageChangeRepository(db).lastRev(conversationId);
    });
}

QFuture<Result<Message>> RealtimeStore::message(const QUuid &messageId)
{
    return m_pool.run<Message>([messageId](QSqlDatabase &db) -> Result<Message> {
        auto query = sql::exec(db,
                               u"SELECT %1 FROM messages m WHERE m.id = ?::uuid"_s.arg(
                                   QLatin1StringView(rows::kMessageColumns)),
                               {rows::uuidText(messageId)});
        if (!query)
            return query.error();
        if (!query.value().next())
            return ApiError::notFound(u"No such message."_s);
        return rows::message(query.value());
    });
}

QFuture<Result<Conversation>> RealtimeStore::conversation(const QUuid &conversationId,
                                                          const QUuid &userId)
{
    return m_pool.run<Conversation>([conversationId, userId](QSqlDatabase &db) {
        return ConversationRepository(db).findForMember(conversationId, userId);
    });
}

QFuture<Result<Done>> RealtimeStore::markRead(const User &viewer, const QUuid &conversationId,
                                              qint64 seq)
{
    return m_pool.run<Done>([=](QSqlDatabase &db) -> Result<Done> {
        return chat::markReadUpTo(db, viewer, conversationId, seq);
    });
}

QFuture<Result<int>> RealtimeStore::raiseDelivered(const QList<DeliveredMark> &marks)
{
    return m_pool.run<int>([marks](QSqlDatabase &db) -> Result<int> {
        QList<QUuid> conversations;
        QList<QUuid> users;
        QList<qint64> seqs;
        for (const DeliveredMark &mark : marks) {
            conversations.append(mark.conversationId);
            users.append(mark.userId);
            seqs.append(mark.seq);
        }
        sql::Transaction transaction(db);
        if (!transaction.began())
            return ApiError::unavailable();
        // Each mark is clamped to the newest message at or below it that the member may see,
        // so a watermark never covers a message withheld from them (nor one past the end). In
        // a DM with a block between the two the change is kept from the other side.
        auto updated = sql::exec(
            db,
            u"UPDATE conversation_members cm SET delivered_seq = t.seq FROM ("
            "  SELECT v.conversation_id, v.user_id, (SELECT m.seq FROM messages m "
            "    WHERE m.conversation_id = v.conversation_id AND m.seq <= v.seq AND %1 "
            "    ORDER BY m.seq DESC LIMIT 1) AS seq "
            "  FROM unnest(?::uuid[], ?::uuid[], ?::bigint[]) AS v(conversation_id, user_id, seq)"
            ") t "
            "WHERE cm.conversation_id = t.conversation_id AND cm.user_id = t.user_id "
            "  AND cm.delivered_seq < t.seq "
            "RETURNING cm.conversation_id, cm.user_id, cm.delivered_seq, cm.read_seq, "
            "  cm.joined_seq, %2"_s.arg(
                QString::fromLatin1(rows::kNotHiddenFromColumn).arg(u"v.user_id"_s),
                QString::fromLatin1(rows::kBlockedDm)
                    .arg(u"cm.conversation_id"_s, u"cm.user_id"_s)),
            {uuidArray(conversations), uuidArray(users), integerArray(seqs)});
        if (!updated)
            return updated.error();
        // Read every row before publishing: the result is read row by row (single-row mode),
        // and running pg_notify on the connection meanwhile would drop the rows not read yet,
        // so only the first receipt of a flush would reach anyone.
        int moved = 0;
        QList<Receipt> announced;
        while (updated.value().next()) {
            const QSqlQuery &row = updated.value();
            ++moved;
            if (row.value(5).toBool())
                continue;
            announced.append(Receipt{rows::uuid(row.value(0)), rows::uuid(row.value(1)),
                                     row.value(2).toLongLong(), row.value(3).toLongLong(),
                                     row.value(4).toLongLong()});
        }
        for (const Receipt &receipt : std::as_const(announced)) {
            if (auto published = publishReceipt(db, receipt); !published)
                return published.error();
        }
        if (auto committed = transaction.commit(); !committed)
            return committed.error();
        return moved;
    });
}

QFuture<Result<bool>> RealtimeStore::publishTyping(const QUuid &conversationId, const QUuid &userId,
                                                   bool typing)
{
    return m_pool.run<bool>([=](QSqlDatabase &db) -> Result<bool> {
        // Typing never crosses a block in a DM, either way (docs/protocol.md, "Blocks").
        auto access = MemberRepository(db).access(conversationId, userId);
        if (!access)
            return access.error();
        if (!access.value() || access.value()->dmBlocked)
            return false;
        if (auto published = realtime::publishTyping(db, conversationId, userId, typing);
            !published)
            return published.error();
        return true;
    });
}

} // namespace natter::server::realtime
