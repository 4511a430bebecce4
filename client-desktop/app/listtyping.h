// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUuid>

namespace natter::desktop {

class ConversationListModel;
class RealtimeClient;
class UserDirectory;

//! "typing…" in the conversation list (#18): asks the server for the typing of every
//! conversation (`typing.subscribe`) after each authentication, and tells the list who types
//! where ("typing…" in a DM, "Ben is typing…" in a group) until they stop, send, or 6 s pass.
class ListTyping final : public QObject
{
    Q_OBJECT

public:
    ListTyping(RealtimeClient *realtime, ConversationListModel *list,
               const UserDirectory *directory, QObject *parent = nullptr);

    void setMyUserId(const QUuid &id) { m_myUserId = id; }
    //! A message from someone ends their typing there.
    void messageArrived(const Message &message);
    //! Signed out, or the connection dropped: nobody is typing any more.
    void clear();

private:
    void setTyping(const QUuid &conversationId, const QUuid &userId, bool typing);
    void expire();
    void update(const QUuid &conversationId);

    RealtimeClient *m_realtime;
    ConversationListModel *m_list;
    const UserDirectory *m_directory;
    QUuid m_myUserId;
    QHash<QUuid, QHash<QUuid, QElapsedTimer>> m_typing;
    QTimer m_expiry;
};

} // namespace natter::desktop
