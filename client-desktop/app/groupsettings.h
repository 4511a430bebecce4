// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <QUrl>

namespace natter::desktop {

class ApiClient;
class TransferClient;
class ChatController;
class ConversationsController;

//! The open group's settings (#18): its name and description, changed by its admins, and who
//! is admin. Adding, removing and leaving are the chat's (ChatController); the server adds the
//! system lines and hands the admin role on when the last admin leaves.
class GroupSettings final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached as Session.group")
    Q_PROPERTY(QString description READ description NOTIFY changed)
    //! The group's picture (`avatar_url`), empty: initials.
    Q_PROPERTY(QString pictureUrl READ pictureUrl NOTIFY changed)
    //! I am an admin of the open group: I may rename it, describe it and change roles.
    Q_PROPERTY(bool canManage READ canManage NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    GroupSettings(ApiClient *api, TransferClient *transfers, ChatController *chat,
                  ConversationsController *conversations, QObject *parent = nullptr);

    [[nodiscard]] QString description() const;
    [[nodiscard]] QString pictureUrl() const;
    [[nodiscard]] bool canManage() const;
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString errorText() const { return m_errorText; }

    //! Sends what differs from the group as it is (nothing changed: `saved` at once).
    Q_INVOKABLE void save(const QString &title, const QString &description);
    //! Makes a member admin, or takes the role back (a group keeps at least one admin).
    Q_INVOKABLE void setAdmin(const QString &userId, bool admin);
    //! An image file made square and small (as the profile picture) becomes the group's
    //! picture; everyone sees it through the system line the server adds (admins).
    Q_INVOKABLE void uploadPicture(const QUrl &file);
    //! Back to initials (admins).
    Q_INVOKABLE void removePicture();
    Q_INVOKABLE void clearError() { setError({}); }

Q_SIGNALS:
    void changed();
    void busyChanged();
    void errorTextChanged();
    //! `save` went through: the dialog leaves edit mode on this.
    void saved();

private:
    void setBusy(bool busy);
    void setError(const QString &text);

    ApiClient *m_api;
    TransferClient *m_transfers;
    ChatController *m_chat;
    ConversationsController *m_conversations;
    bool m_busy = false;
    QString m_errorText;
};

} // namespace natter::desktop
