// SPDX-License-Identifier: Apache-2.0
#include "models/messagelistmodel.h"

#include "core/mentions.h"
#include "core/messageformat.h"
#include "media/imagecache.h"
#include "models/messagepresentation.h"
#include "models/userdirectory.h"

#include <algorithm>
#include <QLocale>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr qint64 kSenderGroupSeconds = qint64(5) * 60;
//! The bar in front of a quoted line: readable on both bubble colours, light and dark.
constexpr QStringView kQuoteBarColor = u"#9a93b8";
//! Mentions: violet on the white and dark grey of others' bubbles, pale yellow on my violet one.
constexpr QStringView kMentionColor = u"#7b6cf6";
constexpr QStringView kMentionOnMineColor = u"#ffe08a";
QVariantList attachmentsForQml(const QList<Attachment> &attachments)
{
    QVariantList list;
    for (const Attachment &attachment : attachments) {
        list.append(QVariantMap{{u"source"_s, ImageCache::qmlSource(attachment.url)},
                                {u"thumbnail"_s, ImageCache::qmlSource(attachment.thumbnailUrl)},
                                {u"width"_s, attachment.width},
                                {u"height"_s, attachment.height},
                                {u"name"_s, attachment.name}});
    }
    return list;
}

} // namespace

MessageListModel::MessageListModel(const QUuid &conversationId, const QUuid &myUserId,
                                   const UserDirectory *directory, QObject *parent)
    : QAbstractListModel(parent), m_conversationId(conversationId), m_myUserId(myUserId),
      m_directory(directory)
{
    connect(this, &QAbstractItemModel::rowsInserted, this, &MessageListModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &MessageListModel::countChanged);
}

int MessageListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QHash<int, QByteArray> MessageListModel::roleNames() const
{
    return {
        {MessageIdRole, "messageId"},
        {SeqRole, "seq"},
        {SenderIdRole, "senderId"},
        {SenderNameRole, "senderName"},
        {BodyTextRole, "bodyText"},
        {CreatedAtRole, "createdAt"},
        {TimeTextRole, "timeText"},
        {IsMineRole, "isMine"},
        {StatusRole, "status"},
        {ErrorTextRole, "errorText"},
        {LocalIdRole, "localId"},
        {ShowDaySeparatorRole, "showDaySeparator"},
        {DayLabelRole, "dayLabel"},
        {ShowSenderRole, "showSender"},
        {FormattedTextRole, "formattedText"},
        {FormattedTextHasCodeRole, "formattedTextHasCode"},
        {ReplyToRole, "replyTo"},
        {EditedRole, "edited"},
        {DeletedRole, "deleted"},
        {ReactionsRole, "reactions"},
        {MentionsMeRole, "mentionsMe"},
        {RevRole, "rev"},
        {UnreadMarkerRole, "unreadMarker"},
        {AttachmentsRole, "attachments"},
        {IsSystemRole, "isSystem"},
        {SystemEventRole, "systemEvent"},
    };
}

QString MessageListModel::dayLabel(const QDate &day, const QDate &today)
{
    if (day == today)
        return u"Today"_s;
    if (day == today.addDays(-1))
        return u"Yesterday"_s;
    const QString format = day.year() == today.year() ? u"dddd d MMMM"_s : u"d MMMM yyyy"_s;
    return QLocale().toString(day, format);
}

MessageListModel::Status MessageListModel::statusOf(const Row &row) const
{
    if (row.pending())
        return row.failed ? Status::Failed : Status::Sending;
    if (row.message.seq <= m_readSeq)
        return Status::Read;
    if (row.message.seq <= m_deliveredSeq)
        return Status::Delivered;
    return Status::Sent;
}

bool MessageListModel::showDaySeparator(int row) const
{
    if (row == 0)
        return true;
    return m_rows.at(row).message.createdAt.toLocalTime().date() !=
           m_rows.at(row - 1).message.createdAt.toLocalTime().date();
}

