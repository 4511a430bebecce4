// SPDX-License-Identifier: Apache-2.0
#include "app/chatcontroller.h"

#include "api/apiclient.h"
#include "app/attachmentdraft.h"
#include "app/conversationscontroller.h"
#include "app/peoplecontroller.h"
#include "core/errortext.h"
#include "core/jsonlist.h"
#include "core/logging.h"
#include "models/grouppicture.h"
#include "models/userdirectory.h"
#include "natter/validation.h"
#include "realtime/realtimeclient.h"
#include "store/localcache.h"
#include "store/outbox.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr int kPageSize = 50;
constexpr int kCatchUpPageSize = 100;
constexpr int kTypingResendMs = 3000;
constexpr int kTypingIdleMs = 4000;
constexpr int kTypingExpiryMs = 6000;

} // namespace

ChatController::ChatController(Collaborators with, QObject *parent)
    : QObject(parent), m_api(with.api), m_realtime(with.realtime), m_cache(with.cache),
      m_outbox(with.outbox), m_directory(with.directory), m_conversations(with.conversations),
      m_people(with.people), m_actions(with.api, this), m_draft(this, &m_actions)
{
    m_mentionCompletions.setSourceModel(&m_members);
    m_typingExpiry.setInterval(1000);
    connect(&m_typingExpiry, &QTimer::timeout, this, &ChatController::updateTypingText);
    m_typingStop.setSingleShot(true);
    m_typingStop.setInterval(kTypingIdleMs);
    connect(&m_typingStop, &QTimer::timeout, this, &ChatController::stopTyping);

    RealtimeClient *realtime = m_realtime;
    connect(realtime, &RealtimeClient::typingChanged, this, &ChatController::setTyping);
    connect(realtime, &RealtimeClient::receiptUpdated, this, &ChatController::applyReceipt);
    connect(realtime, &RealtimeClient::messageUpdated, this, &ChatController::takeLiveUpdate);
    connect(realtime, &RealtimeClient::roomJoined, this, &ChatController::roomJoined);
    connect(realtime, &RealtimeClient::stateChanged, this, [this] { m_ackedRoom = {}; });
    realtime->setChangeCursorSource([this](const QUuid &conversationId) {
        const Timeline *timeline = m_timelines.value(conversationId);
        return timeline ? timeline->changeCursor() : qint64(-1);
    });
    realtime->setKnownSeqSource([this](const QUuid &conversationId) {
        const Timeline *timeline = m_timelines.value(conversationId);
        return timeline ? timeline->knownSeq() : qint64(-1);
    });
    connect(realtime, &RealtimeClient::memberJoined, this,
            [this](const QUuid &conversationId, const User &user) {
                m_directory->insert(user);
                if (conversationId == m_current)
                    m_members.addMember(
                        Member{user, MemberRole::Member, QDateTime::currentDateTimeUtc()});
            });
    connect(realtime, &RealtimeClient::memberLeft, this,
            [this](const QUuid &conversationId, const QUuid &userId) {
                if (conversationId != m_current)
                    return;
                if (userId == m_myUserId) {
                    close();
                    return;
                }
                m_members.removeMember(userId);
            });
    connect(realtime, &RealtimeClient::connected, this, [this] {
        // The joined room catches up through after_seq; the others we visited by REST.
        for (const Timeline *timeline : std::as_const(m_timelines)) {
            if (timeline->conversationId() != m_current && timeline->knownSeq() > 0)
                catchUp(timeline->conversationId(), timeline->knownSeq());
            if (timeline->conversationId() != m_current && timeline->changeCursor() >= 0)
                fetchChanges(timeline->conversationId());
        }
        if (!m_current.isNull())
            fetchReceipts();
    });

    Outbox *outbox = m_outbox;
    connect(outbox, &Outbox::queued, this,
            [this](const OutboxItem &item) { modelFor(item.conversationId)->addPending(item); });
    connect(outbox, &Outbox::sent, this, [this](qint64, const Message &message) {
        // The server's copy replaces the pending row (matched by client_msg_id); the socket's
        // copy of it, whichever comes second, is a duplicate and dropped by the timeline.
        ingest({message}, Timeline::Source::OutboxEcho);
    });
    connect(outbox, &Outbox::failed, this, [this](qint64 localId, const QString &error) {
        for (Timeline *timeline : std::as_const(m_timelines))
            timeline->model()->markPendingFailed(localId, error);
    });
    connect(outbox, &Outbox::retrying, this, [this](qint64 localId) {
        for (Timeline *timeline : std::as_const(m_timelines))
            timeline->model()->markPendingSending(localId);
    });
    connect(outbox, &Outbox::discarded, this, [this](qint64 localId) {
        for (Timeline *timeline : std::as_const(m_timelines))
            timeline->model()->removePending(localId);
    });
    connect(this, &ChatController::detailsChanged, this, &ChatController::peerBlockedChanged);
    // The open conversation's row changed (renamed, a new description, #18): so did the header.
    connect(m_conversations->model(), &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &from, const QModelIndex &to) {
                const int row = m_conversations->model()->indexOf(m_current);
                if (row >= from.row() && row <= to.row())
                    Q_EMIT detailsChanged();
            });
}

