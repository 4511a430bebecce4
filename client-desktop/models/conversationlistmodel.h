// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"

#include <QAbstractListModel>
#include <QSortFilterProxyModel>

#include <limits>
#include <QtQml/qqmlregistration.h>

namespace natter::desktop {

class UserDirectory;

//! The user's conversations, most recent activity first. Updates move and change rows one at a
//! time (a new message moves its conversation to the top), so the list never flickers.
class ConversationListModel final : public QAbstractListModel
{
    Q_OBJECT
    // Reached through the controllers' properties only, never named or made in QML.
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(int totalUnread READ totalUnread NOTIFY totalUnreadChanged)
    //! Conversations out of the list until a new message (#18).
    Q_PROPERTY(int archivedCount READ archivedCount NOTIFY archivedCountChanged)

public:
    enum Role
    {
        IdRole = Qt::UserRole + 1,
        TitleRole,
        IsGroupRole,
        UnreadCountRole,
        LastMessageTextRole,
        LastActivityRole,
        LastActivityTextRole,
        PeerUsernameRole,
        MemberCountRole,
        //! Unread messages that mention me, shown apart from the unread count (#12).
        MentionCountRole,
        //! A DM's other person's `avatar_url` (#13), a group's picture (#18, grouppicture.h).
        PeerAvatarUrlRole,
        //! The user's own mute (now), pin and archive (#18, models/conversationstate.h).
        MutedRole,
        PinnedRole,
        ArchivedRole,
        //! "typing…" / "Ben is typing…" while someone types there, else empty (#18).
        TypingTextRole,
    };
    Q_ENUM(Role)

    explicit ConversationListModel(const UserDirectory *directory, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return int(m_rows.size()); }
    //! Unread messages of the conversations that are not muted (the title, the tray).
    [[nodiscard]] int totalUnread() const;
    [[nodiscard]] int archivedCount() const;

    void setMyUserId(const QUuid &id) { m_myUserId = id; }
    //! Stands for "read now": rows that came with an event, in order with the others.
    static constexpr quint64 kReadNow = std::numeric_limits<quint64>::max();
    //! How many preference changes this list has heard. A caller notes it before asking the
    //! server for rows and passes it with them: a change heard after that is newer than the
    //! rows' own preferences, which are then not taken (another device archived a
    //! conversation while its details were on their way).
    [[nodiscard]] quint64 preferencesHeard() const { return m_preferencesHeard; }
    //! Makes the list equal to `conversations`: removes what is gone, updates and moves the rest.
    void setConversations(const QList<Conversation> &conversations, quint64 readAsOf = kReadNow);
    //! Adds or updates one; members already known are kept when the update has none.
    void upsert(const Conversation &conversation, quint64 readAsOf = kReadNow);
    void remove(const QUuid &id);
    //! A new message: becomes the preview, moves the row up, and counts as unread if asked.
    void applyMessage(const Message &message, bool countAsUnread);
    //! A changed message (#12): when it is the preview, the preview shows it as it now is.
    void applyMessageUpdate(const Message &message);
    //! Read up to `seq` (shown with the window active): the count drops to what is after it.
    void markRead(const QUuid &id, qint64 seq);
    //! The user's mute, pin and archive as the server now has them (#18).
    void applyPreferences(const QUuid &id, const ConversationPreferences &preferences);
    //! A timed mute ended: badges and totals count that conversation again.
    void refreshMutes();
    //! Who types in a conversation, as the list says it (ListTyping); empty: nobody.
    void setTypingText(const QUuid &id, const QString &text);

    [[nodiscard]] std::optional<Conversation> find(const QUuid &id) const;
    [[nodiscard]] QList<Conversation> conversations() const { return m_rows; }
    [[nodiscard]] int indexOf(const QUuid &id) const;
    //! DM title: the other member's name; group: its title.
    [[nodiscard]] QString titleOf(const Conversation &conversation) const;
    //! A DM's other person (nullopt for a group).
    [[nodiscard]] std::optional<User> peerOf(const Conversation &conversation) const;
    [[nodiscard]] QString peerUsernameOf(const Conversation &conversation) const;

Q_SIGNALS:
    void countChanged();
    void totalUnreadChanged();
    void archivedCountChanged();

private:
    [[nodiscard]] static QDateTime activity(const Conversation &conversation);
    //! Moves row `row` to where its activity belongs; returns its new row.
    int reposition(int row);
    //! `conversation`'s unread count once everything up to `readSeq` is read.
    [[nodiscard]] static int unreadAfter(const Conversation &conversation, qint64 readSeq);

    const UserDirectory *m_directory;
    QUuid m_myUserId;
    QList<Conversation> m_rows;
    QHash<QUuid, QString> m_typingTexts;
    quint64 m_preferencesHeard = 0;
    //! The last preference change heard for each conversation and when (in preferencesHeard()
    //! counts), kept also for a conversation not listed yet: its row may be on its way, read
    //! before the change.
    struct HeardPreferences
    {
        quint64 at = 0;
        ConversationPreferences preferences;
    };
    QHash<QUuid, HeardPreferences> m_preferencesChangedAt;
};

//! The conversation list filtered by what the user typed in the search box (Ctrl+K).
// Not final: Qt 6.4's QML registration derives from default-constructible types.
class ConversationFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
    // Reached through the controllers' properties only, never named or made in QML.
    QML_ANONYMOUS
    Q_PROPERTY(QString filterText READ filterText WRITE setFilterText NOTIFY filterTextChanged)
    //! The archived conversations instead of the others (#18); a search finds both.
    Q_PROPERTY(bool showArchived READ showArchived WRITE setShowArchived NOTIFY showArchivedChanged)

public:
    explicit ConversationFilterModel(QObject *parent = nullptr);
    [[nodiscard]] QString filterText() const { return m_filterText; }
    void setFilterText(const QString &text);
    [[nodiscard]] bool showArchived() const { return m_showArchived; }
    void setShowArchived(bool show);
    //! The conversation id at a row of this filtered list (Enter in the quick switcher).
    Q_INVOKABLE QString idAt(int row) const;

Q_SIGNALS:
    void filterTextChanged();
    void showArchivedChanged();

protected:
    [[nodiscard]] bool filterAcceptsRow(int sourceRow,
                                        const QModelIndex &sourceParent) const override;

private:
    QString m_filterText;
    bool m_showArchived = false;
};

} // namespace natter::desktop
