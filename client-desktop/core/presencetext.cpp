// SPDX-License-Identifier: Apache-2.0
#include "core/presencetext.h"

#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

QString presenceText(std::optional<bool> online, const QDateTime &lastSeenAt, const QDateTime &now)
{
    if (!online)
        return {};
    if (*online)
        return u"online"_s;
    if (!lastSeenAt.isValid())
        return u"offline"_s;
    const qint64 seconds = std::max<qint64>(0, lastSeenAt.secsTo(now));
    if (seconds < 60)
        return u"last seen just now"_s;
    if (seconds < 3600)
        return u"last seen %1 min ago"_s.arg(seconds / 60);
    const QDateTime local = lastSeenAt.toLocalTime();
    const QDate today = now.toLocalTime().date();
    const QString time = QLocale().toString(local.time(), u"HH:mm"_s);
    if (local.date() == today)
        return u"last seen today at %1"_s.arg(time);
    if (local.date() == today.addDays(-1))
        return u"last seen yesterday at %1"_s.arg(time);
    if (local.date().year() == today.year())
        return u"last seen %1"_s.arg(QLocale().toString(local.date(), u"d MMM"_s));
    return u"last seen %1"_s.arg(QLocale().toString(local.date(), u"d MMM yyyy"_s));
}

} // namespace natter::desktop
