// SPDX-License-Identifier: Apache-2.0
#include "admin/instanceadmins.h"

#include "admin/auditlog.h"
#include "db/rows.h"
#include "db/sql.h"
#include "db/userrepository.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::admin {
namespace {

const QString kCommandLine = u"natter-server admin (command line)"_s;

} // namespace

Result<bool> InstanceAdmins::isAdmin(const User &user)
{
    if (!user.hasUsername())
        return false;
    if (m_configured.contains(user.username.toLower()))
        return true;
    auto granted =
        sql::exec(m_db, u"SELECT EXISTS (SELECT 1 FROM instance_admins WHERE user_id = ?::uuid)"_s,
                  {rows::uuidText(user.id)});
    if (!granted)
        return granted.error();
    return granted.value().next() && granted.value().value(0).toBool();
}

Result<User> InstanceAdmins::userNamed(const QString &username)
{
    auto user = UserRepository(m_db).findByUsername(username.toLower());
    if (!user)
        return user.error();
    if (!user.value())
        return ApiError::notFound(u"No user is called '%1'."_s.arg(username));
    return *user.value();
}

Result<User> InstanceAdmins::grant(const QString &username)
{
    auto user = userNamed(username);
    if (!user)
        return user.error();
    sql::Transaction transaction(m_db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto inserted = sql::exec(m_db,
                              u"INSERT INTO instance_admins (user_id) VALUES (?::uuid) "
                              "ON CONFLICT (user_id) DO NOTHING"_s,
                              {rows::uuidText(user->id)});
    if (!inserted)
        return inserted.error();
    AuditEntry entry;
    entry.actorName = kCommandLine;
    entry.action = AuditAction::GrantAdmin;
    entry.targetUserId = user->id;
    entry.targetName = user->username;
    if (auto recorded = AuditLog(m_db).record(entry); !recorded)
        return recorded.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return user;
}

Result<User> InstanceAdmins::revoke(const QString &username)
{
    auto user = userNamed(username);
    if (!user)
        return user.error();
    sql::Transaction transaction(m_db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto removed = sql::exec(m_db, u"DELETE FROM instance_admins WHERE user_id = ?::uuid"_s,
                             {rows::uuidText(user->id)});
    if (!removed)
        return removed.error();
    AuditEntry entry;
    entry.actorName = kCommandLine;
    entry.action = AuditAction::RevokeAdmin;
    entry.targetUserId = user->id;
    entry.targetName = user->username;
    if (auto recorded = AuditLog(m_db).record(entry); !recorded)
        return recorded.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return user;
}

} // namespace natter::server::admin