void ChatController::setAttachmentDraft(AttachmentDraft *draft)
{
    m_attachments = draft;
    connect(draft, &AttachmentDraft::sent, this, [this](const Message &message) {
        ingest({message}, Timeline::Source::OutboxEcho);
        m_draft.cancel(); // a reply with images is sent only now (#12)
    });
}

void ChatController::setMyUserId(const QUuid &id)
{
    m_myUserId = id;
    m_members.setMyUserId(id);
}

void ChatController::setWindowActive(bool active)
{
    m_windowActive = active;
    if (active)
        markRead();
}

QString ChatController::conversationId() const
{
    return m_current.isNull() ? QString() : m_current.toString(QUuid::WithoutBraces);
}

QString ChatController::title() const
{
    const auto conversation = m_conversations->model()->find(m_current);
    return conversation ? m_conversations->model()->titleOf(*conversation) : QString();
}

bool ChatController::isGroup() const
{
    const auto conversation = m_conversations->model()->find(m_current);
    return conversation && conversation->type == ConversationType::Group;
}

bool ChatController::amAdmin() const
{
    return m_members.isAdmin(m_myUserId);
}

QString ChatController::peerUsername() const
{
    const auto conversation = m_conversations->model()->find(m_current);
    return conversation ? m_conversations->model()->peerUsernameOf(*conversation) : QString();
}

QString ChatController::avatarUrl() const
{
    const auto conversation = m_conversations->model()->find(m_current);
    if (conversation && conversation->type == ConversationType::Group)
        return groupPictureOf(*conversation); // #18
    const auto peer = conversation ? m_conversations->model()->peerOf(*conversation) : std::nullopt;
    return peer ? peer->avatarUrl : QString();
}

bool ChatController::historyComplete() const
{
    const Timeline *timeline = m_timelines.value(m_current);
    return timeline && timeline->historyComplete();
}

void ChatController::setMemberError(const QString &text)
{
    if (m_memberErrorText == text)
        return;
    m_memberErrorText = text;
    Q_EMIT memberErrorTextChanged();
}

bool ChatController::peerBlocked() const
{
    const QString peer = peerUsername();
    return !isGroup() && !peer.isEmpty() && m_people->isBlocked(peer);
}

void ChatController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

MessageListModel *ChatController::modelFor(const QUuid &conversationId)
{
    return timelineFor(conversationId)->model();
}

Timeline *ChatController::timelineFor(const QUuid &conversationId)
{
    if (auto *existing = m_timelines.value(conversationId))
        return existing;
    auto *timeline = new Timeline(conversationId, m_myUserId, m_directory, m_cache, this);
    m_timelines.insert(conversationId, timeline);
    connect(timeline, &Timeline::gapDetected, this, &ChatController::catchUp);
    connect(timeline, &Timeline::storedUpTo, this, &ChatController::storedUpTo);
    connect(timeline, &Timeline::historyCompleteChanged, this, [this, conversationId] {
        if (conversationId == m_current)
            Q_EMIT historyStateChanged();
    });
    const QList<OutboxItem> pending = m_outbox->itemsFor(conversationId);
    for (const OutboxItem &item : pending)
        timeline->model()->addPending(item);
    return timeline;
}

