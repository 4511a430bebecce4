// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/user.h"

#include <QHash>
#include <QObject>
#include <QUuid>

namespace natter::desktop {

//! Every user the app has met (members, search results, senders), so models can show names
//! for the ids that messages carry.
class UserDirectory final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    void insert(const User &user);
    [[nodiscard]] std::optional<User> find(const QUuid &id) const;
    //! Display name, else @username, else a neutral word.
    [[nodiscard]] QString displayName(const QUuid &id) const;
    [[nodiscard]] static QString displayNameOf(const User &user);

Q_SIGNALS:
    void userChanged(const QUuid &id);

private:
    QHash<QUuid, User> m_users;
};

} // namespace natter::desktop
