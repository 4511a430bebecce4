// SPDX-License-Identifier: Apache-2.0
#include "core/mentions.h"

namespace natter::desktop::format {
namespace {

bool isNameChar(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') ||
           c == u'_';
}

//! One text piece split at its mentions (a single piece when there is none).
QList<Inline> splitText(const QString &text, const QSet<QString> &usernames)
{
    QList<Inline> pieces;
    qsizetype plainFrom = 0;
    qsizetype i = 0;
    while (i < text.size()) {
        if (text.at(i) != u'@' || (i > 0 && isNameChar(text.at(i - 1)))) {
            ++i;
            continue;
        }
        qsizetype end = i + 1;
        while (end < text.size() && isNameChar(text.at(end)))
            ++end;
        if (!usernames.contains(text.mid(i + 1, end - i - 1).toLower())) {
            i = end;
            continue;
        }
        if (i > plainFrom)
            pieces.append({Inline::Kind::Text, text.mid(plainFrom, i - plainFrom), {}});
        pieces.append({Inline::Kind::Mention, text.mid(i, end - i), {}});
        plainFrom = i = end;
    }
    if (plainFrom < text.size())
        pieces.append({Inline::Kind::Text, text.mid(plainFrom), {}});
    return pieces;
}

QList<Inline> markInlines(const QList<Inline> &inlines, const QSet<QString> &usernames)
{
    QList<Inline> out;
    for (const Inline &piece : inlines) {
        if (piece.kind == Inline::Kind::Text) {
            out += splitText(piece.text, usernames);
            continue;
        }
        Inline copy = piece;
        copy.children = markInlines(piece.children, usernames);
        out.append(copy);
    }
    return out;
}

} // namespace

QList<Block> markMentions(QList<Block> blocks, const QSet<QString> &usernames)
{
    if (usernames.isEmpty())
        return blocks;
    for (Block &block : blocks)
        block.inlines = markInlines(block.inlines, usernames);
    return blocks;
}

} // namespace natter::desktop::format
