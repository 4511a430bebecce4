// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/user.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

//! Results of a user search, best matches first, as the server ranked them.
// Not final: Qt 6.4's QML registration derives from default-constructible types.
class UserSearchModel : public QAbstractListModel
{
    Q_OBJECT
    // Reached through the controllers' properties only, never named or made in QML.
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role
    {
        UserIdRole = Qt::UserRole + 1,
        UsernameRole,
        DisplayNameRole,
        AvatarUrlRole,
    };
    Q_ENUM(Role)

    explicit UserSearchModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return int(m_rows.size()); }

    //! Replaces the results: rows that stay are kept, the rest removed and inserted.
    void setUsers(const QList<User> &users);
    void clear() { setUsers({}); }

Q_SIGNALS:
    void countChanged();

private:
    QList<User> m_rows;
};

} // namespace natter::desktop
