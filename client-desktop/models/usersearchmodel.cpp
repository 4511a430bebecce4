// SPDX-License-Identifier: Apache-2.0
#include "models/usersearchmodel.h"

#include "models/userdirectory.h"

namespace natter::desktop {

UserSearchModel::UserSearchModel(QObject *parent) : QAbstractListModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &UserSearchModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &UserSearchModel::countChanged);
}

int UserSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> UserSearchModel::roleNames() const
{
    return {
        {UserIdRole, "userId"},
        {UsernameRole, "username"},
        {DisplayNameRole, "displayName"},
        {AvatarUrlRole, "avatarUrl"},
    };
}

QVariant UserSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const User &user = m_rows.at(index.row());
    switch (role) {
    case UserIdRole:
        return user.idString();
    case UsernameRole:
        return user.username;
    case Qt::DisplayRole:
    case DisplayNameRole:
        return UserDirectory::displayNameOf(user);
    case AvatarUrlRole:
        return user.avatarUrl;
    default:
        return {};
    }
}

void UserSearchModel::setUsers(const QList<User> &users)
{
    // Keep the common prefix (typing one more letter often keeps the top results), replace the
    // rest: removals and inserts rather than a reset, so the view keeps its current item.
    int common = 0;
    while (common < m_rows.size() && common < users.size() && m_rows.at(common) == users.at(common))
        ++common;
    if (common < m_rows.size()) {
        beginRemoveRows({}, common, int(m_rows.size()) - 1);
        m_rows.resize(common);
        endRemoveRows();
    }
    if (common < users.size()) {
        beginInsertRows({}, common, int(users.size()) - 1);
        m_rows.append(users.mid(common));
        endInsertRows();
    }
}

} // namespace natter::desktop
