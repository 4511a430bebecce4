// SPDX-License-Identifier: Apache-2.0
#include "models/conversationlistmodel.h"

#include "media/messagesummary.h"
#include "models/conversationstate.h"
#include "models/grouppicture.h"
#include "models/userdirectory.h"

#include <algorithm>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

ConversationListModel::ConversationListModel(const UserDirectory *directory, QObject *parent)
    : QAbstractListModel(parent), m_directory(directory)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &ConversationListModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &ConversationListModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &ConversationListModel::countChanged);
    // Archived rows change with preferences and with new messages (#18).
    connect(this, &QAbstractItemModel::rowsInserted, this,
            &ConversationListModel::archivedCountChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this,
            &ConversationListModel::archivedCountChanged);
    connect(this, &QAbstractItemModel::dataChanged, this,
            &ConversationListModel::archivedCountChanged);
}

int ConversationListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> ConversationListModel::roleNames() const
{
    return {
        {IdRole, "conversationId"},
        {TitleRole, "title"},
        {IsGroupRole, "isGroup"},
        {UnreadCountRole, "unreadCount"},
        {LastMessageTextRole, "lastMessageText"},
        {LastActivityRole, "lastActivity"},
        {LastActivityTextRole, "lastActivityText"},
        {PeerUsernameRole, "peerUsername"},
        {PeerAvatarUrlRole, "peerAvatarUrl"},
        {MemberCountRole, "memberCount"},
        {MentionCountRole, "mentionCount"},
        {MutedRole, "muted"},
        {PinnedRole, "pinned"},
        {ArchivedRole, "archived"},
        {TypingTextRole, "typingText"},
    };
}

QDateTime ConversationListModel::activity(const Conversation &conversation)
{
    return conversation.lastMessage ? conversation.lastMessage->createdAt : conversation.createdAt;
}

QString ConversationListModel::titleOf(const Conversation &conversation) const
{
    if (conversation.type == ConversationType::Group || !conversation.title.isEmpty())
        return conversation.title.isEmpty() ? u"Group"_s : conversation.title;
    for (const Member &member : conversation.members) {
        if (member.user.id != m_myUserId)
            return UserDirectory::displayNameOf(member.user);
    }
    return u"Direct message"_s;
}

std::optional<User> ConversationListModel::peerOf(const Conversation &conversation) const
{
    if (conversation.type != ConversationType::Dm)
        return std::nullopt;
    for (const Member &member : conversation.members) {
        if (member.user.id != m_myUserId)
            return member.user;
    }
    return std::nullopt;
}

QString ConversationListModel::peerUsernameOf(const Conversation &conversation) const
{
    const auto peer = peerOf(conversation);
    return peer ? peer->username : QString();
}

QVariant ConversationListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversation &conversation = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return conversation.idString();
    case Qt::DisplayRole:
    case TitleRole:
        return titleOf(conversation);
    case IsGroupRole:
        return conversation.type == ConversationType::Group;
    case UnreadCountRole:
        return conversation.unreadCount;
    case LastMessageTextRole: {
        if (!conversation.lastMessage)
            return QString();
        const QString text = messageSummary(*conversation.lastMessage);
        if (conversation.lastMessage->senderId == m_myUserId)
            return u"You: "_s + text;
        if (conversation.type == ConversationType::Group && m_directory)
            return m_directory->displayName(conversation.lastMessage->senderId) + u": "_s + text;
        return text;
    }
    case LastActivityRole:
        return activity(conversation);
    case LastActivityTextRole: {
        const QDateTime local = activity(conversation).toLocalTime();
        if (local.date() == QDate::currentDate())
            return QLocale().toString(local.time(), u"HH:mm"_s);
        return QLocale().toString(local.date(), u"d MMM"_s);
    }
    case PeerUsernameRole:
        return peerUsernameOf(conversation);
    case MentionCountRole:
        return int(conversation.mentionCount);
    case MemberCountRole:
        return int(conversation.members.size());
    case PeerAvatarUrlRole:
        if (conversation.type == ConversationType::Group)
            return groupPictureOf(conversation); // #18
        return peerOf(conversation).value_or(User{}).avatarUrl;
    case MutedRole:
        return conversationstate::isMuted(conversation);
    case PinnedRole:
        return conversation.preferences.pinned;
    case ArchivedRole:
        return conversationstate::isArchived(conversation);
    case TypingTextRole:
        return m_typingTexts.value(conversation.id);
    default:
        return {};
    }
}

