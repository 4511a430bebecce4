// SPDX-License-Identifier: Apache-2.0
#include "db/sql.h"

#include "logging.h"

#include <QSqlError>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::sql {
namespace {

ApiError errorFromSql(const QSqlError &error)
{
    if (error.nativeErrorCode() == "23505"_L1)
        return ApiError::conflict(u"That already exists."_s);
    logging::event(lcDb(), QtWarningMsg, u"query failed"_s,
                   {{u"sqlstate"_s, error.nativeErrorCode()},
                    {u"error"_s, error.databaseText().left(300)}});
    if (error.type() == QSqlError::ConnectionError || error.nativeErrorCode().startsWith(u"08"_s) ||
        error.nativeErrorCode() == "57P01"_L1 || error.databaseText().contains(u"connection"_s))
        return ApiError::unavailable();
    return ApiError::internal();
}

} // namespace

Result<QSqlQuery> exec(QSqlDatabase &db, const QString &statement, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(statement))
        return errorFromSql(query.lastError());
    for (const QVariant &value : values)
        query.addBindValue(value);
    if (!query.exec())
        return errorFrom(query);
    return query;
}

Status execRaw(QSqlDatabase &db, const QString &statement)
{
    QSqlQuery query(db);
    if (!query.exec(statement))
        return errorFrom(query);
    return Done{};
}

ApiError errorFrom(const QSqlQuery &query)
{
    return errorFromSql(query.lastError());
}

Transaction::Transaction(QSqlDatabase &db) : m_db(db), m_began(db.transaction()) {}

Transaction::~Transaction()
{
    if (m_began && !m_done)
        m_db.rollback();
}

Status Transaction::commit()
{
    m_done = true;
    if (!m_db.commit())
        return errorFromSql(m_db.lastError());
    return Done{};
}

} // namespace natter::server::sql
