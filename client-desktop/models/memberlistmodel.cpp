// SPDX-License-Identifier: Apache-2.0
#include "models/memberlistmodel.h"

#include "models/userdirectory.h"

namespace natter::desktop {
namespace {

bool before(const Member &a, const Member &b)
{
    if (a.isAdmin() != b.isAdmin())
        return a.isAdmin();
    return UserDirectory::displayNameOf(a.user).compare(UserDirectory::displayNameOf(b.user),
                                                        Qt::CaseInsensitive) < 0;
}

} // namespace

MemberListModel::MemberListModel(QObject *parent) : QAbstractListModel(parent)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &MemberListModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &MemberListModel::countChanged);
}

int MemberListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> MemberListModel::roleNames() const
{
    return {
        {UserIdRole, "userId"},   {UsernameRole, "username"}, {DisplayNameRole, "displayName"},
        {IsAdminRole, "isAdmin"}, {IsMeRole, "isMe"},         {AvatarUrlRole, "avatarUrl"},
    };
}

QVariant MemberListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Member &member = m_rows.at(index.row());
    switch (role) {
    case UserIdRole:
        return member.user.idString();
    case UsernameRole:
        return member.user.username;
    case Qt::DisplayRole:
    case DisplayNameRole:
        return UserDirectory::displayNameOf(member.user);
    case IsAdminRole:
        return member.isAdmin();
    case IsMeRole:
        return member.user.id == m_myUserId;
    case AvatarUrlRole:
        return member.user.avatarUrl;
    default:
        return {};
    }
}

int MemberListModel::indexOf(const QUuid &userId) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).user.id == userId)
            return row;
    }
    return -1;
}

int MemberListModel::positionFor(const Member &member) const
{
    return int(std::upper_bound(m_rows.cbegin(), m_rows.cend(), member, before) - m_rows.cbegin());
}

bool MemberListModel::isAdmin(const QUuid &userId) const
{
    const int row = indexOf(userId);
    return row >= 0 && m_rows.at(row).isAdmin();
}

void MemberListModel::setMembers(const QList<Member> &members)
{
    QSet<QUuid> keep;
    for (const Member &member : members)
        keep.insert(member.user.id);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!keep.contains(m_rows.at(row).user.id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    for (const Member &member : members)
        addMember(member);
}

void MemberListModel::addMember(const Member &member)
{
    const int existing = indexOf(member.user.id);
    if (existing >= 0) {
        if (m_rows.at(existing) == member)
            return;
        // Role or name changed: take it out and put it back where it now sorts.
        removeMember(member.user.id);
    }
    const int position = positionFor(member);
    beginInsertRows({}, position, position);
    m_rows.insert(position, member);
    endInsertRows();
}

void MemberListModel::removeMember(const QUuid &userId)
{
    const int row = indexOf(userId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
}

} // namespace natter::desktop
