// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/user.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <QUrl>

namespace natter::desktop {

class ApiClient;
class TransferClient;

//! What a person does with their own account (#13, #14): a new profile picture, a download of
//! their data, and deleting the account.
class AccountController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through the Session singleton")
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    AccountController(ApiClient *api, TransferClient *transfers, QObject *parent = nullptr);

    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString errorText() const { return m_errorText; }

    //! The picture at `file` (a `file:` URL), cut to its centred square, as the avatar.
    Q_INVOKABLE void uploadAvatar(const QUrl &file);
    //! Back to initials.
    Q_INVOKABLE void removeAvatar();
    //! Downloads the account's data (`GET /users/me/export`) into `file`, as the server wrote it.
    Q_INVOKABLE void exportTo(const QUrl &file);
    //! Deletes the account when `typedUsername` is the user's (the server checks it too).
    Q_INVOKABLE void deleteAccount(const QString &typedUsername);
    Q_INVOKABLE void clearError() { setError({}); }
    //! `natter-export-<username>.json`, as the server names it, for the save dialog.
    Q_INVOKABLE QString exportFileName(const QString &username) const;

Q_SIGNALS:
    void busyChanged();
    void errorTextChanged();
    //! The server answered with the user's new profile (the avatar changed).
    void userUpdated(const natter::User &user);
    void avatarSaved();
    void exported(const QString &path);
    //! The account is gone on the server: the app signs out.
    void accountDeleted();

private:
    void setBusy(bool busy);
    void setError(const QString &text);

    ApiClient *m_api;
    TransferClient *m_transfers;
    bool m_busy = false;
    QString m_errorText;
};

} // namespace natter::desktop
