// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "models/conversationlistmodel.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

class ApiClient;
class LocalCache;
class RealtimeClient;
class UserDirectory;

//! The conversation list: loaded from the cache at start, refreshed from the server on every
//! (re)connect, kept current by socket events; and creating DMs and groups.
class ConversationsController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through the Session singleton")
    Q_PROPERTY(natter::desktop::ConversationListModel *model READ model CONSTANT)
    Q_PROPERTY(natter::desktop::ConversationFilterModel *filtered READ filtered CONSTANT)
    Q_PROPERTY(bool loading READ loading NOTIFY loadingChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    struct Collaborators
    {
        ApiClient *api;
        RealtimeClient *realtime;
        LocalCache *cache;
        UserDirectory *directory;
    };
    explicit ConversationsController(Collaborators with, QObject *parent = nullptr);

    //! Who is signed in: their unread counts and leaving a group are told apart by it.
    void setMyUserId(const QUuid &id);

    [[nodiscard]] ConversationListModel *model() { return &m_model; }
    [[nodiscard]] ConversationFilterModel *filtered() { return &m_filtered; }
    [[nodiscard]] bool loading() const { return m_loading; }
    [[nodiscard]] QString errorText() const { return m_errorText; }

    void loadFromCache();
    void clear();
    //! Rows for `conversation` in the list and the cache (also: learns its members' names).
    //! `readAsOf`: preferencesHeard() when it was asked for (ConversationListModel::upsert).
    void remember(const Conversation &conversation,
                  quint64 readAsOf = ConversationListModel::kReadNow);
    [[nodiscard]] quint64 preferencesHeard() const { return m_model.preferencesHeard(); }
    void forget(const QUuid &id);

    Q_INVOKABLE void refresh();
    //! Opens (creating when needed) the DM with `username`; emits openRequested.
    Q_INVOKABLE void startDirectMessage(const QString &username);
    //! `usernames`: the people to add besides the creator.
    Q_INVOKABLE void createGroup(const QString &title, const QStringList &usernames);

Q_SIGNALS:
    void loadingChanged();
    void errorTextChanged();
    void openRequested(const QString &conversationId);
    //! `createGroup` / `startDirectMessage` succeeded (after openRequested): each dialog closes
    //! on its own, not on any conversation being opened.
    void groupCreated(const QString &conversationId);
    void directMessageStarted(const QString &conversationId);

private:
    void setError(const QString &text);
    void fetchDetailsWhereNeeded();
    //! The answer to creating a DM or a group: remembered and opened.
    //! Empty when it failed (errorText says why).
    QString openCreated(Result<QJsonObject> answer);

    ApiClient *m_api;
    LocalCache *m_cache;
    UserDirectory *m_directory;
    QUuid m_myUserId;
    ConversationListModel m_model;
    ConversationFilterModel m_filtered;
    bool m_loading = false;
    QString m_errorText;
};

} // namespace natter::desktop