int ConversationListModel::totalUnread() const
{
    qint64 total = 0;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const Conversation &conversation : m_rows) {
        // Muted: no badge count, in the list or anywhere else (#18).
        if (!conversationstate::isMuted(conversation, now))
            total += conversation.unreadCount;
    }
    return int(total);
}

int ConversationListModel::archivedCount() const
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    return int(std::count_if(m_rows.cbegin(), m_rows.cend(), [&now](const Conversation &c) {
        return conversationstate::isArchived(c, now);
    }));
}

void ConversationListModel::applyPreferences(const QUuid &id,
                                             const ConversationPreferences &preferences)
{
    m_preferencesChangedAt.insert(id, {++m_preferencesHeard, preferences});
    const int existing = indexOf(id);
    if (existing < 0 || m_rows.at(existing).preferences == preferences)
        return;
    m_rows[existing].preferences = preferences;
    const int row = reposition(existing);
    Q_EMIT dataChanged(index(row), index(row), {MutedRole, PinnedRole, ArchivedRole});
    Q_EMIT totalUnreadChanged();
}

void ConversationListModel::setTypingText(const QUuid &id, const QString &text)
{
    if (m_typingTexts.value(id) == text)
        return;
    if (text.isEmpty())
        m_typingTexts.remove(id);
    else
        m_typingTexts.insert(id, text);
    const int row = indexOf(id);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {TypingTextRole});
}

void ConversationListModel::refreshMutes()
{
    if (m_rows.isEmpty())
        return;
    Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1), {MutedRole, ArchivedRole});
    Q_EMIT totalUnreadChanged();
}

int ConversationListModel::indexOf(const QUuid &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).id == id)
            return row;
    }
    return -1;
}

std::optional<Conversation> ConversationListModel::find(const QUuid &id) const
{
    const int row = indexOf(id);
    if (row < 0)
        return std::nullopt;
    return m_rows.at(row);
}

int ConversationListModel::reposition(int row)
{
    const Conversation &moving = m_rows.at(row);
    // Where it belongs among the others (pinned first, then most recent first).
    int target = 0;
    for (int other = 0; other < m_rows.size(); ++other) {
        if (other != row && conversationstate::listsBefore(m_rows.at(other), moving))
            ++target;
    }
    if (target == row)
        return row;
    beginMoveRows({}, row, row, {}, target < row ? target : target + 1);
    m_rows.move(row, target);
    endMoveRows();
    return target;
}

void ConversationListModel::setConversations(const QList<Conversation> &conversations,
                                             quint64 readAsOf)
{
    QSet<QUuid> keep;
    for (const Conversation &conversation : conversations)
        keep.insert(conversation.id);
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (!keep.contains(m_rows.at(row).id)) {
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            endRemoveRows();
        }
    }
    for (const Conversation &conversation : conversations)
        upsert(conversation, readAsOf);
    Q_EMIT totalUnreadChanged();
}

void ConversationListModel::upsert(const Conversation &conversation, quint64 readAsOf)
{
    // A snapshot read before a preference change heard since must not undo it, whether its row
    // is listed already or arrives now (a new group archived on another device meanwhile).
    const auto heard = m_preferencesChangedAt.constFind(conversation.id);
    const bool choicesHeardSince = heard != m_preferencesChangedAt.cend() && heard->at > readAsOf;
    const int existing = indexOf(conversation.id);
    if (existing < 0) {
        const int position = int(m_rows.size());
        beginInsertRows({}, position, position);
        m_rows.append(conversation);
        if (choicesHeardSince)
            m_rows.last().preferences = heard->preferences;
        endInsertRows();
        reposition(position);
        Q_EMIT totalUnreadChanged();
        return;
    }
    Conversation merged = conversation;
    const Conversation &old = m_rows.at(existing);
    if (!merged.membersIncluded && old.membersIncluded) {
        merged.members = old.members;
        merged.membersIncluded = true;
    }
    if (old.lastMessage && (!merged.lastMessage || merged.lastMessage->seq < old.lastMessage->seq))
        merged.lastMessage = old.lastMessage;
    if (choicesHeardSince)
        merged.preferences = heard->preferences;
    // A snapshot fetched before our read reached the server must not bring the badge back.
    merged.lastReadSeq = std::max(merged.lastReadSeq, old.lastReadSeq);
    merged.unreadCount = unreadAfter(merged, merged.lastReadSeq);
    m_rows[existing] = merged;
    const int row = reposition(existing);
    Q_EMIT dataChanged(index(row), index(row));
    Q_EMIT totalUnreadChanged();
}

