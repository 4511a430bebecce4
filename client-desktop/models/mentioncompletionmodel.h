// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSortFilterProxyModel>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

//! `@` autocomplete in the composer (#12): the open conversation's members (not me) whose
//! username, or a word of whose display name, starts with what was typed after the `@`.
// Not final: Qt 6.4's QML registration derives from default-constructible types.
class MentionCompletionModel : public QSortFilterProxyModel
{
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(QString prefix READ prefix WRITE setPrefix NOTIFY prefixChanged)
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    explicit MentionCompletionModel(QObject *parent = nullptr);

    [[nodiscard]] QString prefix() const { return m_prefix; }
    void setPrefix(const QString &prefix);
    [[nodiscard]] int count() const { return rowCount(); }
    //! The username at `row` (what Enter or Tab puts after the `@`).
    Q_INVOKABLE [[nodiscard]] QString usernameAt(int row) const;

Q_SIGNALS:
    void prefixChanged();
    void countChanged();

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow,
                                        const QModelIndex &sourceParent) const override;

private:
    QString m_prefix;
};

} // namespace natter::desktop
