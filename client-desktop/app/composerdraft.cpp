// SPDX-License-Identifier: Apache-2.0
#include "app/composerdraft.h"

#include "app/chatcontroller.h"
#include "app/messageactions.h"
#include "models/userdirectory.h"

#include <QJsonObject>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

ComposerDraft::ComposerDraft(ChatController *chat, MessageActions *actions, QObject *parent)
    : QObject(parent), m_chat(chat), m_actions(actions)
{
    connect(chat, &ChatController::conversationChanged, this, &ComposerDraft::cancel);
}

void ComposerDraft::replyTo(const QString &messageId)
{
    const auto message = m_chat->findMessage(QUuid::fromString(messageId));
    if (!message || message->deleted)
        return;
    m_editing = {};
    m_editText.clear();
    m_replyTo = message->id;
    m_replySender = m_chat->displayName(message->senderId);
    m_replyText = message->bodyText.simplified();
    Q_EMIT changed();
}

bool ComposerDraft::edit(const QString &messageId)
{
    const auto message = m_chat->findMessage(QUuid::fromString(messageId));
    if (!message || message->deleted || message->senderId != m_chat->myUserId())
        return false;
    m_replyTo = {};
    m_editing = message->id;
    m_editText = message->bodyText;
    Q_EMIT changed();
    return true;
}

bool ComposerDraft::editLast()
{
    const auto message = m_chat->newestOwnMessage();
    return message && edit(message->idString());
}

void ComposerDraft::cancel()
{
    if (m_replyTo.isNull() && m_editing.isNull())
        return;
    m_replyTo = {};
    m_editing = {};
    m_editText.clear();
    Q_EMIT changed();
}

bool ComposerDraft::submit(const QString &text)
{
    if (!m_editing.isNull()) {
        if (!m_actions->edit(m_editing.toString(QUuid::WithoutBraces), text))
            return false;
        cancel();
        return true;
    }
    QJsonObject fields;
    if (!m_replyTo.isNull())
        fields.insert(u"reply_to_id"_s, m_replyTo.toString(QUuid::WithoutBraces));
    if (!m_chat->sendWith(text, fields))
        return false;
    cancel();
    return true;
}

} // namespace natter::desktop
