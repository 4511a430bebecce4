// SPDX-License-Identifier: Apache-2.0
#include "natter/reactionemoji.h"

#include <QStringView>
#include <QTextBoundaryFinder>

using namespace Qt::Literals::StringLiterals;

namespace natter::validation {
namespace {

//! Combining enclosing keycap: "1" + U+FE0F + U+20E3 is the keycap emoji 1️⃣.
constexpr char32_t kKeycap = 0x20E3;

bool isSingleGrapheme(const QString &text)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    finder.toStart();
    return finder.toNextBoundary() == text.size();
}

//! An emoji or symbol somewhere in it: Symbol_Other covers pictographs, flags' regional
//! indicators and ©/®; a keycap makes "1" one.
bool hasPictograph(const QString &text)
{
    for (const char32_t codePoint : text.toUcs4()) {
        if (codePoint == kKeycap || QChar::category(codePoint) == QChar::Symbol_Other)
            return true;
    }
    return false;
}

} // namespace

Result<QString> reactionEmoji(const QString &field, const QString &input)
{
    if (input.isEmpty())
        return ApiError::validation(field, u"must be an emoji"_s);
    if (input.toUtf8().size() > limits::kReactionEmojiMaxBytes)
        return ApiError::validation(
            field, u"must be at most %1 bytes of UTF-8"_s.arg(limits::kReactionEmojiMaxBytes));
    if (!isSingleGrapheme(input))
        return ApiError::validation(field, u"must be one emoji"_s);
    if (!hasPictograph(input))
        return ApiError::validation(field, u"must be an emoji"_s);
    return input;
}

} // namespace natter::validation
