// SPDX-License-Identifier: Apache-2.0
#include "app/conversationscontroller.h"

#include "api/apiclient.h"
#include "core/errortext.h"
#include "models/userdirectory.h"
#include "natter/validation.h"
#include "realtime/realtimeclient.h"
#include "store/localcache.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

ConversationsController::ConversationsController(Collaborators with, QObject *parent)
    : QObject(parent), m_api(with.api), m_cache(with.cache), m_directory(with.directory),
      m_model(with.directory)
{
    m_filtered.setSourceModel(&m_model);
    connect(with.realtime, &RealtimeClient::conversationAdded, this,
            [this](const Conversation &conversation) { remember(conversation); });
    connect(with.realtime, &RealtimeClient::memberLeft, this,
            [this](const QUuid &conversationId, const QUuid &userId) {
                if (userId == m_myUserId)
                    forget(conversationId);
            });
}

void ConversationsController::setMyUserId(const QUuid &id)
{
    m_myUserId = id;
    m_model.setMyUserId(id);
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
    const QList<Conversation> cached = m_cache->loadConversations();
    for (const Conversation &conversation : cached) {
        for (const Member &member : conversation.members)
            m_directory->insert(member.user);
    }
    m_model.setConversations(cached);
}

void ConversationsController::clear()
{
    m_model.setConversations({});
}

void ConversationsController::remember(const Conversation &conversation, quint64 readAsOf)
{
    for (const Member &member : conversation.members)
        m_directory->insert(member.user);
    m_model.upsert(conversation, readAsOf);
    if (auto merged = m_model.find(conversation.id))
        m_cache->saveConversation(*merged);
}

void ConversationsController::forget(const QUuid &id)
{
    m_model.remove(id);
    m_cache->removeConversation(id);
}

void ConversationsController::refresh()
{
    if (m_loading)
        return; // the answer on its way is recent enough
    m_loading = true;
    Q_EMIT loadingChanged();
    m_api->conversations(this,
                         [this, asOf = m_model.preferencesHeard()](Result<QJsonObject> answer) {
                             m_loading = false;
                             Q_EMIT loadingChanged();
                             if (!answer) {
                                 setError(describe(answer.error()));
                                 return;
                             }
                             setError({});
                             QList<Conversation> conversations;
                             const QJsonArray array = answer->value(u"conversations"_s).toArray();
                             for (const auto &value : array) {
                                 if (auto conversation = Conversation::fromJson(value.toObject()))
                                     conversations.append(*conversation);
                             }
                             for (const Conversation &conversation : std::as_const(conversations)) {
                                 for (const Member &member : conversation.members)
                                     m_directory->insert(member.user);
                             }
                             m_model.setConversations(conversations, asOf);
                             m_cache->saveConversations(m_model.conversations());
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
        m_api->conversation(conversation.id, this,
                            [this, asOf = m_model.preferencesHeard()](Result<QJsonObject> answer) {
                                if (!answer)
                                    return;
                                if (auto detail = Conversation::fromJson(*answer))
                                    remember(*detail, asOf);
                            });
    }
}

QString ConversationsController::openCreated(Result<QJsonObject> answer)
{
    if (!answer) {
        setError(answer.error().code == ErrorCode::Forbidden ? u"You cannot message this person."_s
                                                             : describe(answer.error()));
        return {};
    }
    auto conversation = Conversation::fromJson(*answer);
    if (!conversation) {
        setError(describe(conversation.error()));
        return {};
    }
    remember(*conversation);
    Q_EMIT openRequested(conversation->idString());
    return conversation->idString();
}

void ConversationsController::startDirectMessage(const QString &username)
{
    setError({});
    m_api->createDirectMessage(
        username.trimmed().toLower(), this, [this](Result<QJsonObject> answer) {
            if (const QString id = openCreated(std::move(answer)); !id.isEmpty())
                Q_EMIT directMessageStarted(id);
        });
}

void ConversationsController::createGroup(const QString &title, const QStringList &usernames)
{
    auto checked = validation::groupTitle(u"title"_s, title);
    if (!checked) {
        setError(describe(checked.error()));
        return;
    }
    QStringList names;
    for (const QString &name : usernames) {
        if (!name.trimmed().isEmpty())
            names.append(name.trimmed().toLower());
    }
    setError({});
    m_api->createGroup(*checked, names, this, [this](Result<QJsonObject> answer) {
        if (const QString id = openCreated(std::move(answer)); !id.isEmpty())
            Q_EMIT groupCreated(id);
    });
}

} // namespace natter::desktop
