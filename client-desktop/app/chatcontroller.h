// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/composerdraft.h"
#include "app/messageactions.h"
#include "app/timeline.h"
#include "models/memberlistmodel.h"
#include "models/mentioncompletionmodel.h"
#include "models/messagelistmodel.h"
#include "natter/receipt.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

class ApiClient;
class AttachmentDraft;
class ConversationsController;
class LocalCache;
class Outbox;
class PeopleController;
class RealtimeClient;
class UserDirectory;

//! The open conversation: its messages (one model per conversation visited, kept while the
//! app runs, so going back is instant), members, receipts, typing, paging and sending.
class ChatController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through the Session singleton")
    Q_PROPERTY(QString conversationId READ conversationId NOTIFY conversationChanged)
    Q_PROPERTY(bool isOpen READ hasConversation NOTIFY conversationChanged)
    Q_PROPERTY(QString title READ title NOTIFY detailsChanged)
    Q_PROPERTY(bool isGroup READ isGroup NOTIFY detailsChanged)
    Q_PROPERTY(bool amAdmin READ amAdmin NOTIFY detailsChanged)
    Q_PROPERTY(QString peerUsername READ peerUsername NOTIFY detailsChanged)
    //! The picture the header shows: a DM's other person's `avatar_url` (#12).
    Q_PROPERTY(QString avatarUrl READ avatarUrl NOTIFY detailsChanged)
    Q_PROPERTY(natter::desktop::MessageListModel *messages READ messages NOTIFY conversationChanged)
    Q_PROPERTY(natter::desktop::MemberListModel *members READ members CONSTANT)
    Q_PROPERTY(QString typingText READ typingText NOTIFY typingTextChanged)
    Q_PROPERTY(bool loadingHistory READ loadingHistory NOTIFY historyStateChanged)
    Q_PROPERTY(bool historyComplete READ historyComplete NOTIFY historyStateChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    //! Why adding a member failed, shown in the members panel (not under the messages).
    Q_PROPERTY(QString memberErrorText READ memberErrorText NOTIFY memberErrorTextChanged)
    //! A DM whose other person I blocked: the composer gives way to "You blocked …".
    Q_PROPERTY(bool peerBlocked READ peerBlocked NOTIFY peerBlockedChanged)
    //! React, edit, delete (#12).
    Q_PROPERTY(natter::desktop::MessageActions *actions READ actions CONSTANT)
    //! Reply to / edit, as the composer shows it (#12).
    Q_PROPERTY(natter::desktop::ComposerDraft *draft READ draft CONSTANT)
    //! The members an `@` in the composer may name (#12).
    Q_PROPERTY(natter::desktop::MentionCompletionModel *mentionCompletions READ mentionCompletions
                   CONSTANT)
    //! The conversation was opened with unread messages: the list waits to be placed at the
    //! first of them ("New messages", `unreadRowReady`) while history is loaded back to it.
    Q_PROPERTY(bool openingAtUnread READ openingAtUnread NOTIFY openingAtUnreadChanged)

public:
    struct Collaborators
    {
        ApiClient *api;
        RealtimeClient *realtime;
        LocalCache *cache;
        Outbox *outbox;
        UserDirectory *directory;
        //! The list: titles, members, unread counts, forgetting a conversation left.
        ConversationsController *conversations;
        //! Who is blocked (a blocked DM peer hides the composer).
        PeopleController *people;
    };
    explicit ChatController(Collaborators with, QObject *parent = nullptr);

    //! Images attached to the composer go with the next `send` (#13).
    void setAttachmentDraft(AttachmentDraft *draft);
    //! Who is signed in (set before `resetForUser` when it changes).
    void setMyUserId(const QUuid &id);
    //! Read receipts only follow a window the user is looking at.
    void setWindowActive(bool active);

    [[nodiscard]] QString conversationId() const;
    [[nodiscard]] bool hasConversation() const { return !m_current.isNull(); }
    [[nodiscard]] bool isOpen(const QUuid &id) const { return m_current == id; }
    [[nodiscard]] QString title() const;
    [[nodiscard]] bool isGroup() const;
    [[nodiscard]] bool amAdmin() const;
    [[nodiscard]] QString peerUsername() const;
    [[nodiscard]] QString avatarUrl() const;
    [[nodiscard]] MessageListModel *messages() const { return m_model; }
    [[nodiscard]] MemberListModel *members() { return &m_members; }
    [[nodiscard]] QString typingText() const { return m_typingText; }
    [[nodiscard]] bool loadingHistory() const { return m_loadingHistory; }
    [[nodiscard]] bool historyComplete() const;
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] QString memberErrorText() const { return m_memberErrorText; }
    [[nodiscard]] bool peerBlocked() const;
    //! The timeline of a conversation, created (and filled from the cache) on first use.
    [[nodiscard]] Timeline *timelineFor(const QUuid &conversationId);
    [[nodiscard]] MessageListModel *modelFor(const QUuid &conversationId);

    //! The one way in for messages from outside the timelines (the socket): each goes to its
    //! conversation's timeline.
    void ingest(const QList<Message> &messages, Timeline::Source source);
    //! Forget every model: a different user signed in.
    void resetForUser();

    // Conversation features (#12), in app/chatcontrollerchanges.cpp.
    [[nodiscard]] MessageActions *actions() { return &m_actions; }
    [[nodiscard]] ComposerDraft *draft() { return &m_draft; }
    [[nodiscard]] MentionCompletionModel *mentionCompletions() { return &m_mentionCompletions; }
    [[nodiscard]] QUuid myUserId() const { return m_myUserId; }
    [[nodiscard]] QString displayName(const QUuid &userId) const;
    //! A message of the open conversation, when loaded.
    [[nodiscard]] std::optional<Message> findMessage(const QUuid &id) const;
    [[nodiscard]] std::optional<Message> newestOwnMessage() const;
    //! The one way in for changed messages: each goes to its conversation's timeline (newer
    //! `rev` wins) and, when it is the conversation's preview, to the list.
    void applyUpdates(const QList<Message> &updates);
    //! `send` with more of the body (`reply_to_id`).
    bool sendWith(const QString &text, const QJsonObject &fields);
    //! Shows the message numbered `seq` of the open conversation: loads the history back to it
    //! (and a little before) when needed, then `scrollToRow`. A search result, a quoted reply.
    Q_INVOKABLE void showMessage(qint64 seq);
    [[nodiscard]] bool openingAtUnread() const { return m_jumpTarget == JumpTarget::Unread; }

    Q_INVOKABLE void open(const QString &conversationId);
    Q_INVOKABLE void close();
    //! Queues `text` in the outbox; false (and errorText) when it cannot be sent as it is.
    Q_INVOKABLE bool send(const QString &text);
    Q_INVOKABLE void retry(qint64 localId);
    Q_INVOKABLE void discard(qint64 localId);
    Q_INVOKABLE void loadOlder();
    //! The user typed in the composer: tells the others, at most every few seconds.
    Q_INVOKABLE void composing();
    //! Read means seen: marks read up to the newest message the list has shown (see
    //! `showUpToRow`) while the window is active, never further.
    Q_INVOKABLE void markRead();
    //! The message list shows rows up to `row` at its bottom edge: the newest stored message at
    //! or above it counts as seen, and is read once the window is active.
    Q_INVOKABLE void showUpToRow(int row);
    Q_INVOKABLE void addMember(const QString &username);
    Q_INVOKABLE void removeMember(const QString &userId);
    Q_INVOKABLE void leave();

