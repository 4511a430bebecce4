// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

//! The members of the open conversation: admins first, then by name. Joins and leaves are
//! single-row inserts and removals.
// Not final: Qt 6.4's QML registration derives from default-constructible types.
class MemberListModel : public QAbstractListModel
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
        IsAdminRole,
        IsMeRole,
        //! The member's `avatar_url` (#12: the picture in the members panel).
        AvatarUrlRole,
    };
    Q_ENUM(Role)

    explicit MemberListModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return int(m_rows.size()); }

    void setMyUserId(const QUuid &id) { m_myUserId = id; }
    void setMembers(const QList<Member> &members);
    void addMember(const Member &member);
    void removeMember(const QUuid &userId);
    [[nodiscard]] QList<Member> members() const { return m_rows; }
    [[nodiscard]] bool isAdmin(const QUuid &userId) const;

Q_SIGNALS:
    void countChanged();

private:
    [[nodiscard]] int indexOf(const QUuid &userId) const;
    [[nodiscard]] int positionFor(const Member &member) const;

    QUuid m_myUserId;
    QList<Member> m_rows;
};

} // namespace natter::desktop
