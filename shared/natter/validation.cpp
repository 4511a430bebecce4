// SPDX-License-Identifier: Apache-2.0
#include "natter/validation.h"

#include <QSet>
#include <QStringView>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace natter::validation {
namespace {

bool hasControlCharacters(const QString &text)
{
    for (const QChar ch : text) {
        const auto category = ch.category();
        if (category == QChar::Other_Control || category == QChar::Other_Format ||
            ch == QChar::LineSeparator || ch == QChar::ParagraphSeparator)
            return true;
    }
    return false;
}

bool hasLoneSurrogates(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch.isHighSurrogate()) {
            if (i + 1 >= text.size() || !text.at(i + 1).isLowSurrogate())
                return true;
            ++i;
        } else if (ch.isLowSurrogate()) {
            return true;
        }
    }
    return false;
}

Result<QString> boundedText(const QString &field, const QString &input, int max, bool allowControl)
{
    const QString trimmed = input.trimmed();
    if (trimmed.isEmpty())
        return ApiError::validation(field, u"must not be empty"_s);
    if (codePointCount(trimmed) > max)
        return ApiError::validation(field, u"must be at most %1 characters"_s.arg(max));
    if (hasLoneSurrogates(input))
        return ApiError::validation(field, u"must be valid UTF-8"_s);
    // PostgreSQL text cannot hold U+0000: refuse it here rather than fail at the INSERT.
    if (input.contains(QChar(u'\0')))
        return ApiError::validation(field, u"must not contain NUL characters"_s);
    if (!allowControl && hasControlCharacters(input))
        return ApiError::validation(field, u"must not contain control characters"_s);
    return trimmed;
}

//! Characters that render as nothing yet are not whitespace: a name made of them looks empty,
//! or like another user's name with an invisible difference.
bool isInvisibleFiller(char32_t codePoint)
{
    switch (codePoint) {
    case 0x115F: // Hangul choseong filler
    case 0x1160: // Hangul jungseong filler
    case 0x3164: // Hangul filler
    case 0xFFA0: // halfwidth Hangul filler
    case 0x2800: // Braille pattern blank
    case 0x17B4: // Khmer vowel inherent AQ
    case 0x17B5: // Khmer vowel inherent AA
    case 0x180E: // Mongolian vowel separator
    case 0x3000: // ideographic space (inside a name)
        return true;
    default:
        return false;
    }
}

//! Explicit direction overrides, embeddings and isolates (U+202A-E, U+2066-9): they make
//! text display in another order than it reads, e.g. a link that shows as another.
bool isBidiControl(char32_t codePoint)
{
    return (codePoint >= 0x202A && codePoint <= 0x202E) ||
           (codePoint >= 0x2066 && codePoint <= 0x2069);
}

//! Stacked combining marks ("Zalgo" text) that spill over the lines around them.
constexpr int kMaxCombiningRun = 4;

std::optional<QString> spoofingProblem(const QString &text, bool isName)
{
    int combiningRun = 0;
    for (const char32_t codePoint : QStringView(text).toUcs4()) {
        if (isBidiControl(codePoint))
            return u"must not contain text direction overrides"_s;
        if (isName && isInvisibleFiller(codePoint))
            return u"must not contain invisible characters"_s;
        const auto category = QChar::category(codePoint);
        const bool combining =
            category == QChar::Mark_NonSpacing || category == QChar::Mark_Enclosing;
        combiningRun = combining ? combiningRun + 1 : 0;
        if (combiningRun > kMaxCombiningRun)
            return u"must not stack more than %1 combining marks"_s.arg(kMaxCombiningRun);
    }
    return std::nullopt;
}

//! Whitespace around a message is kept (stored as sent) but not without bound: one message
//! must not carry kilobytes of blank lines past the length limit.
constexpr qsizetype kMaxSurroundingWhitespace = 64;

} // namespace

qsizetype codePointCount(const QString &text)
{
    qsizetype count = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++count;
    }
    return count;
}

