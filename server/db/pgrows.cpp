// SPDX-License-Identifier: Apache-2.0
#include "db/pgrows.h"

// From /usr/include without libpq's include directory on every target of the library.
#include <postgresql/libpq-fe.h>

#include <QSqlResult>

#include <charconv>
#include <cmath>

namespace natter::server {
namespace {

//! Days from 1970-01-01 to the proleptic Gregorian date (Howard Hinnant's days_from_civil).
qint64 daysFromCivil(qint64 year, int month, int day)
{
    year -= month <= 2 ? 1 : 0;
    const qint64 era = (year >= 0 ? year : year - 399) / 400;
    const qint64 yearOfEra = year - era * 400;
    const qint64 dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const qint64 dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

//! Reads `width` digits at `at`; -1 when they are not all digits.
int digits(QByteArrayView text, qsizetype at, int width)
{
    if (at + width > text.size())
        return -1;
    int value = 0;
    for (int i = 0; i < width; ++i) {
        const char c = text.at(at + i);
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

//! The general path, for what the fast one does not read (years past 9999, BC, infinity):
//! what QPSQL does with the text.
QDateTime timestampViaQt(QByteArrayView text)
{
    QString iso = QString::fromLatin1(text);
    if (iso.size() > 3 && (iso.at(iso.size() - 3) == u'+' || iso.at(iso.size() - 3) == u'-'))
        iso.append(QLatin1StringView(":00"));
    return QDateTime::fromString(iso, Qt::ISODate).toUTC();
}

} // namespace

QDateTime timestampFromPgText(QByteArrayView text)
{
    // yyyy-MM-dd HH:mm:ss[.f{1,6}](+|-)HH[:mm[:ss]]
    const int year = digits(text, 0, 4);
    const int month = digits(text, 5, 2);
    const int day = digits(text, 8, 2);
    const int hour = digits(text, 11, 2);
    const int minute = digits(text, 14, 2);
    const int second = digits(text, 17, 2);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
        minute < 0 || minute > 59 || second < 0 || second > 59 || text.at(4) != '-' ||
        text.at(7) != '-' || text.at(10) != ' ' || text.at(13) != ':' || text.at(16) != ':')
        return timestampViaQt(text);
    qsizetype at = 19;
    int msec = 0;
    if (at < text.size() && text.at(at) == '.') {
        ++at;
        qint64 fraction = 0;
        int fractionDigits = 0;
        while (at < text.size() && text.at(at) >= '0' && text.at(at) <= '9' && fractionDigits < 9) {
            fraction = fraction * 10 + (text.at(at) - '0');
            ++fractionDigits;
            ++at;
        }
        if (fractionDigits == 0)
            return timestampViaQt(text);
        // The very arithmetic of QTime's ISO parser, so a half millisecond rounds the same way.
        msec = qRound(1000 * (double(fraction) * std::pow(0.1, fractionDigits)));
    }
    if (at >= text.size() || (text.at(at) != '+' && text.at(at) != '-'))
        return timestampViaQt(text);
    const int sign = text.at(at) == '+' ? 1 : -1;
    const int offsetHours = digits(text, at + 1, 2);
    int offsetMinutes = 0;
    int offsetSeconds = 0;
    at += 3;
    if (at < text.size() && text.at(at) == ':') {
        offsetMinutes = digits(text, at + 1, 2);
        at += 3;
        if (at < text.size() && text.at(at) == ':') {
            offsetSeconds = digits(text, at + 1, 2);
            at += 3;
        }
    }
    if (offsetHours < 0 || offsetMinutes < 0 || offsetSeconds < 0 || at != text.size())
        return timestampViaQt(text);
    const qint64 offset = sign * (offsetHours * 3600 + offsetMinutes * 60 + offsetSeconds);
    const qint64 seconds =
        daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second - offset;
    return QDateTime::fromMSecsSinceEpoch(seconds * 1000 + msec, Qt::UTC);
}

std::optional<PgRows> PgRows::of(const QSqlQuery &query)
{
    const QVariant handle = query.result() ? query.result()->handle() : QVariant();
    // Qt 6.4 names the type after libpq's struct; the documentation spells the typedef.
    if (!handle.isValid() || (qstrcmp(handle.typeName(), "pg_result*") != 0 &&
                              qstrcmp(handle.typeName(), "PGresult*") != 0))
        return std::nullopt;
    return PgRows(*static_cast<const pg_result *const *>(handle.constData()));
}

int PgRows::count() const
{
    return m_result ? PQntuples(m_result) : 0;
}

bool PgRows::isNull(int row, int column) const
{
    return PQgetisnull(m_result, row, column) != 0;
}

QByteArrayView PgRows::bytes(int row, int column) const
{
    return {PQgetvalue(m_result, row, column), PQgetlength(m_result, row, column)};
}

QString PgRows::text(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return QString::fromUtf8(bytes(row, column));
}

QUuid PgRows::uuid(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return QUuid::fromString(QLatin1StringView(bytes(row, column)));
}

qint64 PgRows::integer(int row, int column) const
{
    const QByteArrayView cell = bytes(row, column);
    qint64 value = 0;
    std::from_chars(cell.data(), cell.data() + cell.size(), value);
    return value;
}

bool PgRows::boolean(int row, int column) const
{
    return !isNull(row, column) && bytes(row, column).startsWith('t');
}

QDateTime PgRows::timestamp(int row, int column) const
{
    if (isNull(row, column))
        return {};
    return timestampFromPgText(bytes(row, column));
}

} // namespace natter::server
