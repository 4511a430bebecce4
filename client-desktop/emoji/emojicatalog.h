// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

namespace natter::desktop {

//! Every emoji the picker offers, with its name and category, in Unicode's order: the table
//! generated at build time from Unicode's emoji-test.txt (emoji/generate-emoji-table.cmake),
//! read once from the resources.
class EmojiCatalog final
{
public:
    struct Emoji
    {
        QString text;
        //! Unicode's (CLDR's) short name: "grinning face", "flag: Wales".
        QString name;
        //! Index into `groups()`.
        int group = 0;
    };

    //! The one catalog, read on first use.
    [[nodiscard]] static const EmojiCatalog &instance();
    //! Reads a table in the generated format (`=Group` lines, then `emoji<TAB>name` lines).
    [[nodiscard]] static EmojiCatalog fromTable(const QByteArray &table);

    [[nodiscard]] const QList<Emoji> &emojis() const { return m_emojis; }
    //! The categories' names ("Smileys & Emotion", …, "Flags").
    [[nodiscard]] const QStringList &groups() const { return m_groups; }
    //! The emoji's name, empty when the catalog does not hold it.
    [[nodiscard]] QString nameOf(const QString &emoji) const;

private:
    QList<Emoji> m_emojis;
    QStringList m_groups;
};

} // namespace natter::desktop
