// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractListModel>
#include <QStringList>
#include <QtQml/qqmlregistration.h>

class QSettings;

namespace natter::desktop {

//! The full emoji picker (#12), for reactions ("more…" after the frequent six) and the
//! composer: every emoji of `EmojiCatalog` by category, the recently used ones first, or those
//! whose name matches `filter`. A row is either a category's heading or up to `columns` emojis
//! of one category, so a ListView draws the grid with its headings. Emojis are numbered in the
//! order shown (recent ones count again in their category); `step` moves through them as arrow
//! keys do in a grid.
// Not final: Qt 6.4's QML registration derives from default-constructible types.
class EmojiPickerModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    //! Words the emojis' names must hold, each at the start of a word ("thumb up"); empty: all.
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)
    Q_PROPERTY(int columns READ columns WRITE setColumns NOTIFY columnsChanged)
    //! How many emojis are shown (0: the filter matched none).
    Q_PROPERTY(int emojiCount READ emojiCount NOTIFY shownChanged)
    //! The categories shown: `{title, icon, row, first}` each: its heading's row, its first
    //! emoji's number.
    Q_PROPERTY(QVariantList sections READ sections NOTIFY shownChanged)
    Q_PROPERTY(QStringList recent READ recent NOTIFY recentChanged)

public:
    enum Role
    {
        IsHeaderRole = Qt::UserRole + 1,
        TitleRole,
        //! The row's emojis (a heading has none).
        EmojisRole,
        NamesRole,
        //! The number of the row's first emoji.
        FirstIndexRole,
    };
    Q_ENUM(Role)

    //! At most this many recent emojis are kept (three rows).
    static constexpr int kMaxRecent = 24;

    explicit EmojiPickerModel(QObject *parent = nullptr);

    //! Where the recent emojis are remembered across restarts (`emoji/recent`); without it
    //! they last as long as the model.
    void setSettings(QSettings *settings);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString filter() const { return m_filter; }
    void setFilter(const QString &filter);
    [[nodiscard]] int columns() const { return m_columns; }
    void setColumns(int columns);
    [[nodiscard]] int emojiCount() const { return int(m_shown.size()); }
    [[nodiscard]] QVariantList sections() const;
    [[nodiscard]] QStringList recent() const { return m_recent; }

    Q_INVOKABLE [[nodiscard]] QString emojiAt(int index) const;
    Q_INVOKABLE [[nodiscard]] QString nameAt(int index) const;
    //! The row that shows emoji number `index`, -1 when none does.
    Q_INVOKABLE [[nodiscard]] int rowOf(int index) const;
    //! The section (of `sections`) that row `row` belongs to.
    Q_INVOKABLE [[nodiscard]] int sectionOfRow(int row) const;
    //! Where an arrow key leads from emoji `index`: `dx` along the order, `dy` rows up or down
    //! (past headings, to the same column or the row's last emoji); stays at an edge.
    Q_INVOKABLE [[nodiscard]] int step(int index, int dx, int dy) const;
    //! The emoji was picked: it goes first among the recent ones.
    Q_INVOKABLE void remember(const QString &emoji);

Q_SIGNALS:
    void filterChanged();
    void columnsChanged();
    void shownChanged();
    void recentChanged();

private:
    struct Shown
    {
        QString text;
        QString name;
    };
    struct Row
    {
        int section = 0;
        //! First emoji's number; -1 for a heading.
        int first = -1;
        int count = 0;
    };
    struct Section
    {
        QString title;
        QString icon;
        int headerRow = 0;
    };

    void rebuild();
    void addSection(const QString &title, const QList<Shown> &emojis);
    [[nodiscard]] bool matches(const QString &name) const;

    QSettings *m_settings = nullptr;
    QString m_filter;
    QStringList m_filterWords;
    int m_columns = 8;
    QStringList m_recent;
    QList<Shown> m_shown;
    QList<Row> m_rows;
    QList<Section> m_sections;
};

} // namespace natter::desktop
