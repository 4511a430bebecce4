// SPDX-License-Identifier: Apache-2.0
#include "benchseed.h"

#include "auth/tokenservice.h"
#include "db/databasesettings.h"

#include <QCryptographicHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace natter::bench::seed {
namespace {

//! The same uuid as PostgreSQL's md5(text)::uuid.
QString md5Uuid(const QString &text)
{
    const QByteArray hex = QCryptographicHash::hash(text.toUtf8(), QCryptographicHash::Md5).toHex();
    return QString::fromLatin1(hex.left(8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' +
                               hex.mid(16, 4) + '-' + hex.mid(20));
}

} // namespace

QString userId(int index)
{
    return md5Uuid(u"nb-u-%1"_s.arg(index));
}

QString groupId(int group)
{
    return md5Uuid(u"nb-c-%1"_s.arg(group));
}

QString historyGroupId()
{
    return md5Uuid(u"nb-h"_s);
}

std::optional<QString> populate(const QString &databaseUrl, int users)
{
    auto settings = server::DatabaseSettings::parse(databaseUrl);
    if (!settings)
        return settings.error().message;
    const int groups = (users + kGroupSize - 1) / kGroupSize;
    std::optional<QString> failure;
    {
        QSqlDatabase db = settings->open(u"natter-bench-seed"_s);
        if (!db.isOpen())
            return db.lastError().text();
        const QStringList statements{
            u"INSERT INTO users (id, username, display_name) SELECT md5('nb-u-' || i)::uuid, "
            "'nb_' || i, 'Bench ' || i FROM generate_series(0, %1 - 1) i ON CONFLICT DO NOTHING"_s
                .arg(groups * kGroupSize),
            u"INSERT INTO conversations (id, type, title, created_by) SELECT "
            "md5('nb-c-' || g)::uuid, 'group', 'Bench ' || g, md5('nb-u-' || (g * 10))::uuid "
            "FROM generate_series(0, %1 - 1) g ON CONFLICT DO NOTHING"_s.arg(groups),
            u"INSERT INTO conversation_members (conversation_id, user_id, role) SELECT "
            "md5('nb-c-' || (i / 10))::uuid, md5('nb-u-' || i)::uuid, "
            "(CASE WHEN i % 10 = 0 THEN 'admin' ELSE 'member' END)::member_role "
            "FROM generate_series(0, %1 - 1) i ON CONFLICT DO NOTHING"_s.arg(groups * kGroupSize),
            u"INSERT INTO conversations (id, type, title, created_by, last_seq) VALUES "
            "(md5('nb-h')::uuid, 'group', 'History', md5('nb-u-0')::uuid, %1) "
            "ON CONFLICT DO NOTHING"_s.arg(kHistoryMessages),
            u"INSERT INTO conversation_members (conversation_id, user_id) SELECT "
            "md5('nb-h')::uuid, md5('nb-u-' || i)::uuid FROM generate_series(0, 9) i "
            "ON CONFLICT DO NOTHING"_s,
            u"INSERT INTO messages (conversation_id, seq, sender_id, body_text) SELECT "
            "md5('nb-h')::uuid, s, md5('nb-u-' || (s % 10))::uuid, repeat('h', 150) "
            "FROM generate_series(1, %1) s ON CONFLICT DO NOTHING"_s.arg(kHistoryMessages),
            u"ANALYZE"_s,
        };
        for (const QString &statement : statements) {
            QSqlQuery query(db);
            if (!query.exec(statement)) {
                failure = query.lastError().text();
                break;
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"natter-bench-seed"_s);
    return failure;
}

QStringList tokens(const QByteArray &signingKey, int count)
{
    // Long-lived: a run must not outlast its tokens.
    const server::TokenService service(signingKey, 6 * 3600, 1);
    QStringList tokens;
    tokens.reserve(count);
    for (int i = 0; i < count; ++i)
        tokens.append(service.issueAccess(QUuid::fromString(userId(i))).token);
    return tokens;
}

} // namespace natter::bench::seed
