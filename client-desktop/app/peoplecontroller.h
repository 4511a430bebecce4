// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "models/usersearchmodel.h"

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <QUuid>
#include <QVariantMap>

namespace natter::desktop {

class ApiClient;
class UserDirectory;

//! Finding people, their profiles, blocking and reporting.
class PeopleController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through the Session singleton")
    Q_PROPERTY(natter::desktop::UserSearchModel *results READ results CONSTANT)
    Q_PROPERTY(QVariantMap profile READ profile NOTIFY profileChanged)
    Q_PROPERTY(QStringList blocked READ blocked NOTIFY blockedChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(bool searching READ searching NOTIFY searchingChanged)

public:
    PeopleController(ApiClient *api, UserDirectory *directory, QObject *parent = nullptr);

    //! Who is signed in: left out of search results.
    void setMyUserId(const QUuid &id) { m_myUserId = id; }

    [[nodiscard]] UserSearchModel *results() { return &m_results; }
    [[nodiscard]] QVariantMap profile() const { return m_profile; }
    [[nodiscard]] QStringList blocked() const { return m_blocked; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] bool searching() const { return m_searching; }

    //! Debounced: the request goes out when the user pauses typing.
    Q_INVOKABLE void search(const QString &query);
    Q_INVOKABLE void loadProfile(const QString &username);
    Q_INVOKABLE void block(const QString &username);
    Q_INVOKABLE void unblock(const QString &username);
    Q_INVOKABLE void report(const QString &username, const QString &reason,
                            const QString &messageId = {});
    Q_INVOKABLE void refreshBlocks();
    //! The username of someone the app has seen (a message's sender), or empty.
    Q_INVOKABLE QString usernameOf(const QString &userId) const;
    Q_INVOKABLE bool isBlocked(const QString &username) const;
    Q_INVOKABLE void clearError() { setError({}); }

Q_SIGNALS:
    void profileChanged();
    void blockedChanged();
    void errorTextChanged();
    void searchingChanged();
    void notice(const QString &text);
    //! The report was accepted: its dialog closes on this, not on any notice.
    void reported();

private:
    void runSearch();
    void setError(const QString &text);

    ApiClient *m_api;
    UserDirectory *m_directory;
    QUuid m_myUserId;
    UserSearchModel m_results;
    QTimer m_debounce;
    QString m_query;
    bool m_searching = false;
    QVariantMap m_profile;
    QStringList m_blocked;
    QString m_errorText;
};

} // namespace natter::desktop
