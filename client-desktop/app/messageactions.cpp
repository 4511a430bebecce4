// SPDX-License-Identifier: Apache-2.0
#include "app/messageactions.h"

#include "api/apiclient.h"
#include "app/chatcontroller.h"
#include "core/errortext.h"
#include "natter/validation.h"

#include <QClipboard>
#include <QGuiApplication>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

MessageActions::MessageActions(ApiClient *api, ChatController *chat, QObject *parent)
    : QObject(parent), m_api(api), m_chat(chat)
{}

QStringList MessageActions::frequentEmojis()
{
    return {u"👍"_s, u"❤️"_s, u"😂"_s, u"🎉"_s, u"😮"_s, u"😢"_s};
}

void MessageActions::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void MessageActions::toggleReaction(const QString &messageId, const QString &emoji)
{
    const QUuid id = QUuid::fromString(messageId);
    const auto message = m_chat->findMessage(id);
    if (!message || message->deleted)
        return;
    bool mine = false;
    for (const Reaction &reaction : message->reactions)
        mine = mine || (reaction.emoji == emoji && reaction.userIds.contains(m_chat->myUserId()));
    auto done = [this](Result<QJsonObject> answer) {
        setError(answer ? QString() : describe(answer.error()));
    };
    if (mine)
        m_api->removeReaction(id, emoji, this, done);
    else
        m_api->addReaction(id, emoji, this, done);
}

bool MessageActions::edit(const QString &messageId, const QString &text)
{
    auto body = validation::messageBody(u"body_text"_s, text);
    if (!body) {
        setError(describe(body.error()));
        return false;
    }
    setError({});
    m_api->editMessage(QUuid::fromString(messageId), *body, this,
                       [this](Result<QJsonObject> answer) {
                           if (!answer) {
                               setError(describe(answer.error()));
                               return;
                           }
                           if (auto message = Message::fromJson(*answer))
                               m_chat->applyUpdates({*message});
                       });
    return true;
}

void MessageActions::copyText(const QString &text)
{
    if (QClipboard *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

void MessageActions::remove(const QString &messageId)
{
    m_api->deleteMessage(QUuid::fromString(messageId), this, [this](Result<QJsonObject> answer) {
        setError(answer ? QString() : describe(answer.error()));
    });
}

} // namespace natter::desktop
