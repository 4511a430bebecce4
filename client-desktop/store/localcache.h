// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/result.h"

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QUuid>

namespace natter::desktop {

//! A message waiting in the outbox, as stored.
struct OutboxItem
{
    qint64 localId = 0;
    QUuid conversationId;
    QString clientMsgId;
    QString bodyText;
    QDateTime createdAt;
    bool failed = false;
    QString error;
    //! More of the send's body (#12 `reply_to_id`; `attachment_ids` fit here too).
    QJsonObject sendFields{};
};

//! The app's SQLite file: recent conversations and messages, so the app opens to content before
//! the network answers, and the outbox, so unsent messages survive a restart. One connection,
//! on the thread that opened it (the GUI thread); prepared statements only.
class LocalCache final
{
public:
    LocalCache() = default;
    ~LocalCache();
    LocalCache(const LocalCache &) = delete;
    LocalCache &operator=(const LocalCache &) = delete;

    //! Opens (creating when needed) the file at `path`.
    [[nodiscard]] Status open(const QString &path);
    [[nodiscard]] bool isOpen() const { return m_db.isOpen(); }
    void close();
    //! Forgets what was fetched (conversations, messages, the cached user) but not the
    //! outbox: unsent messages are the user's words, not a copy of the server's (another
    //! account signed in, the session ended).
    void clearFetched();
    //! Sign-out: forgets what was fetched and `ownerId`'s outbox, and leaves none of it
    //! readable in the file or its write-ahead log (secure_delete, VACUUM, checkpoint).
    void erase(const QUuid &ownerId);

    void saveUser(const User &user);
    [[nodiscard]] std::optional<User> loadUser() const;

    void saveConversations(const QList<Conversation> &conversations);
    void saveConversation(const Conversation &conversation);
    void removeConversation(const QUuid &id);
    [[nodiscard]] QList<Conversation> loadConversations() const;

    //! Stores messages and keeps only the newest `kKeepPerConversation` of each conversation.
    void saveMessages(const QList<Message> &messages);
    //! The newest `limit` messages of a conversation, oldest first.
    [[nodiscard]] QList<Message> loadRecentMessages(const QUuid &conversationId, int limit) const;

    //! Replaces the stored copies of messages already cached (a change to them, #12); never
    //! adds one, so an update to an old message leaves no hole in the cached stretch.
    void refreshMessages(const QList<Message> &messages);
    //! The change cursor of a conversation (docs/protocol.md): the highest change number whose
    //! effect the cached messages hold. nullopt when none was saved.
    void saveChangeCursor(const QUuid &conversationId, qint64 rev);
    [[nodiscard]] std::optional<qint64> loadChangeCursor(const QUuid &conversationId) const;

    //! Queues a message written by `ownerId`; only that account ever sends it.
    [[nodiscard]] std::optional<OutboxItem>
    addToOutbox(const QUuid &ownerId, const QUuid &conversationId, const QString &clientMsgId,
                const QString &bodyText, const QJsonObject &sendFields = {});
    void removeFromOutbox(qint64 localId);
    void markOutboxItem(qint64 localId, bool failed, const QString &error);
    //! `ownerId`'s items, oldest first.
    [[nodiscard]] QList<OutboxItem> outbox(const QUuid &ownerId) const;

    static constexpr int kKeepPerConversation = 200;

private:
    [[nodiscard]] bool exec(const QString &sql) const;
    //! Files from before the outbox had owners: their items belong to the cached user.
    [[nodiscard]] bool addOutboxOwners();
    //! Files from before sends carried more than text (#12): an empty `send_fields`.
    [[nodiscard]] bool addOutboxSendFields();
    QSqlDatabase m_db;
    QString m_connectionName;
};

} // namespace natter::desktop