void ConversationListModel::remove(const QUuid &id)
{
    const int row = indexOf(id);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    Q_EMIT totalUnreadChanged();
}

void ConversationListModel::applyMessage(const Message &message, bool countAsUnread)
{
    const int existing = indexOf(message.conversationId);
    if (existing < 0)
        return;
    Conversation &conversation = m_rows[existing];
    if (conversation.lastMessage && conversation.lastMessage->seq >= message.seq)
        return;
    conversation.lastMessage = message;
    if (countAsUnread)
        ++conversation.unreadCount;
    if (countAsUnread && message.mentions.contains(m_myUserId))
        ++conversation.mentionCount;
    const int row = reposition(existing);
    Q_EMIT dataChanged(index(row), index(row),
                       {UnreadCountRole, LastMessageTextRole, LastActivityRole,
                        LastActivityTextRole, MentionCountRole, ArchivedRole});
    if (countAsUnread)
        Q_EMIT totalUnreadChanged();
}

int ConversationListModel::unreadAfter(const Conversation &conversation, qint64 readSeq)
{
    const qint64 newest = conversation.lastMessage ? conversation.lastMessage->seq : 0;
    if (readSeq >= newest)
        return 0;
    // At most one per message after the read mark (the count may include ours otherwise).
    return int(std::min<qint64>(conversation.unreadCount, newest - readSeq));
}

void ConversationListModel::markRead(const QUuid &id, qint64 seq)
{
    const int row = indexOf(id);
    if (row < 0)
        return;
    Conversation &conversation = m_rows[row];
    conversation.lastReadSeq = std::max(conversation.lastReadSeq, seq);
    const int unread = unreadAfter(conversation, conversation.lastReadSeq);
    if (conversation.unreadCount == unread)
        return;
    conversation.unreadCount = unread;
    // Mentions are among the unread: none left once everything is read. (Which of the rest
    // mention me is only known to the server: its count comes with the next list refresh.)
    if (unread == 0)
        conversation.mentionCount = 0;
    Q_EMIT dataChanged(index(row), index(row), {UnreadCountRole, MentionCountRole});
    Q_EMIT totalUnreadChanged();
}

void ConversationListModel::applyMessageUpdate(const Message &message)
{
    const int row = indexOf(message.conversationId);
    if (row < 0)
        return;
    Conversation &conversation = m_rows[row];
    if (!conversation.lastMessage || conversation.lastMessage->id != message.id ||
        conversation.lastMessage->rev >= message.rev)
        return;
    conversation.lastMessage = message;
    Q_EMIT dataChanged(index(row), index(row), {LastMessageTextRole});
}

ConversationFilterModel::ConversationFilterModel(QObject *parent) : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    // A row archived or brought back (#18) leaves or joins the list: filter again whenever
    // that role may have changed, whatever roles the proxy itself watches.
    connect(this, &QAbstractProxyModel::sourceModelChanged, this, [this] {
        connect(sourceModel(), &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex &, const QModelIndex &, const QList<int> &roles) {
                    if (roles.isEmpty() || roles.contains(ConversationListModel::ArchivedRole))
                        invalidateFilter();
                });
    });
}

void ConversationFilterModel::setFilterText(const QString &text)
{
    if (text == m_filterText)
        return;
    m_filterText = text;
    invalidateFilter();
    Q_EMIT filterTextChanged();
}

void ConversationFilterModel::setShowArchived(bool show)
{
    if (show == m_showArchived)
        return;
    m_showArchived = show;
    invalidateFilter();
    Q_EMIT showArchivedChanged();
}

QString ConversationFilterModel::idAt(int row) const
{
    return data(index(row, 0), ConversationListModel::IdRole).toString();
}

bool ConversationFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QString needle = m_filterText.trimmed();
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (needle.isEmpty())
        return index.data(ConversationListModel::ArchivedRole).toBool() == m_showArchived;
    return index.data(ConversationListModel::TitleRole)
               .toString()
               .contains(needle, Qt::CaseInsensitive) ||
           index.data(ConversationListModel::PeerUsernameRole)
               .toString()
               .contains(needle, Qt::CaseInsensitive);
}

} // namespace natter::desktop
