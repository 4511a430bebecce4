// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <QUuid>

namespace natter::desktop {

class ApiClient;
class ChatController;
class RealtimeClient;

//! Online / last seen (#18) of the people the open conversation shows (the DM's other person,
//! a group's members), watched over the socket (`presence.watch`), and the user's own privacy
//! switch (`/users/me/privacy`: hidden, they see nobody's either).
class PresenceController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached as Session.presence")
    //! Grows with every change (and every minute, as "5 min ago" ages): bind to it to read
    //! `statusOf` again.
    Q_PROPERTY(int revision READ revision NOTIFY changed)
    //! The open DM's other person: "online", "last seen …", or "" when unknown or hidden.
    Q_PROPERTY(QString peerStatus READ peerStatus NOTIFY changed)
    //! I hide my presence (and so see nobody's).
    Q_PROPERTY(bool hidden READ hidden NOTIFY hiddenChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    PresenceController(ApiClient *api, RealtimeClient *realtime, ChatController *chat,
                       QObject *parent = nullptr);

    [[nodiscard]] int revision() const { return m_revision; }
    [[nodiscard]] QString peerStatus() const;
    [[nodiscard]] bool hidden() const { return m_hidden; }
    [[nodiscard]] QString errorText() const { return m_errorText; }

    //! "online", "last seen …", or "" for a user not watched, unknown or hidden.
    Q_INVOKABLE QString statusOf(const QString &userId) const;
    //! The privacy switch in Settings.
    Q_INVOKABLE void setHidden(bool hidden);
    //! Signed out: nobody is watched, nothing is known.
    void clear();

Q_SIGNALS:
    void changed();
    void hiddenChanged();
    void errorTextChanged();

private:
    struct State
    {
        //! nullopt: hidden by that person (or by me).
        std::optional<bool> online;
        QDateTime lastSeenAt;
    };

    //! The open conversation's members but me: sent when they differ from what is watched.
    void watchOpenConversation(bool force = false);
    void sendWatch();
    void apply(const QJsonObject &presence);
    void applyHidden(bool hidden);
    void loadPrivacy();
    void bump();
    void setError(const QString &text);

    ApiClient *m_api;
    RealtimeClient *m_realtime;
    ChatController *m_chat;
    //! Whom the open conversation shows, and whom the last watch sent asked for.
    QList<QUuid> m_wanted;
    QList<QUuid> m_watched;
    bool m_watchInFlight = false;
    //! Send even when unchanged (a new connection starts with no watch).
    bool m_resend = false;
    QTimer m_watchLater;
    QHash<QUuid, State> m_states;
    bool m_hidden = false;
    int m_revision = 0;
    QTimer m_ageing;
    QString m_errorText;
};

} // namespace natter::desktop