Q_SIGNALS:
    void conversationChanged();
    void detailsChanged();
    void typingTextChanged();
    void historyStateChanged();
    void errorTextChanged();
    //! A message became the newest of its conversation (from any source but paging): for the
    //! conversation list and notifications.
    void messageArrived(const natter::Message &message);
    //! A conversation's Timeline stored every message up to `seq` (see Timeline::storedUpTo).
    void storedUpTo(const QUuid &conversationId, qint64 seq);
    void memberErrorTextChanged();
    void peerBlockedChanged();
    //! `addMember` succeeded: the panel clears its field.
    void memberAdded(const QString &username);
    //! `showMessage` found its message at `row` of the open conversation's list.
    void scrollToRow(int row);
    //! The conversation just opened shows "New messages" at `row`: the list opens there.
    void unreadRowReady(int row);
    void openingAtUnreadChanged();

private:
    void setError(const QString &text);
    void announce(const QList<Message> &shown);
    void setMemberError(const QString &text);
    void fetchLatest();
    void fetchDetails();
    void fetchReceipts();
    void catchUp(const QUuid &conversationId, qint64 afterSeq);
    void applyReceipt(const Receipt &receipt);
    void updateWatermarks();
    void setTyping(const QUuid &conversationId, const QUuid &userId, bool typing);
    void updateTypingText();
    void stopTyping();
    void takeLiveUpdate(const Message &message);
    void roomJoined(const QUuid &conversationId, qint64 lastRev);
    //! Catches a conversation not joined over the socket up on changes (GET .../changes).
    void fetchChanges(const QUuid &conversationId);
    //! Where a jump goes: a message (`showMessage`) or the first unread one (on opening).
    enum class JumpTarget
    {
        None,
        Message,
        Unread,
    };
    void startJump(JumpTarget target, qint64 seq);
    void continueJump();
    //! The jump ends at `row` (-1: not found); says so to the list.
    void finishJump(int row);

    ApiClient *m_api;
    RealtimeClient *m_realtime;
    LocalCache *m_cache;
    Outbox *m_outbox;
    UserDirectory *m_directory;
    ConversationsController *m_conversations;
    PeopleController *m_people;
    AttachmentDraft *m_attachments = nullptr;
    QUuid m_myUserId;
    bool m_windowActive = true;
    QUuid m_current;
    MessageListModel *m_model = nullptr;
    QHash<QUuid, Timeline *> m_timelines;
    MemberListModel m_members;
    QHash<QUuid, Receipt> m_receipts;
    QHash<QUuid, QElapsedTimer> m_typing;
    QTimer m_typingExpiry;
    QString m_typingText;
    QElapsedTimer m_lastTypingSent;
    QTimer m_typingStop;
    qint64 m_lastReadSent = 0;
    //! The newest stored message the list has shown in the open conversation (0: none yet).
    qint64 m_shownSeq = 0;
    QUuid m_shownId;
    bool m_loadingHistory = false;
    QString m_errorText;
    QString m_memberErrorText;
    MessageActions m_actions;
    ComposerDraft m_draft;
    MentionCompletionModel m_mentionCompletions;
    //! The conversation whose room join the server acknowledged on this connection: its live
    //! updates move its change cursor (docs/protocol.md).
    QUuid m_ackedRoom;
    //! Updates that came during the current join's replay (past 2,000 the rest is fetched).
    int m_joinUpdates = 0;
    //! The seq a jump is loading history for, 0 when none.
    qint64 m_jumpSeq = 0;
    JumpTarget m_jumpTarget = JumpTarget::None;
};

} // namespace natter::desktop
