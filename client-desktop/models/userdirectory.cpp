// SPDX-License-Identifier: Apache-2.0
#include "models/userdirectory.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

void UserDirectory::insert(const User &user)
{
    if (user.id.isNull())
        return;
    auto it = m_users.find(user.id);
    if (it != m_users.end() && *it == user)
        return;
    m_users.insert(user.id, user);
    Q_EMIT userChanged(user.id);
}

std::optional<User> UserDirectory::find(const QUuid &id) const
{
    auto it = m_users.constFind(id);
    if (it == m_users.cend())
        return std::nullopt;
    return *it;
}

QString UserDirectory::displayNameOf(const User &user)
{
    if (!user.displayName.trimmed().isEmpty())
        return user.displayName;
    if (!user.username.isEmpty())
        return u"@"_s + user.username;
    return u"Someone"_s;
}

QString UserDirectory::displayName(const QUuid &id) const
{
    if (auto user = find(id))
        return displayNameOf(*user);
    return u"Someone"_s;
}

} // namespace natter::desktop
