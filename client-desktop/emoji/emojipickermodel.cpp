// SPDX-License-Identifier: Apache-2.0
#include "emoji/emojipickermodel.h"

#include "emoji/emojicatalog.h"

#include <QSettings>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

const auto kRecentKey = u"emoji/recent"_s;

//! `word` starts a word of `name` ("up" in "thumbs up", "wales" in "flag: wales").
bool startsAWordOf(const QString &name, const QString &word)
{
    for (qsizetype at = name.indexOf(word); at >= 0; at = name.indexOf(word, at + 1)) {
        if (at == 0 || !name.at(at - 1).isLetterOrNumber())
            return true;
    }
    return false;
}

} // namespace

EmojiPickerModel::EmojiPickerModel(QObject *parent) : QAbstractListModel(parent)
{
    rebuild();
}

void EmojiPickerModel::setSettings(QSettings *settings)
{
    m_settings = settings;
    m_recent = settings ? settings->value(kRecentKey).toStringList() : QStringList();
    Q_EMIT recentChanged();
    rebuild();
}

int EmojiPickerModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant EmojiPickerModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case IsHeaderRole:
        return row.first < 0;
    case TitleRole:
        return m_sections.at(row.section).title;
    case EmojisRole:
    case NamesRole: {
        QStringList values;
        for (int i = row.first; i >= 0 && i < row.first + row.count; ++i)
            values.append(role == EmojisRole ? m_shown.at(i).text : m_shown.at(i).name);
        return values;
    }
    case FirstIndexRole:
        return row.first;
    default:
        return {};
    }
}

QHash<int, QByteArray> EmojiPickerModel::roleNames() const
{
    return {
        {IsHeaderRole, "isHeader"}, {TitleRole, "title"},           {EmojisRole, "emojis"},
        {NamesRole, "names"},       {FirstIndexRole, "firstIndex"},
    };
}

void EmojiPickerModel::setFilter(const QString &filter)
{
    if (m_filter == filter)
        return;
    m_filter = filter;
    m_filterWords = filter.toLower().split(u' ', Qt::SkipEmptyParts);
    Q_EMIT filterChanged();
    rebuild();
}

void EmojiPickerModel::setColumns(int columns)
{
    if (columns < 1 || m_columns == columns)
        return;
    m_columns = columns;
    Q_EMIT columnsChanged();
    rebuild();
}

QVariantList EmojiPickerModel::sections() const
{
    QVariantList list;
    for (const Section &section : m_sections) {
        list.append(QVariantMap{{u"title"_s, section.title},
                                {u"icon"_s, section.icon},
                                {u"row"_s, section.headerRow},
                                {u"first"_s, m_rows.at(section.headerRow + 1).first}});
    }
    return list;
}

QString EmojiPickerModel::emojiAt(int index) const
{
    return index >= 0 && index < m_shown.size() ? m_shown.at(index).text : QString();
}

QString EmojiPickerModel::nameAt(int index) const
{
    return index >= 0 && index < m_shown.size() ? m_shown.at(index).name : QString();
}

int EmojiPickerModel::rowOf(int index) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        const Row &candidate = m_rows.at(row);
        if (candidate.first >= 0 && index >= candidate.first &&
            index < candidate.first + candidate.count)
            return row;
    }
    return -1;
}

int EmojiPickerModel::sectionOfRow(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).section : 0;
}

int EmojiPickerModel::step(int index, int dx, int dy) const
{
    if (m_shown.isEmpty())
        return -1;
    if (index < 0 || index >= m_shown.size())
        return 0;
    if (dy == 0)
        return std::clamp(index + dx, 0, int(m_shown.size()) - 1);
    const int from = rowOf(index);
    const int column = index - m_rows.at(from).first;
    for (int row = from + (dy > 0 ? 1 : -1); row >= 0 && row < m_rows.size();
         row += (dy > 0 ? 1 : -1)) {
        const Row &target = m_rows.at(row);
        if (target.first >= 0)
            return target.first + std::min(column, target.count - 1);
    }
    return index;
}

void EmojiPickerModel::remember(const QString &emoji)
{
    if (emoji.isEmpty())
        return;
    m_recent.removeAll(emoji);
    m_recent.prepend(emoji);
    while (m_recent.size() > kMaxRecent)
        m_recent.removeLast();
    if (m_settings)
        m_settings->setValue(kRecentKey, m_recent);
    Q_EMIT recentChanged();
    if (m_filterWords.isEmpty())
        rebuild();
}

bool EmojiPickerModel::matches(const QString &name) const
{
    const QString lower = name.toLower();
    return std::all_of(m_filterWords.cbegin(), m_filterWords.cend(),
                       [&lower](const QString &word) { return startsAWordOf(lower, word); });
}

void EmojiPickerModel::addSection(const QString &title, const QList<Shown> &emojis)
{
    if (emojis.isEmpty())
        return;
    const int section = int(m_sections.size());
    m_sections.append({title, emojis.constFirst().text, int(m_rows.size())});
    m_rows.append({section, -1, 0});
    for (qsizetype at = 0; at < emojis.size(); at += m_columns) {
        const int count = int(std::min<qsizetype>(m_columns, emojis.size() - at));
        m_rows.append({section, int(m_shown.size()), count});
        m_shown.append(emojis.mid(at, count));
    }
}

void EmojiPickerModel::rebuild()
{
    beginResetModel();
    m_shown.clear();
    m_rows.clear();
    m_sections.clear();
    const EmojiCatalog &catalog = EmojiCatalog::instance();
    if (!m_filterWords.isEmpty()) {
        QList<Shown> found;
        for (const EmojiCatalog::Emoji &emoji : catalog.emojis()) {
            if (matches(emoji.name))
                found.append({emoji.text, emoji.name});
        }
        addSection(tr("Search results"), found);
    } else {
        QList<Shown> recent;
        for (const QString &emoji : std::as_const(m_recent))
            recent.append({emoji, catalog.nameOf(emoji)});
        addSection(tr("Recently used"), recent);
        if (!m_sections.isEmpty())
            m_sections.last().icon = u"\U0001F558"_s;
        QList<QList<Shown>> groups(catalog.groups().size());
        for (const EmojiCatalog::Emoji &emoji : catalog.emojis())
            groups[emoji.group].append({emoji.text, emoji.name});
        for (qsizetype group = 0; group < groups.size(); ++group)
            addSection(catalog.groups().at(group), groups.at(group));
    }
    endResetModel();
    Q_EMIT shownChanged();
}

} // namespace natter::desktop