void ChatController::resetForUser()
{
    close();
    qDeleteAll(m_timelines);
    m_timelines.clear();
}

void ChatController::ingest(const QList<Message> &messages, Timeline::Source source)
{
    QHash<QUuid, QList<Message>> byConversation;
    for (const Message &message : messages)
        byConversation[message.conversationId].append(message);
    for (auto it = byConversation.cbegin(); it != byConversation.cend(); ++it)
        announce(timelineFor(it.key())->ingest(it.value(), source));
}

void ChatController::announce(const QList<Message> &shown)
{
    for (const Message &message : shown) {
        Q_EMIT messageArrived(message);
        // A system line (#18): the group's name, description, members or roles changed.
        if (message.isSystem() && message.conversationId == m_current)
            fetchDetails();
        if (message.conversationId == m_current)
            setTyping(message.conversationId, message.senderId, false);
    }
    if (!shown.isEmpty() && shown.constFirst().conversationId == m_current)
        markRead();
}

void ChatController::open(const QString &id)
{
    const QUuid conversationId = QUuid::fromString(id);
    if (conversationId.isNull() || conversationId == m_current)
        return;
    stopTyping();
    m_current = conversationId;
    m_ackedRoom = {};
    m_model = modelFor(conversationId);
    m_receipts.clear();
    m_typing.clear();
    m_lastReadSent = 0;
    m_shownSeq = 0;
    m_shownId = {};
    updateTypingText();
    setError({});
    const auto conversation = m_conversations->model()->find(conversationId);
    m_members.setMembers(conversation ? conversation->members : QList<Member>{});
    const bool unread = conversation && conversation->unreadCount > 0;
    m_model->setUnreadMarker(unread ? conversation->lastReadSeq : qint64(-1));
    // With unread messages the list opens at the first of them, not at the newest.
    startJump(JumpTarget::Unread, unread ? conversation->lastReadSeq + 1 : 0);
    // Before the newest page is asked for: its messages come in their current state.
    timelineFor(conversationId)->startChangeCursorAt(conversation ? conversation->lastRev : 0);
    Q_EMIT conversationChanged();
    Q_EMIT detailsChanged();
    Q_EMIT historyStateChanged();

    m_realtime->joinRoom(conversationId);
    fetchLatest();
    fetchDetails();
    fetchReceipts();
    markRead();
}

void ChatController::close()
{
    if (m_current.isNull())
        return;
    stopTyping();
    m_realtime->leaveRoom(m_current);
    startJump(JumpTarget::None, 0);
    m_current = {};
    m_model = nullptr;
    m_members.setMembers({});
    m_typing.clear();
    updateTypingText();
    Q_EMIT conversationChanged();
    Q_EMIT detailsChanged();
}

void ChatController::fetchLatest()
{
    const QUuid conversationId = m_current;
    m_api->messagesBefore(
        conversationId, 0, kPageSize, this, [this, conversationId](Result<QJsonObject> answer) {
            if (!answer) {
                if (conversationId == m_current && answer.error().code != ErrorCode::Unavailable)
                    setError(describe(answer.error()));
                if (conversationId == m_current && openingAtUnread())
                    finishJump(m_model->unreadMarkerRow()); // offline: what the cache holds
                return;
            }
            timelineFor(conversationId)->ingest(messagesOf(*answer), Timeline::Source::Latest);
            markRead();
            if (conversationId != m_current)
                return;
            continueJump(); // the first unread, or a search result, in a conversation just opened
            if (openingAtUnread() && m_model->oldestSeq() == 0)
                finishJump(-1); // nothing we may see
        });
}

void ChatController::fetchDetails()
{
    const QUuid conversationId = m_current;
    const quint64 asOf = m_conversations->preferencesHeard();
    m_api->conversation(conversationId, this,
                        [this, conversationId, asOf](Result<QJsonObject> answer) {
                            if (!answer) {
                                if (answer.error().code == ErrorCode::NotFound) {
                                    m_conversations->forget(conversationId);
                                    if (conversationId == m_current)
                                        close();
                                }
                                return;
                            }
                            auto conversation = Conversation::fromJson(*answer);
                            if (!conversation)
                                return;
                            m_conversations->remember(*conversation, asOf);
                            if (conversationId != m_current)
                                return;
                            m_members.setMembers(conversation->members);
                            updateWatermarks();
                            Q_EMIT detailsChanged();
                        });
}

