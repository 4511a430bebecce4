// SPDX-License-Identifier: Apache-2.0
#include "app/messagesearch.h"

#include "api/apiclient.h"
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "core/errortext.h"
#include "models/userdirectory.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr int kResultLimit = 50;
//! The route's bounds for `q`.
constexpr qsizetype kMaximumQueryLength = 64;

} // namespace

MessageSearch::MessageSearch(Collaborators with, QObject *parent)
    : QObject(parent), m_api(with.api), m_chat(with.chat),
      m_results(with.conversations->model(), with.directory)
{}

void MessageSearch::search(const QString &text, bool everywhere)
{
    const QString query = text.trimmed().left(kMaximumQueryLength);
    const int generation = ++m_generation;
    if (query.isEmpty() || (!everywhere && !m_chat->hasConversation())) {
        clear();
        return;
    }
    m_busy = true;
    m_errorText.clear();
    Q_EMIT stateChanged();
    const QUuid scope = everywhere ? QUuid() : QUuid::fromString(m_chat->conversationId());
    m_api->searchMessages(
        query, scope, kResultLimit, this, [this, generation, query](Result<QJsonObject> answer) {
            if (generation != m_generation)
                return; // a newer search was started meanwhile
            m_busy = false;
            m_searchedText = query;
            QList<SearchResultModel::Result> results;
            if (!answer) {
                m_errorText = describe(answer.error());
            } else {
                const QJsonArray array = answer->value(u"results"_s).toArray();
                for (const auto &value : array) {
                    const QJsonObject object = value.toObject();
                    auto message = Message::fromJson(object.value(u"message"_s).toObject());
                    if (!message)
                        continue;
                    results.append(
                        {*message, QUuid::fromString(object.value(u"conversation_id"_s).toString()),
                         object.value(u"snippet"_s).toString()});
                }
            }
            m_results.setResults(std::move(results));
            Q_EMIT stateChanged();
        });
}

void MessageSearch::clear()
{
    ++m_generation;
    m_busy = false;
    m_searchedText.clear();
    m_errorText.clear();
    m_results.setResults({});
    Q_EMIT stateChanged();
}

void MessageSearch::openResult(int row)
{
    const auto result = m_results.at(row);
    if (!result)
        return;
    m_chat->open(result->conversationId.toString(QUuid::WithoutBraces));
    m_chat->showMessage(result->message.seq);
}

} // namespace natter::desktop
