// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QUrlQuery>

namespace natter::desktop {

//! The query of a paged route: where the page starts (`before`, `after`: a seq or a rev) and
//! how many items it holds at most.
[[nodiscard]] inline QUrlQuery pageQuery(const QString &cursorName, qint64 cursor, int limit)
{
    QUrlQuery query;
    query.addQueryItem(cursorName, QString::number(cursor));
    query.addQueryItem(QStringLiteral("limit"), QString::number(limit));
    return query;
}

} // namespace natter::desktop
