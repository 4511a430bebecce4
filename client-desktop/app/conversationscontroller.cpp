// SPDX-License-Identifier: Apache-2.0
#include "app/conversationscontroller.h"

#include "app/session.h"
#include "core/errortext.h"
#include "natter/validation.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

ConversationsController::ConversationsController(Session *session)
    : QObject(session), m_session(session), m_model(session->directory())
{
    m_filtered.setSourceModel(&m_model);
    connect(session->realtime(), &RealtimeClient::conversationAdded, this,
            &ConversationsController::remember);
    connect(session->realtime(), &RealtimeClient::memberLeft, this,
            [this](const QUuid &conversationId, const QUuid &userId) {
                if (userId == m_session->user().id)
                    forget(conversationId);
            });
}

void ConversationsController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void ConversationsController::loadFromCache()
{
    const QList<Conversation> cached = m_session->cache()->loadConversations();
    for (const Conversation &conversation : cached) {
        for (const Member &member : conversation.members)
            m_session->directory()->insert(member.user);
    }
    m_model.setConversations(cached);
}

void ConversationsController::clear()
{
    m_model.setConversations({});
}

void ConversationsController::remember(const Conversation &conversation)
{
    for (const Member &member : conversation.members)
        m_session->directory()->insert(member.user);
    m_model.upsert(conversation);
    if (auto merged = m_model.find(conversation.id))
        m_session->cache()->saveConversation(*merged);
}

void ConversationsController::forget(const QUuid &id)
{
    m_model.remove(id);
    m_session->cache()->removeConversation(id);
}

void ConversationsController::refresh()
{
    if (m_loading)
        return; // the answer on its way is recent enough
    m_loading = true;
    Q_EMIT loadingChanged();
    m_session->api()->get(u"/conversations"_s, {}, this, [this](Result<QJsonObject> answer) {
        m_loading = false;
        Q_EMIT loadingChanged();
        if (!answer) {
            setError(describe(answer.error()));
            return;
        }
        setError({});
        QList<Conversation> conversations;
        const QJsonArray array = answer->value(u"conversations"_s).toArray();
        for (const QJsonValue &value : array) {
            if (auto conversation = Conversation::fromJson(value.toObject()))
                conversations.append(*conversation);
        }
        for (const Conversation &conversation : std::as_const(conversations)) {
            for (const Member &member : conversation.members)
                m_session->directory()->insert(member.user);
        }
        m_model.setConversations(conversations);
        m_session->cache()->saveConversations(m_model.conversations());
        fetchDetailsWhereNeeded();
    });
}

void ConversationsController::fetchDetailsWhereNeeded()
{
    // The list may leave members out; a DM needs them for its title.
    const QList<Conversation> all = m_model.conversations();
    for (const Conversation &conversation : all) {
        if (conversation.membersIncluded)
            continue;
        m_session->api()->get(u"/conversations/%1"_s.arg(conversation.idString()), {}, this,
                              [this](Result<QJsonObject> answer) {
                                  if (!answer)
                                      return;
                                  if (auto detail = Conversation::fromJson(*answer))
                                      remember(*detail);
                              });
    }
}

void ConversationsController::create(const QJsonObject &body)
{
    setError({});
    m_session->api()->post(u"/conversations"_s, body, this, [this](Result<QJsonObject> answer) {
        if (!answer) {
            setError(answer.error().code == ErrorCode::Forbidden
                         ? u"You cannot message this person."_s
                         : describe(answer.error()));
            return;
        }
        auto conversation = Conversation::fromJson(*answer);
        if (!conversation) {
            setError(describe(conversation.error()));
            return;
        }
        remember(*conversation);
        Q_EMIT openRequested(conversation->idString());
    });
}

void ConversationsController::startDirectMessage(const QString &username)
{
    create({{u"type"_s, u"dm"_s}, {u"username"_s, username.trimmed().toLower()}});
}

void ConversationsController::createGroup(const QString &title, const QStringList &usernames)
{
    auto checked = validation::groupTitle(u"title"_s, title);
    if (!checked) {
        setError(describe(checked.error()));
        return;
    }
    QJsonArray names;
    for (const QString &name : usernames) {
        if (!name.trimmed().isEmpty())
            names.append(name.trimmed().toLower());
    }
    create({{u"type"_s, u"group"_s}, {u"title"_s, *checked}, {u"usernames"_s, names}});
}

} // namespace natter::desktop
