// SPDX-License-Identifier: Apache-2.0
#include "chat/jsonbytes.h"

#include "natter/timestamps.h"

#include <charconv>

namespace natter::server::jsonbytes {
namespace {

constexpr char kHex[] = "0123456789abcdef";

char *writeEscapedUnit(char *cursor, char16_t unit)
{
    *cursor++ = '\\';
    *cursor++ = 'u';
    *cursor++ = kHex[(unit >> 12) & 0xf];
    *cursor++ = kHex[(unit >> 8) & 0xf];
    *cursor++ = kHex[(unit >> 4) & 0xf];
    *cursor++ = kHex[unit & 0xf];
    return cursor;
}

char *writeAscii(char *cursor, char16_t unit)
{
    if (unit >= 0x20 && unit != u'"' && unit != u'\\') {
        *cursor++ = char(unit);
        return cursor;
    }
    switch (unit) {
    case u'"':
        *cursor++ = '\\';
        *cursor++ = '"';
        return cursor;
    case u'\\':
        *cursor++ = '\\';
        *cursor++ = '\\';
        return cursor;
    case u'\b':
        *cursor++ = '\\';
        *cursor++ = 'b';
        return cursor;
    case u'\f':
        *cursor++ = '\\';
        *cursor++ = 'f';
        return cursor;
    case u'\n':
        *cursor++ = '\\';
        *cursor++ = 'n';
        return cursor;
    case u'\r':
        *cursor++ = '\\';
        *cursor++ = 'r';
        return cursor;
    case u'\t':
        *cursor++ = '\\';
        *cursor++ = 't';
        return cursor;
    default:
        return writeEscapedUnit(cursor, unit);
    }
}

//! Two decimal digits (or more for `width` > 2), zero-padded.
char *writeDigits(char *cursor, int value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        cursor[i] = char('0' + value % 10);
        value /= 10;
    }
    return cursor + width;
}

struct Civil
{
    qint64 year;
    int month;
    int day;
};

//! The proleptic Gregorian date `days` after 1970-01-01 (Howard Hinnant's civil_from_days).
Civil civilFromDays(qint64 days)
{
    days += 719468;
    const qint64 era = (days >= 0 ? days : days - 146096) / 146097;
    const qint64 dayOfEra = days - era * 146097;
    const qint64 yearOfEra =
        (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const qint64 dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const qint64 monthIndex = (5 * dayOfYear + 2) / 153;
    const int day = int(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    const int month = int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    return {yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

} // namespace

void appendString(QByteArray &out, QStringView text)
{
    const qsizetype start = out.size();
    // At most six bytes per UTF-16 unit (`\uXXXX`; UTF-8 needs at most three), and the quotes.
    out.resize(start + 2 + 6 * text.size());
    char *cursor = out.data() + start;
    *cursor++ = '"';
    const char16_t *source = text.utf16();
    const char16_t *const end = source + text.size();
    while (source != end) {
        const char16_t unit = *source++;
        if (unit < 0x80) {
            cursor = writeAscii(cursor, unit);
        } else if (unit < 0x800) {
            *cursor++ = char(0xc0 | (unit >> 6));
            *cursor++ = char(0x80 | (unit & 0x3f));
        } else if (!QChar::isSurrogate(unit)) {
            *cursor++ = char(0xe0 | (unit >> 12));
            *cursor++ = char(0x80 | ((unit >> 6) & 0x3f));
            *cursor++ = char(0x80 | (unit & 0x3f));
        } else if (QChar::isHighSurrogate(unit) && source != end &&
                   QChar::isLowSurrogate(*source)) {
            const char32_t code = QChar::surrogateToUcs4(unit, *source++);
            *cursor++ = char(0xf0 | (code >> 18));
            *cursor++ = char(0x80 | ((code >> 12) & 0x3f));
            *cursor++ = char(0x80 | ((code >> 6) & 0x3f));
            *cursor++ = char(0x80 | (code & 0x3f));
        } else {
            // Not UTF-16 any encoder could turn into UTF-8: QJsonDocument escapes the unit.
            cursor = writeEscapedUnit(cursor, unit);
        }
    }
    *cursor++ = '"';
    out.truncate(cursor - out.constData());
}

void appendTimestamp(QByteArray &out, const QDateTime &time)
{
    constexpr qint64 kMsecsPerDay = 86'400'000;
    const qint64 msecs = time.isValid() ? time.toMSecsSinceEpoch() : 0;
    const qint64 days = (msecs >= 0 ? msecs : msecs - (kMsecsPerDay - 1)) / kMsecsPerDay;
    const Civil date = civilFromDays(days);
    if (!time.isValid() || date.year < 0 || date.year > 9999) {
        // Not a time a message or account carries; QDateTime says how it prints.
        appendString(out, formatTimestamp(time));
        return;
    }
    const int msecOfDay = int(msecs - days * kMsecsPerDay);
    const qsizetype start = out.size();
    out.resize(start + 26); // "yyyy-MM-ddTHH:mm:ss.zzzZ" and the quotes
    char *cursor = out.data() + start;
    *cursor++ = '"';
    cursor = writeDigits(cursor, int(date.year), 4);
    *cursor++ = '-';
    cursor = writeDigits(cursor, date.month, 2);
    *cursor++ = '-';
    cursor = writeDigits(cursor, date.day, 2);
    *cursor++ = 'T';
    cursor = writeDigits(cursor, msecOfDay / 3'600'000, 2);
    *cursor++ = ':';
    cursor = writeDigits(cursor, msecOfDay / 60'000 % 60, 2);
    *cursor++ = ':';
    cursor = writeDigits(cursor, msecOfDay / 1000 % 60, 2);
    *cursor++ = '.';
    cursor = writeDigits(cursor, msecOfDay % 1000, 3);
    *cursor++ = 'Z';
    *cursor++ = '"';
}

void appendUuid(QByteArray &out, const QUuid &id)
{
    const unsigned char bytes[16] = {
        uchar(id.data1 >> 24), uchar(id.data1 >> 16), uchar(id.data1 >> 8), uchar(id.data1),
        uchar(id.data2 >> 8),  uchar(id.data2),       uchar(id.data3 >> 8), uchar(id.data3),
        id.data4[0],           id.data4[1],           id.data4[2],          id.data4[3],
        id.data4[4],           id.data4[5],           id.data4[6],          id.data4[7]};
    const qsizetype start = out.size();
    out.resize(start + 38); // 36 characters and the quotes
    char *cursor = out.data() + start;
    *cursor++ = '"';
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            *cursor++ = '-';
        *cursor++ = kHex[bytes[i] >> 4];
        *cursor++ = kHex[bytes[i] & 0xf];
    }
    *cursor++ = '"';
}

void appendInteger(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto written = std::to_chars(digits, digits + sizeof digits, value);
    out.append(digits, written.ptr - digits);
}

} // namespace natter::server::jsonbytes
