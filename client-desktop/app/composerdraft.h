// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <QUuid>

namespace natter::desktop {

class ChatController;
class MessageActions;

//! What the composer is writing (#12): a new message, a reply to one (its quote shown above the
//! composer, with a cancel), or an edit of one of mine (Up in an empty composer, Esc cancels).
//! `submit` decides what the text becomes, so the composer only reports what was typed.
class ComposerDraft final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through Session.chat.draft")
    Q_PROPERTY(bool replying READ replying NOTIFY changed)
    Q_PROPERTY(QString replySender READ replySender NOTIFY changed)
    Q_PROPERTY(QString replyText READ replyText NOTIFY changed)
    Q_PROPERTY(bool editing READ editing NOTIFY changed)
    //! The text of the message being edited, for the composer to start from.
    Q_PROPERTY(QString editText READ editText NOTIFY changed)

public:
    ComposerDraft(ChatController *chat, MessageActions *actions, QObject *parent = nullptr);

    [[nodiscard]] bool replying() const { return !m_replyTo.isNull(); }
    [[nodiscard]] QString replySender() const { return m_replySender; }
    [[nodiscard]] QString replyText() const { return m_replyText; }
    [[nodiscard]] bool editing() const { return !m_editing.isNull(); }
    [[nodiscard]] QString editText() const { return m_editText; }
    [[nodiscard]] QUuid replyToId() const { return m_replyTo; }

    Q_INVOKABLE void replyTo(const QString &messageId);
    //! Starts editing a message of mine; false when it is not mine or is deleted.
    Q_INVOKABLE bool edit(const QString &messageId);
    //! Up in an empty composer: edits my newest message; false when there is none.
    Q_INVOKABLE bool editLast();
    //! Back to a plain new message (Esc, the cancel button, another conversation).
    Q_INVOKABLE void cancel();
    //! Sends the text (as a reply when replying) or saves the edit; true when the composer may
    //! be cleared.
    Q_INVOKABLE bool submit(const QString &text);

Q_SIGNALS:
    void changed();

private:
    ChatController *m_chat;
    MessageActions *m_actions;
    QUuid m_replyTo;
    QString m_replySender;
    QString m_replyText;
    QUuid m_editing;
    QString m_editText;
};

} // namespace natter::desktop
