// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

namespace natter::desktop::format {

//! One inline piece of formatted text: plain text, `code`, a line break, *bold* / _italic_
//! holding more pieces, or an `@username` mention (never made by parseMessage, which only
//! knows the text: markMentions in core/mentions.h adds them for the members the server
//! found mentioned).
struct Inline
{
    enum class Kind
    {
        Text,
        Bold,
        Italic,
        Code,
        Break,
        Mention
    };
    Kind kind = Kind::Text;
    QString text;           //!< Text, Code and Mention (with its @)
    QList<Inline> children; //!< Bold and Italic
};

//! A paragraph or a `> quote` of inline pieces, or a fenced code block of verbatim text.
struct Block
{
    enum class Kind
    {
        Paragraph,
        Quote,
        CodeBlock
    };
    Kind kind = Kind::Paragraph;
    QList<Inline> inlines; //!< Paragraph and Quote
    QString code;          //!< CodeBlock
};

//! The formatting both clients share (`*bold*`, `_italic_`, `` `code` ``, fenced code blocks,
//! `> quotes`). The web app has the same rules in web/src/lib/messageFormat.ts; the cases in
//! tests/shared/message-format-cases.json hold both to the same result. The stored text stays
//! plain: this only decides how it is shown.
[[nodiscard]] QList<Block> parseMessage(const QString &text);

//! The blocks as Qt Quick text markup, every character of the message escaped: the message can
//! never add markup of its own. Only <b>, <i>, <br>, <font color> and, for code, <code> and
//! <pre>; `quoteColor` tints the bar in front of quoted lines, `mentionColor` the mentions.
[[nodiscard]] QString toStyledText(const QList<Block> &blocks, const QString &quoteColor,
                                   const QString &mentionColor = {});

//! Whether the blocks hold code. Text.StyledText, fast enough for every row, has no fixed-pitch
//! font (its <font> takes no face); rows with code are shown as Text.RichText instead.
[[nodiscard]] bool hasCode(const QList<Block> &blocks);

} // namespace natter::desktop::format
