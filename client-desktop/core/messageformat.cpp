// SPDX-License-Identifier: Apache-2.0
#include "core/messageformat.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

// The same algorithm, step for step, as web/src/lib/messageFormat.ts: both work on UTF-16 code
// units, so the two clients agree on every message (tests/shared/message-format-cases.json).
namespace natter::desktop::format {
namespace {

const QString kFence = u"```"_s;

//! Letters and digits glue markers to a word: snake_case and 2*3*4 stay as typed.
bool isWordChar(const QString &line, qsizetype i)
{
    return i >= 0 && i < line.size() && line.at(i).isLetterOrNumber();
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == QChar(0x00a0);
}

//! Only the spaces isSpace knows: QString::trimmed and JavaScript's trim disagree on others.
QStringView trimSpaces(QStringView text)
{
    while (!text.isEmpty() && isSpace(text.front()))
        text = text.mid(1);
    while (!text.isEmpty() && isSpace(text.back()))
        text.chop(1);
    return text;
}

//! Links keep their underscores and stars: a whitespace-separated token holding `://` or
//! starting with `www.` is taken as it is.
QList<bool> protectedMask(const QString &line)
{
    QList<bool> mask(line.size(), false);
    qsizetype start = 0;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        if (i == line.size() || isSpace(line.at(i))) {
            const QStringView token = QStringView(line).mid(start, i - start);
            if (token.contains(u"://") || token.startsWith(u"www."))
                std::fill(mask.begin() + start, mask.begin() + i, true);
            start = i + 1;
        }
    }
    return mask;
}

bool canOpen(const QString &line, qsizetype i, QChar marker)
{
    if (isWordChar(line, i - 1) || i + 1 >= line.size())
        return false;
    const QChar next = line.at(i + 1);
    return !isSpace(next) && next != marker;
}

qsizetype findClose(const QString &line, qsizetype open, QChar marker, const QList<bool> &mask)
{
    for (qsizetype j = open + 2; j < line.size(); ++j) {
        if (line.at(j) != marker || mask.at(j))
            continue;
        if (!isSpace(line.at(j - 1)) && !isWordChar(line, j + 1))
            return j;
    }
    return -1;
}

Inline textPiece(const QString &text)
{
    return {Inline::Kind::Text, text, {}};
}

QList<Inline> parseSpan(const QString &line, qsizetype from, qsizetype to, const QList<bool> &mask,
                        bool allowBold, bool allowItalic)
{
    QList<Inline> out;
    QString text;
    const auto flush = [&] {
        if (!text.isEmpty())
            out.append(textPiece(text));
        text.clear();
    };
    qsizetype i = from;
    while (i < to) {
        const QChar c = line.at(i);
        if (!mask.at(i) && c == u'`') {
            const qsizetype close = line.indexOf(u'`', i + 1);
            if (close > i + 1 && close < to) {
                flush();
                out.append({Inline::Kind::Code, line.mid(i + 1, close - i - 1), {}});
                i = close + 1;
                continue;
            }
        }
        const bool wanted = (c == u'*' && allowBold) || (c == u'_' && allowItalic);
        if (!mask.at(i) && wanted && canOpen(line, i, c)) {
            const qsizetype close = findClose(line, i, c, mask);
            if (close > 0 && close < to) {
                flush();
                const bool bold = c == u'*';
                out.append(
                    {bold ? Inline::Kind::Bold : Inline::Kind::Italic,
                     {},
                     parseSpan(line, i + 1, close, mask, allowBold && !bold, allowItalic && bold)});
                i = close + 1;
                continue;
            }
        }
        text.append(c);
        ++i;
    }
    flush();
    return out;
}

//! One line with its inline spans; spans never cross a line break.
QList<Inline> parseInline(const QString &line)
{
    return parseSpan(line, 0, line.size(), protectedMask(line), true, true);
}

QList<Inline> linesToInlines(const QStringList &lines)
{
    QList<Inline> out;
    for (qsizetype index = 0; index < lines.size(); ++index) {
        if (index > 0)
            out.append({Inline::Kind::Break, {}, {}});
        out.append(parseInline(lines.at(index)));
    }
    return out;
}

bool isQuoteLine(const QString &line)
{
    return line == u">"_s || line.startsWith(u"> "_s);
}

bool isOneLineFence(const QString &line)
{
    return line.startsWith(kFence) && line.size() > 2 * kFence.size() && line.endsWith(kFence);
}

//! What an opening fence line carries into the code: nothing for ``` alone, or with a language
//! tag (not shown) when the block is closed later; otherwise the rest of the line, so an
//! unclosed "```js" still shows what was typed.
QString fenceRest(const QString &line, bool closed)
{
    static const QRegularExpression languageTag(u"^[A-Za-z0-9_+#.-]+$"_s);
    const QString rest = line.mid(kFence.size());
    return trimSpaces(rest).isEmpty() || (closed && languageTag.match(rest).hasMatch()) ? QString()
                                                                                        : rest;
}

QString escaped(const QString &text)
{
    return text.toHtmlEscaped();
}

QString styledInlines(const QList<Inline> &inlines, const QString &mentionColor);

QString styledInline(const Inline &piece, const QString &mentionColor)
{
    switch (piece.kind) {
    case Inline::Kind::Text:
        return escaped(piece.text);
    case Inline::Kind::Code:
        return u"<code>"_s + escaped(piece.text) + u"</code>"_s;
    case Inline::Kind::Break:
        return u"<br>"_s;
    case Inline::Kind::Bold:
        return u"<b>"_s + styledInlines(piece.children, mentionColor) + u"</b>"_s;
    case Inline::Kind::Italic:
        return u"<i>"_s + styledInlines(piece.children, mentionColor) + u"</i>"_s;
    case Inline::Kind::Mention:
        return u"<b><font color=\"%1\">"_s.arg(escaped(mentionColor)) + escaped(piece.text) +
               u"</font></b>"_s;
    }
    return {};
}

QString styledInlines(const QList<Inline> &inlines, const QString &mentionColor)
{
    QString out;
    for (const Inline &piece : inlines)
        out += styledInline(piece, mentionColor);
    return out;
}

//! Text markup has no blockquote: a tinted bar in front of each quoted line.
QString styledQuote(const QList<Inline> &inlines, const QString &quoteColor,
                    const QString &mentionColor)
{
    const QString bar = u"<font color=\"%1\">▎</font> "_s.arg(escaped(quoteColor));
    return bar + styledInlines(inlines, mentionColor).replace(u"<br>"_s, u"<br>"_s + bar);
}

bool inlinesHaveCode(const QList<Inline> &inlines)
{
    return std::any_of(inlines.cbegin(), inlines.cend(), [](const Inline &piece) {
        return piece.kind == Inline::Kind::Code || inlinesHaveCode(piece.children);
    });
}

} // namespace

