// SPDX-License-Identifier: Apache-2.0
#include "app/peoplecontroller.h"

#include "api/apiclient.h"
#include "core/errortext.h"
#include "models/userdirectory.h"
#include "natter/validation.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr int kSearchDebounceMs = 250;
constexpr int kSearchLimit = 20;

QList<User> usersOf(const QJsonObject &answer)
{
    QList<User> users;
    const QJsonArray array = answer.value(u"users"_s).toArray();
    for (const auto &value : array) {
        if (auto user = User::fromJson(value.toObject()))
            users.append(*user);
    }
    return users;
}

} // namespace

PeopleController::PeopleController(ApiClient *api, UserDirectory *directory, QObject *parent)
    : QObject(parent), m_api(api), m_directory(directory)
{
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kSearchDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &PeopleController::runSearch);
}

void PeopleController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void PeopleController::search(const QString &query)
{
    m_query = query.trimmed().left(limits::kSearchQueryMax);
    if (m_query.isEmpty()) {
        m_debounce.stop();
        m_results.clear();
        return;
    }
    m_debounce.start();
}

void PeopleController::runSearch()
{
    const QString query = m_query;
    m_searching = true;
    Q_EMIT searchingChanged();
    m_api->searchUsers(query, kSearchLimit, this, [this, query](Result<QJsonObject> answer) {
        if (query != m_query)
            return; // a newer search is on its way
        m_searching = false;
        Q_EMIT searchingChanged();
        if (!answer) {
            setError(describe(answer.error()));
            return;
        }
        setError({});
        QList<User> users = usersOf(*answer);
        // Finding yourself is not useful here.
        users.removeIf([this](const User &user) { return user.id == m_myUserId; });
        for (const User &user : std::as_const(users))
            m_directory->insert(user);
        m_results.setUsers(users);
    });
}

void PeopleController::loadProfile(const QString &username)
{
    m_profile = {{u"username"_s, username}, {u"loading"_s, true}};
    Q_EMIT profileChanged();
    m_api->userByUsername(username, this, [this, username](Result<QJsonObject> answer) {
        if (!answer) {
            m_profile = {{u"username"_s, username}, {u"error"_s, describe(answer.error())}};
            Q_EMIT profileChanged();
            return;
        }
        auto user = User::fromJson(*answer);
        if (!user)
            return;
        m_directory->insert(*user);
        m_profile = {
            {u"id"_s, user->idString()},
            {u"username"_s, user->username},
            {u"displayName"_s, UserDirectory::displayNameOf(*user)},
            {u"avatarUrl"_s, user->avatarUrl},
            {u"memberSince"_s, user->createdAt.toLocalTime().date()},
        };
        Q_EMIT profileChanged();
    });
}

bool PeopleController::isBlocked(const QString &username) const
{
    return m_blocked.contains(username);
}

void PeopleController::refreshBlocks()
{
    m_api->blocks(this, [this](Result<QJsonObject> answer) {
        if (!answer)
            return;
        QStringList names;
        const QList<User> users = usersOf(*answer);
        for (const User &user : users)
            names.append(user.username);
        m_blocked = names;
        Q_EMIT blockedChanged();
    });
}

void PeopleController::block(const QString &username)
{
    m_api->block(username, this, [this, username](Result<QJsonObject> answer) {
        if (!answer) {
            setError(describe(answer.error()));
            return;
        }
        if (!m_blocked.contains(username))
            m_blocked.append(username);
        Q_EMIT blockedChanged();
        Q_EMIT notice(u"@%1 is blocked."_s.arg(username));
    });
}

void PeopleController::unblock(const QString &username)
{
    m_api->unblock(username, this, [this, username](Result<QJsonObject> answer) {
        if (!answer) {
            setError(describe(answer.error()));
            return;
        }
        m_blocked.removeAll(username);
        Q_EMIT blockedChanged();
        Q_EMIT notice(u"@%1 is no longer blocked."_s.arg(username));
    });
}

QString PeopleController::usernameOf(const QString &userId) const
{
    const auto user = m_directory->find(QUuid::fromString(userId));
    return user ? user->username : QString();
}

void PeopleController::report(const QString &username, const QString &reason,
                              const QString &messageId)
{
    if (reason.trimmed().isEmpty()) {
        setError(u"Say what happened: a report needs a reason."_s);
        return;
    }
    auto checked = validation::reportReason(u"reason"_s, reason);
    if (!checked) {
        setError(describe(checked.error()));
        return;
    }
    m_api->report(username, *checked, messageId, this, [this](Result<QJsonObject> answer) {
        if (!answer) {
            setError(describe(answer.error()));
            return;
        }
        setError({});
        Q_EMIT reported();
        Q_EMIT notice(u"Thank you. The report was sent to the moderators."_s);
    });
}

} // namespace natter::desktop