void ChatController::fetchReceipts()
{
    const QUuid conversationId = m_current;
    m_api->receipts(conversationId, this, [this, conversationId](Result<QJsonObject> answer) {
        if (!answer || conversationId != m_current)
            return;
        const QList<Receipt> receipts = listFromJson<Receipt>(*answer, u"receipts"_s);
        for (Receipt receipt : receipts) {
            receipt.conversationId = conversationId;
            m_receipts.insert(receipt.userId, receipt);
        }
        updateWatermarks();
    });
}

void ChatController::catchUp(const QUuid &conversationId, qint64 afterSeq)
{
    m_api->messagesAfter(
        conversationId, afterSeq, kCatchUpPageSize, this,
        [this, conversationId](Result<QJsonObject> answer) {
            Timeline *timeline = timelineFor(conversationId);
            if (answer)
                announce(timeline->ingest(messagesOf(*answer), Timeline::Source::CatchUp));
            // Whatever is still held behind a gap the server cannot fill
            // (a message hidden from us) is released rather than kept back.
            announce(timeline->releaseHeld());
        });
}

void ChatController::loadOlder()
{
    if (m_current.isNull() || m_loadingHistory || historyComplete() || !m_model)
        return;
    const qint64 before = m_model->oldestSeq();
    if (before == 1) {
        timelineFor(m_current)->ingest({}, Timeline::Source::History); // nothing older
        return;
    }
    m_loadingHistory = true;
    Q_EMIT historyStateChanged();
    const QUuid conversationId = m_current;
    m_api->messagesBefore(
        conversationId, before, kPageSize, this,
        [this, conversationId](Result<QJsonObject> answer) {
            m_loadingHistory = false;
            if (answer)
                timelineFor(conversationId)->ingest(messagesOf(*answer), Timeline::Source::History);
            Q_EMIT historyStateChanged();
            continueJump(); // a jump that waited for this page
        });
}

bool ChatController::send(const QString &text)
{
    return sendWith(text, {});
}

bool ChatController::sendWith(const QString &text, const QJsonObject &fields)
{
    if (m_current.isNull())
        return false;
    if (m_attachments && m_attachments->count() > 0) {
        stopTyping();
        return m_attachments->send(m_current, text.trimmed(), fields);
    }
    auto body = validation::messageBody(u"body_text"_s, text);
    if (!body) {
        setError(describe(body.error()));
        return false;
    }
    setError({});
    stopTyping();
    if (!m_outbox->enqueue(m_current, *body, fields)) {
        setError(u"The message could not be saved for sending."_s);
        return false;
    }
    return true;
}

void ChatController::retry(qint64 localId)
{
    m_outbox->retry(localId);
}

void ChatController::discard(qint64 localId)
{
    m_outbox->discard(localId);
}

void ChatController::composing()
{
    if (m_current.isNull())
        return;
    if (!m_lastTypingSent.isValid() || m_lastTypingSent.elapsed() > kTypingResendMs) {
        m_realtime->sendTyping(m_current, true);
        m_lastTypingSent.start();
    }
    m_typingStop.start();
}

void ChatController::stopTyping()
{
    m_typingStop.stop();
    if (m_lastTypingSent.isValid() && !m_current.isNull())
        m_realtime->sendTyping(m_current, false);
    m_lastTypingSent.invalidate();
}

void ChatController::markRead()
{
    if (m_current.isNull() || !m_model || !m_windowActive || m_shownSeq <= 0)
        return;
    m_conversations->model()->markRead(m_current, m_shownSeq);
    if (m_shownSeq <= m_lastReadSent)
        return;
    m_lastReadSent = m_shownSeq;
    if (m_realtime->state() == RealtimeClient::State::Online) {
        m_realtime->sendRead(m_current, m_shownSeq);
    } else {
        m_api->markRead(m_shownId, this, [](Result<QJsonObject>) {});
    }
}