QList<Block> parseMessage(const QString &text)
{
    QString normalized = text;
    normalized.replace(u"\r\n"_s, u"\n"_s).replace(u'\r', u'\n');
    const QStringList lines = normalized.split(u'\n');
    QList<Block> blocks;
    qsizetype i = 0;
    while (i < lines.size()) {
        const QString &line = lines.at(i);
        if (isOneLineFence(line)) {
            blocks.append({Block::Kind::CodeBlock,
                           {},
                           line.mid(kFence.size(), line.size() - 2 * kFence.size())});
            ++i;
        } else if (line.startsWith(kFence)) {
            // An unclosed fence runs to the end of the message, as in GitHub and Slack.
            qsizetype close = i + 1;
            while (close < lines.size() && trimSpaces(lines.at(close)) != kFence)
                ++close;
            QStringList code = lines.mid(i + 1, close - i - 1);
            if (const QString rest = fenceRest(line, close < lines.size()); !rest.isEmpty())
                code.prepend(rest);
            blocks.append({Block::Kind::CodeBlock, {}, code.join(u'\n')});
            i = close + 1;
        } else if (isQuoteLine(line)) {
            QStringList group;
            while (i < lines.size() && isQuoteLine(lines.at(i)))
                group.append(lines.at(i++).mid(2));
            blocks.append({Block::Kind::Quote, linesToInlines(group), {}});
        } else {
            QStringList group;
            while (i < lines.size() && !isQuoteLine(lines.at(i)) && !lines.at(i).startsWith(kFence))
                group.append(lines.at(i++));
            blocks.append({Block::Kind::Paragraph, linesToInlines(group), {}});
        }
    }
    return blocks;
}

QString toStyledText(const QList<Block> &blocks, const QString &quoteColor,
                     const QString &mentionColor)
{
    QString out;
    const Block *previous = nullptr;
    for (const Block &block : blocks) {
        // <pre> is a block of its own: a line break next to it would show as an empty line.
        const bool code = block.kind == Block::Kind::CodeBlock;
        if (previous && !code && previous->kind != Block::Kind::CodeBlock)
            out += u"<br>"_s;
        switch (block.kind) {
        case Block::Kind::Paragraph:
            out += styledInlines(block.inlines, mentionColor);
            break;
        case Block::Kind::Quote:
            out += styledQuote(block.inlines, quoteColor, mentionColor);
            break;
        case Block::Kind::CodeBlock:
            out += u"<pre>"_s + escaped(block.code) + u"</pre>"_s;
            break;
        }
        previous = &block;
    }
    return out;
}

bool hasCode(const QList<Block> &blocks)
{
    return std::any_of(blocks.cbegin(), blocks.cend(), [](const Block &block) {
        return block.kind == Block::Kind::CodeBlock || inlinesHaveCode(block.inlines);
    });
}

} // namespace natter::desktop::format