bool isReservedUsername(const QString &lowerCaseName)
{
    static const QSet<QString> reserved{
        u"admin"_s,   u"administrator"_s, u"api"_s,       u"app"_s,       u"auth"_s,   u"help"_s,
        u"login"_s,   u"logout"_s,        u"me"_s,        u"moderator"_s, u"natter"_s, u"null"_s,
        u"root"_s,    u"settings"_s,      u"setup"_s,     u"signin"_s,    u"signup"_s, u"staff"_s,
        u"support"_s, u"system"_s,        u"undefined"_s, u"user"_s,      u"users"_s,  u"www"_s,
    };
    return reserved.contains(lowerCaseName);
}

Result<QString> username(const QString &field, const QString &input)
{
    const QString name = input.trimmed().toLower();
    if (name.size() < limits::kUsernameMin || name.size() > limits::kUsernameMax)
        return ApiError::validation(
            field, u"must be %1 to %2 characters"_s.arg(QString::number(limits::kUsernameMin),
                                                        QString::number(limits::kUsernameMax)));
    for (const QChar ch : name) {
        const bool allowed = (ch >= u'a' && ch <= u'z') || (ch >= u'0' && ch <= u'9') || ch == u'_';
        if (!allowed)
            return ApiError::validation(field,
                                        u"may contain only letters a-z, digits and underscore"_s);
    }
    if (isReservedUsername(name))
        return ApiError::validation(field, u"is reserved"_s);
    return name;
}

Result<QString> displayName(const QString &field, const QString &input)
{
    auto checked = boundedText(field, input, limits::kDisplayNameMax, false);
    if (!checked)
        return checked.error();
    if (const auto problem = spoofingProblem(checked.value(), true))
        return ApiError::validation(field, *problem);
    return checked;
}

Result<QString> messageBody(const QString &field, const QString &input)
{
    auto checked = boundedText(field, input, limits::kMessageBodyMax, true);
    if (!checked)
        return checked.error();
    if (codePointCount(input) - codePointCount(checked.value()) > kMaxSurroundingWhitespace)
        return ApiError::validation(field, u"has too much blank space around the text"_s);
    if (const auto problem = spoofingProblem(checked.value(), false))
        return ApiError::validation(field, *problem);
    return input;
}

Result<QString> reportReason(const QString &field, const QString &input)
{
    return boundedText(field, input, limits::kReportReasonMax, true);
}

Result<QString> groupTitle(const QString &field, const QString &input)
{
    return boundedText(field, input, limits::kGroupTitleMax, false);
}

Result<QString> clientMsgId(const QString &field, const QString &input)
{
    if (input.isEmpty() || input.size() > limits::kClientMsgIdMax)
        return ApiError::validation(field,
                                    u"must be 1 to %1 characters"_s.arg(limits::kClientMsgIdMax));
    for (const QChar ch : input) {
        if (ch.unicode() < 0x21 || ch.unicode() > 0x7e)
            return ApiError::validation(field, u"must be printable ASCII"_s);
    }
    return input;
}

Result<QUuid> uuid(const QString &field, const QString &input)
{
    const QUuid id = QUuid::fromString(input);
    if (id.isNull() || (input.size() != 36 && input.size() != 38))
        return ApiError::validation(field, u"must be a UUID"_s);
    return id;
}

Result<int> pageLimit(const QString &field, const QString &input, int defaultValue, int max)
{
    if (input.isEmpty())
        return defaultValue;
    bool ok = false;
    const int value = input.toInt(&ok);
    if (!ok || value < 1 || value > max)
        return ApiError::validation(field, u"must be an integer from 1 to %1"_s.arg(max));
    return value;
}

Result<qint64> seqCursor(const QString &field, const QString &input)
{
    if (input.isEmpty())
        return qint64(-1);
    bool ok = false;
    const qint64 value = input.toLongLong(&ok);
    if (!ok || value < 0)
        return ApiError::validation(field, u"must be a non-negative integer"_s);
    return value;
}

} // namespace natter::validation
