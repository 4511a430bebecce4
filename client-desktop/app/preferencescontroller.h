// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversationpreferences.h"

#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>
#include <QUuid>

namespace natter::desktop {

class ApiClient;
class ConversationListModel;
class LocalCache;
class RealtimeClient;

//! The user's own mute, pin and archive of each conversation (#18): changed through
//! `PATCH /conversations/{id}/preferences`, followed from the user's other devices through
//! `conversation.preferences`, and a timed mute that ends brings the badge back by itself.
class PreferencesController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached as Session.preferences")
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)

public:
    PreferencesController(ApiClient *api, RealtimeClient *realtime, ConversationListModel *list,
                          LocalCache *cache, QObject *parent = nullptr);

    [[nodiscard]] QString errorText() const { return m_errorText; }

    //! Mutes for `hours` (1, 8), or until turned back on when `hours` is 0.
    Q_INVOKABLE void mute(const QString &conversationId, int hours);
    Q_INVOKABLE void unmute(const QString &conversationId);
    Q_INVOKABLE void setPinned(const QString &conversationId, bool pinned);
    Q_INVOKABLE void setArchived(const QString &conversationId, bool archived);

    //! The server's word on one conversation's preferences (an answer or an event).
    void apply(const QUuid &conversationId, const ConversationPreferences &preferences);

Q_SIGNALS:
    void errorTextChanged();

private:
    void change(const QString &conversationId, const QJsonObject &changes);
    void setError(const QString &text);
    //! Wakes up when the soonest timed mute ends.
    void scheduleMuteEnd();

    ApiClient *m_api;
    ConversationListModel *m_list;
    LocalCache *m_cache;
    QTimer m_muteEnd;
    QString m_errorText;
};

} // namespace natter::desktop