bool MessageListModel::showSender(int row) const
{
    if (showDaySeparator(row))
        return true;
    const Message &current = m_rows.at(row).message;
    const Message &previous = m_rows.at(row - 1).message;
    // A system line between two messages of one sender breaks their run.
    return current.senderId != previous.senderId || previous.isSystem() ||
           previous.createdAt.secsTo(current.createdAt) > kSenderGroupSeconds;
}

QVariant MessageListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const Message &message = row.message;
    switch (role) {
    case MessageIdRole:
        return message.id.isNull() ? QString() : message.idString();
    case SeqRole:
        return message.seq;
    case SenderIdRole:
        return message.senderIdString();
    case SenderNameRole:
        return m_directory ? m_directory->displayName(message.senderId) : QString();
    case Qt::DisplayRole:
    case BodyTextRole:
        return message.bodyText;
    case CreatedAtRole:
        return message.createdAt;
    case TimeTextRole:
        return QLocale().toString(message.createdAt.toLocalTime().time(), u"HH:mm"_s);
    case IsMineRole:
        return message.senderId == m_myUserId;
    case StatusRole:
        return QVariant::fromValue(int(statusOf(row)));
    case ErrorTextRole:
        return row.error;
    case LocalIdRole:
        return row.localId;
    case ShowDaySeparatorRole:
        return showDaySeparator(index.row());
    case DayLabelRole:
        return dayLabel(message.createdAt.toLocalTime().date(), QDate::currentDate());
    case ShowSenderRole:
        return showSender(index.row());
    case FormattedTextRole: {
        if (message.deleted)
            return QString();
        const bool mine = message.senderId == m_myUserId;
        return format::toStyledText(
            format::markMentions(format::parseMessage(message.bodyText),
                                 presentation::mentionedUsernames(message, m_directory)),
            kQuoteBarColor.toString(), (mine ? kMentionOnMineColor : kMentionColor).toString());
    }
    case FormattedTextHasCodeRole:
        return format::hasCode(format::parseMessage(message.bodyText));
    case ReplyToRole:
        return presentation::replyQuote(message, m_directory);
    case EditedRole:
        return message.editedAt.isValid() && !message.deleted;
    case DeletedRole:
        return message.deleted;
    case ReactionsRole:
        return presentation::reactionChips(message.reactions, m_myUserId, m_directory);
    case MentionsMeRole:
        return message.mentions.contains(m_myUserId);
    case RevRole:
        return message.rev;
    case UnreadMarkerRole:
        return index.row() == unreadMarkerRow();
    case AttachmentsRole:
        return attachmentsForQml(message.attachments);
    case IsSystemRole:
        return message.isSystem();
    case SystemEventRole:
        return message.system ? SystemEvent::kindName(message.system->kind) : QString();
    default:
        return {};
    }
}

int MessageListModel::pendingRow(qint64 localId) const
{
    for (int row = confirmedCount(); row < m_rows.size(); ++row) {
        if (m_rows.at(row).localId == localId)
            return row;
    }
    return -1;
}

int MessageListModel::insertPosition(qint64 seq) const
{
    const auto begin = m_rows.cbegin();
    const auto end = begin + confirmedCount();
    return int(
        std::upper_bound(begin, end, seq,
                         [](qint64 value, const Row &row) { return value < row.message.seq; }) -
        begin);
}

void MessageListModel::neighbourChanged(int row)
{
    // A row's separators and sender line depend on the row above it.
    if (row >= 0 && row < m_rows.size()) {
        const QModelIndex changed = index(row);
        Q_EMIT dataChanged(changed, changed,
                           {ShowDaySeparatorRole, ShowSenderRole, UnreadMarkerRole});
    }
}

