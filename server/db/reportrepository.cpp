// SPDX-License-Identifier: Apache-2.0
#include "db/reportrepository.h"

#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

Result<QUuid> ReportRepository::create(const QUuid &reporterId, const QUuid &reportedUserId,
                                       const QUuid &messageId, const QString &reason)
{
    auto query =
        sql::exec(m_db,
                  u"INSERT INTO reports (reporter_id, reported_user_id, message_id, reason) "
                  "VALUES (?::uuid, ?::uuid, ?::uuid, ?) RETURNING id"_s,
                  {rows::uuidText(reporterId), rows::uuidText(reportedUserId),
                   messageId.isNull() ? QVariant(QMetaType::fromType<QString>())
                                      : QVariant(rows::uuidText(messageId)),
                   reason});
    if (!query)
        return query.error();
    if (!query.value().next())
        return ApiError::internal();
    return rows::uuid(query.value().value(0));
}

} // namespace natter::server
