// SPDX-License-Identifier: Apache-2.0
#include "emoji/emojicatalog.h"

#include <QFile>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

const EmojiCatalog &EmojiCatalog::instance()
{
    static const EmojiCatalog catalog = [] {
        QFile file(u":/natter/emoji/emoji.tsv"_s);
        return fromTable(file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray());
    }();
    return catalog;
}

EmojiCatalog EmojiCatalog::fromTable(const QByteArray &table)
{
    EmojiCatalog catalog;
    const QList<QByteArray> lines = table.split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith('=')) {
            catalog.m_groups.append(QString::fromUtf8(line.mid(1)));
            continue;
        }
        const qsizetype tab = line.indexOf('\t');
        if (tab <= 0 || catalog.m_groups.isEmpty())
            continue;
        catalog.m_emojis.append({QString::fromUtf8(line.left(tab)),
                                 QString::fromUtf8(line.mid(tab + 1)),
                                 int(catalog.m_groups.size() - 1)});
    }
    return catalog;
}

QString EmojiCatalog::nameOf(const QString &emoji) const
{
    for (const Emoji &entry : m_emojis) {
        if (entry.text == emoji)
            return entry.name;
    }
    return {};
}

} // namespace natter::desktop
