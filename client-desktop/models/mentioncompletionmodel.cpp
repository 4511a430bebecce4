// SPDX-License-Identifier: Apache-2.0
#include "models/mentioncompletionmodel.h"

#include "models/memberlistmodel.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

MentionCompletionModel::MentionCompletionModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    connect(this, &QAbstractItemModel::rowsInserted, this, &MentionCompletionModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &MentionCompletionModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &MentionCompletionModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &MentionCompletionModel::countChanged);
}

void MentionCompletionModel::setPrefix(const QString &prefix)
{
    if (prefix == m_prefix)
        return;
    m_prefix = prefix;
    invalidateFilter();
    Q_EMIT prefixChanged();
    Q_EMIT countChanged();
}

QString MentionCompletionModel::usernameAt(int row) const
{
    return index(row, 0).data(MemberListModel::UsernameRole).toString();
}

bool MentionCompletionModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex member = sourceModel()->index(sourceRow, 0, sourceParent);
    if (member.data(MemberListModel::IsMeRole).toBool())
        return false;
    const QString username = member.data(MemberListModel::UsernameRole).toString();
    if (username.isEmpty())
        return false; // no name to put after the @ yet
    if (username.startsWith(m_prefix, Qt::CaseInsensitive))
        return true;
    const QStringList words =
        member.data(MemberListModel::DisplayNameRole).toString().split(u' ', Qt::SkipEmptyParts);
    return std::any_of(words.cbegin(), words.cend(), [this](const QString &word) {
        return word.startsWith(m_prefix, Qt::CaseInsensitive);
    });
}

} // namespace natter::desktop