void ChatController::showUpToRow(int row)
{
    if (!m_model)
        return;
    // Pending rows (our unsent messages) have no seq: the newest stored one above them counts.
    for (int at = std::min(row, m_model->rowCount() - 1); at >= 0; --at) {
        const QModelIndex index = m_model->index(at);
        const qint64 seq = index.data(MessageListModel::SeqRole).toLongLong();
        if (seq <= 0)
            continue;
        if (seq > m_shownSeq) {
            m_shownSeq = seq;
            m_shownId = QUuid::fromString(index.data(MessageListModel::MessageIdRole).toString());
        }
        break;
    }
    markRead();
}

void ChatController::applyReceipt(const Receipt &receipt)
{
    if (receipt.conversationId != m_current)
        return;
    m_receipts.insert(receipt.userId, receipt);
    updateWatermarks();
}

void ChatController::updateWatermarks()
{
    if (!m_model)
        return;
    // A message is delivered (read) once every other member has it delivered (read).
    const QUuid me = m_myUserId;
    qint64 delivered = -1;
    qint64 read = -1;
    const QList<Member> members = m_members.members();
    for (const Member &member : members) {
        if (member.user.id == me)
            continue;
        const Receipt receipt = m_receipts.value(member.user.id);
        delivered =
            delivered < 0 ? receipt.deliveredSeq : std::min(delivered, receipt.deliveredSeq);
        read = read < 0 ? receipt.readSeq : std::min(read, receipt.readSeq);
    }
    if (delivered >= 0)
        m_model->setReceiptWatermarks(delivered, read);
}

void ChatController::setTyping(const QUuid &conversationId, const QUuid &userId, bool typing)
{
    if (conversationId != m_current || userId == m_myUserId)
        return;
    if (typing) {
        QElapsedTimer since;
        since.start();
        m_typing.insert(userId, since);
    } else if (!m_typing.remove(userId)) {
        return;
    }
    updateTypingText();
}

void ChatController::updateTypingText()
{
    // A "start" without its "stop" (the other app crashed) fades out on its own.
    m_typing.removeIf([](const auto &entry) { return entry.value().elapsed() > kTypingExpiryMs; });
    QStringList names;
    for (auto it = m_typing.cbegin(); it != m_typing.cend(); ++it)
        names.append(m_directory->displayName(it.key()));
    names.sort();
    QString text;
    if (names.size() == 1)
        text = u"%1 is typing…"_s.arg(names.at(0));
    else if (names.size() == 2)
        text = u"%1 and %2 are typing…"_s.arg(names.at(0), names.at(1));
    else if (names.size() > 2)
        text = u"Several people are typing…"_s;
    if (m_typing.isEmpty())
        m_typingExpiry.stop();
    else if (!m_typingExpiry.isActive())
        m_typingExpiry.start();
    if (text != m_typingText) {
        m_typingText = text;
        Q_EMIT typingTextChanged();
    }
}

void ChatController::addMember(const QString &username)
{
    if (m_current.isNull())
        return;
    const QUuid conversationId = m_current;
    const QString name = username.trimmed().toLower();
    setMemberError({});
    m_api->addMember(conversationId, name, this,
                     [this, conversationId, name](Result<QJsonObject> answer) {
                         if (!answer) {
                             setMemberError(answer.error().code == ErrorCode::NotFound
                                                ? u"There is no @%1."_s.arg(name)
                                                : describe(answer.error()));
                             return;
                         }
                         setMemberError({});
                         Q_EMIT memberAdded(name);
                         auto member = Member::fromJson(*answer);
                         if (member && conversationId == m_current) {
                             m_directory->insert(member->user);
                             m_members.addMember(*member);
                         }
                     });
}

void ChatController::removeMember(const QString &userId)
{
    if (m_current.isNull())
        return;
    const QUuid conversationId = m_current;
    const QUuid user = QUuid::fromString(userId);
    m_api->removeMember(conversationId, user, this,
                        [this, conversationId, user](Result<QJsonObject> answer) {
                            if (!answer) {
                                setError(describe(answer.error()));
                                return;
                            }
                            if (user == m_myUserId) {
                                m_conversations->forget(conversationId);
                                if (conversationId == m_current)
                                    close();
                            } else if (conversationId == m_current) {
                                m_members.removeMember(user);
                            }
                        });
}

void ChatController::leave()
{
    removeMember(m_myUserId.toString(QUuid::WithoutBraces));
}

} // namespace natter::desktop
