// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "store/localcache.h"

#include <QAbstractListModel>
#include <QSet>
#include <QtQml/qqmlregistration.h>
#include <QUuid>

namespace natter::desktop {

class UserDirectory;

//! The messages of one conversation, oldest first, then the user's unsent ones. New messages
//! and history pages arrive as row inserts (a page is one insert at the top), a sent message
//! replaces its pending row, and receipts change only the status role: never a reset, so the
//! view keeps its scroll position.
class MessageListModel final : public QAbstractListModel
{
    Q_OBJECT
    // Reached through the controllers' properties only, never named or made in QML.
    QML_ANONYMOUS
    Q_PROPERTY(int count READ count NOTIFY countChanged)

public:
    enum Role
    {
        MessageIdRole = Qt::UserRole + 1,
        SeqRole,
        SenderIdRole,
        SenderNameRole,
        BodyTextRole,
        CreatedAtRole,
        TimeTextRole,
        IsMineRole,
        StatusRole,
        ErrorTextRole,
        LocalIdRole,
        ShowDaySeparatorRole,
        DayLabelRole,
        ShowSenderRole,
        FormattedTextRole,
        FormattedTextHasCodeRole,
        // Conversation features (#12): see models/messagepresentation.h for their shapes.
        ReplyToRole,
        EditedRole,
        DeletedRole,
        ReactionsRole,
        MentionsMeRole,
        RevRole,
        //! The first message that was unread when the conversation was opened: "New messages".
        UnreadMarkerRole,
        //! Images: [{source, thumbnail, width, height, name}] (#13), sources as image:// URLs.
        AttachmentsRole,
        //! A system line (#18, "Ana added Cara"): shown centred and muted from `bodyText`, no
        //! bubble, no actions.
        IsSystemRole,
        //! The system line's event name ("member_added", …), empty for a text message.
        SystemEventRole,
    };
    Q_ENUM(Role)

    enum class Status
    {
        Sending,
        Sent,
        Delivered,
        Read,
        Failed
    };
    Q_ENUM(Status)

    MessageListModel(const QUuid &conversationId, const QUuid &myUserId,
                     const UserDirectory *directory, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return int(m_rows.size()); }

    [[nodiscard]] QUuid conversationId() const { return m_conversationId; }
    //! New or live messages, in any order; ones already here are skipped. A message whose
    //! `client_msg_id` matches a pending row takes that row's place.
    void addMessages(const QList<Message> &messages);
    //! An older page (any order): inserted above everything, in one insert.
    void prependHistory(const QList<Message> &page);
    //! A changed message (`message.updated`, the changes route, our own edit's answer): replaces
    //! the held copy when its `rev` is higher (the protocol's client rule); false when the
    //! message is not held here or the copy is stale.
    bool applyUpdate(const Message &message);
    [[nodiscard]] std::optional<Message> findMessage(const QUuid &id) const;
    //! My newest stored message that is not deleted (what Up in an empty composer edits).
    [[nodiscard]] std::optional<Message> newestOwnMessage() const;
    //! "New messages" above the first message after `readSeq` (-1: none). Set when the
    //! conversation is opened; it stays while it is open, as in the web app.
    void setUnreadMarker(qint64 readSeq);
    //! The row that shows "New messages", -1 when none does (yet).
    [[nodiscard]] int unreadMarkerRow() const;
    //! The row of the message numbered `seq`, -1 when it is not loaded.
    Q_INVOKABLE [[nodiscard]] int rowOfSeq(qint64 seq) const;
    void addPending(const OutboxItem &item);
    void markPendingFailed(qint64 localId, const QString &error);
    void markPendingSending(qint64 localId);
    void removePending(qint64 localId);
    //! Removes the confirmed messages up to `seq` (a cached stretch that a newer page does not
    //! join up with).
    void removeUpToSeq(qint64 seq);
    //! Hides a blocked user's messages (history hides them for the blocker too).
    void removeMessagesFrom(const QUuid &senderId);
    //! The lowest watermarks over the other members: my messages at or below them are
    //! delivered/read.
    void setReceiptWatermarks(qint64 deliveredSeq, qint64 readSeq);

    [[nodiscard]] qint64 oldestSeq() const; //!< 0 when empty
    [[nodiscard]] qint64 newestSeq() const; //!< 0 when empty
    [[nodiscard]] std::optional<Message> newestMessage() const;
    [[nodiscard]] bool containsSeq(qint64 seq) const;

    [[nodiscard]] static QString dayLabel(const QDate &day, const QDate &today);

Q_SIGNALS:
    void countChanged();

private:
    struct Row
    {
        Message message;
        qint64 localId = 0; //!< set for pending rows
        bool failed = false;
        QString error;
        [[nodiscard]] bool pending() const { return localId != 0; }
    };

    [[nodiscard]] int confirmedCount() const { return int(m_rows.size()) - m_pendingCount; }
    [[nodiscard]] int pendingRow(qint64 localId) const;
    [[nodiscard]] int insertPosition(qint64 seq) const;
    [[nodiscard]] Status statusOf(const Row &row) const;
    [[nodiscard]] bool showDaySeparator(int row) const;
    [[nodiscard]] bool showSender(int row) const;
    void insertConfirmed(const Message &message);
    void neighbourChanged(int row);

    QUuid m_conversationId;
    QUuid m_myUserId;
    const UserDirectory *m_directory;
    QList<Row> m_rows;
    int m_pendingCount = 0;
    QSet<QUuid> m_ids;
    qint64 m_deliveredSeq = 0;
    qint64 m_readSeq = 0;
    qint64 m_unreadAfter = -1;
};

} // namespace natter::desktop