void MessageListModel::insertConfirmed(const Message &message)
{
    // The echo of one of our own sends: it takes the pending row's place.
    if (!message.clientMsgId.isEmpty() && message.senderId == m_myUserId) {
        for (int row = confirmedCount(); row < m_rows.size(); ++row) {
            if (m_rows.at(row).message.clientMsgId != message.clientMsgId)
                continue;
            if (row == insertPosition(message.seq)) {
                m_rows[row] = Row{message, 0, false, {}};
                --m_pendingCount;
                m_ids.insert(message.id);
                Q_EMIT dataChanged(index(row), index(row));
                return;
            }
            beginRemoveRows({}, row, row);
            m_rows.removeAt(row);
            --m_pendingCount;
            endRemoveRows();
            break;
        }
    }
    const int position = insertPosition(message.seq);
    beginInsertRows({}, position, position);
    m_rows.insert(position, Row{message, 0, false, {}});
    m_ids.insert(message.id);
    endInsertRows();
    neighbourChanged(position + 1);
    // My own message moves "New messages" past what it answered.
    if (m_unreadAfter >= 0 && message.senderId == m_myUserId)
        Q_EMIT dataChanged(index(0), index(confirmedCount() - 1), {UnreadMarkerRole});
}

void MessageListModel::addMessages(const QList<Message> &messages)
{
    QList<Message> sorted = messages;
    std::sort(sorted.begin(), sorted.end(),
              [](const Message &a, const Message &b) { return a.seq < b.seq; });
    for (const Message &message : std::as_const(sorted)) {
        if (message.conversationId != m_conversationId)
            continue;
        if (m_ids.contains(message.id))
            applyUpdate(message); // a page or echo may carry a newer state of a held message
        else
            insertConfirmed(message);
    }
}

int MessageListModel::unreadMarkerRow() const
{
    if (m_unreadAfter < 0)
        return -1;
    // The first message from others after the read mark and after my own newest message:
    // what I answered is not news to me, even where the server still counts it unread.
    qint64 after = m_unreadAfter;
    if (const auto mine = newestOwnMessage())
        after = std::max(after, mine->seq);
    for (int row = insertPosition(after); row < confirmedCount(); ++row) {
        if (m_rows.at(row).message.senderId != m_myUserId)
            return row;
    }
    return -1;
}

void MessageListModel::setUnreadMarker(qint64 readSeq)
{
    const int before = unreadMarkerRow();
    m_unreadAfter = readSeq;
    const int after = unreadMarkerRow();
    for (const int row : {before, after}) {
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row), {UnreadMarkerRole});
    }
}

int MessageListModel::rowOfSeq(qint64 seq) const
{
    const int position = insertPosition(seq);
    return position > 0 && m_rows.at(position - 1).message.seq == seq ? position - 1 : -1;
}

bool MessageListModel::applyUpdate(const Message &message)
{
    if (!m_ids.contains(message.id))
        return false;
    const int row = rowOfSeq(message.seq);
    if (row < 0 || m_rows.at(row).message.id != message.id ||
        message.rev <= m_rows.at(row).message.rev)
        return false;
    m_rows[row].message = message;
    Q_EMIT dataChanged(index(row), index(row));
    return true;
}

std::optional<Message> MessageListModel::findMessage(const QUuid &id) const
{
    if (!m_ids.contains(id))
        return std::nullopt;
    for (int row = confirmedCount() - 1; row >= 0; --row) {
        if (m_rows.at(row).message.id == id)
            return m_rows.at(row).message;
    }
    return std::nullopt;
}

std::optional<Message> MessageListModel::newestOwnMessage() const
{
    for (int row = confirmedCount() - 1; row >= 0; --row) {
        const Message &message = m_rows.at(row).message;
        // A system line I caused ("You renamed the group") carries my id but is not my words.
        if (message.senderId == m_myUserId && !message.deleted && !message.isSystem())
            return message;
    }
    return std::nullopt;
}

void MessageListModel::prependHistory(const QList<Message> &page)
{
    const qint64 oldest = oldestSeq();
    QList<Message> older;
    for (const Message &message : page) {
        if (message.conversationId == m_conversationId && !m_ids.contains(message.id) &&
            (oldest == 0 || message.seq < oldest))
            older.append(message);
    }
    if (older.isEmpty())
        return;
    std::sort(older.begin(), older.end(),
              [](const Message &a, const Message &b) { return a.seq < b.seq; });
    beginInsertRows({}, 0, int(older.size()) - 1);
    QList<Row> rows;
    rows.reserve(older.size() + m_rows.size());
    for (const Message &message : std::as_const(older)) {
        rows.append(Row{message, 0, false, {}});
        m_ids.insert(message.id);
    }
    rows.append(m_rows);
    m_rows = std::move(rows);
    endInsertRows();
    neighbourChanged(int(older.size()));
}

