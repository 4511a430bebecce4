// SPDX-License-Identifier: Apache-2.0
#include "realtime/endedsignins.h"

#include "db/dbpool.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {

QFuture<Result<QList<QUuid>>> endedSignIns(DbPool &pool, const QList<QUuid> &families)
{
    QStringList ids;
    for (const QUuid &family : families)
        ids.append(family.toString(QUuid::WithoutBraces));
    const QString array = u'{' + ids.join(u',') + u'}';
    return pool.run<QList<QUuid>>([array](QSqlDatabase &db) -> Result<QList<QUuid>> {
        auto ended = sql::exec(db,
                               u"SELECT f FROM unnest(?::uuid[]) AS f WHERE NOT EXISTS "
                               "(SELECT 1 FROM refresh_tokens WHERE family_id = f "
                               "AND revoked_at IS NULL)"_s,
                               {array});
        if (!ended)
            return ended.error();
        QList<QUuid> result;
        while (ended.value().next())
            result.append(QUuid::fromString(ended.value().value(0).toString()));
        return result;
    });
}

} // namespace natter::server::realtime