void MessageListModel::addPending(const OutboxItem &item)
{
    if (item.conversationId != m_conversationId || pendingRow(item.localId) >= 0)
        return;
    Row row;
    row.localId = item.localId;
    row.failed = item.failed;
    row.error = item.error;
    row.message.conversationId = item.conversationId;
    row.message.senderId = m_myUserId;
    row.message.bodyText = item.bodyText;
    row.message.createdAt = item.createdAt;
    row.message.clientMsgId = item.clientMsgId;
    const int position = int(m_rows.size());
    beginInsertRows({}, position, position);
    m_rows.append(row);
    ++m_pendingCount;
    endInsertRows();
}

void MessageListModel::markPendingFailed(qint64 localId, const QString &error)
{
    const int row = pendingRow(localId);
    if (row < 0)
        return;
    m_rows[row].failed = true;
    m_rows[row].error = error;
    Q_EMIT dataChanged(index(row), index(row), {StatusRole, ErrorTextRole});
}

void MessageListModel::markPendingSending(qint64 localId)
{
    const int row = pendingRow(localId);
    if (row < 0)
        return;
    m_rows[row].failed = false;
    m_rows[row].error.clear();
    Q_EMIT dataChanged(index(row), index(row), {StatusRole, ErrorTextRole});
}

void MessageListModel::removePending(qint64 localId)
{
    const int row = pendingRow(localId);
    if (row < 0)
        return;
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    --m_pendingCount;
    endRemoveRows();
    neighbourChanged(row);
}

void MessageListModel::removeUpToSeq(qint64 seq)
{
    const int end = insertPosition(seq);
    if (end == 0)
        return;
    beginRemoveRows({}, 0, end - 1);
    for (int row = 0; row < end; ++row)
        m_ids.remove(m_rows.at(row).message.id);
    m_rows.remove(0, end);
    endRemoveRows();
    neighbourChanged(0);
}

void MessageListModel::removeMessagesFrom(const QUuid &senderId)
{
    for (int row = confirmedCount() - 1; row >= 0; --row) {
        if (m_rows.at(row).message.senderId != senderId)
            continue;
        int first = row;
        while (first > 0 && m_rows.at(first - 1).message.senderId == senderId)
            --first;
        beginRemoveRows({}, first, row);
        for (int i = first; i <= row; ++i)
            m_ids.remove(m_rows.at(i).message.id);
        m_rows.remove(first, row - first + 1);
        endRemoveRows();
        neighbourChanged(first);
        row = first;
    }
}

void MessageListModel::setReceiptWatermarks(qint64 deliveredSeq, qint64 readSeq)
{
    // Watermarks never move backwards.
    deliveredSeq = std::max({deliveredSeq, readSeq, m_deliveredSeq});
    readSeq = std::max(readSeq, m_readSeq);
    if (deliveredSeq == m_deliveredSeq && readSeq == m_readSeq)
        return;
    const qint64 lowestChanged = std::min(m_deliveredSeq, m_readSeq) + 1;
    m_deliveredSeq = deliveredSeq;
    m_readSeq = readSeq;
    const int first = insertPosition(lowestChanged - 1);
    const int last = insertPosition(deliveredSeq) - 1;
    if (first <= last)
        Q_EMIT dataChanged(index(first), index(last), {StatusRole});
}

qint64 MessageListModel::oldestSeq() const
{
    return confirmedCount() > 0 ? m_rows.constFirst().message.seq : 0;
}

qint64 MessageListModel::newestSeq() const
{
    return confirmedCount() > 0 ? m_rows.at(confirmedCount() - 1).message.seq : 0;
}

std::optional<Message> MessageListModel::newestMessage() const
{
    if (confirmedCount() == 0)
        return std::nullopt;
    return m_rows.at(confirmedCount() - 1).message;
}

bool MessageListModel::containsSeq(qint64 seq) const
{
    return rowOfSeq(seq) >= 0;
}

} // namespace natter::desktop
