// SPDX-License-Identifier: Apache-2.0
#include "app/preferencescontroller.h"

#include "api/apiclient.h"
#include "core/errortext.h"
#include "models/conversationlistmodel.h"
#include "models/conversationstate.h"
#include "natter/timestamps.h"
#include "realtime/realtimeclient.h"
#include "store/localcache.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

// A timer's interval is an int of milliseconds: a mute ending later is looked at again then.
constexpr qint64 kLongestWaitMs = 6LL * 60 * 60 * 1000;

} // namespace

PreferencesController::PreferencesController(ApiClient *api, RealtimeClient *realtime,
                                             ConversationListModel *list, LocalCache *cache,
                                             QObject *parent)
    : QObject(parent), m_api(api), m_list(list), m_cache(cache)
{
    m_muteEnd.setSingleShot(true);
    connect(&m_muteEnd, &QTimer::timeout, this, [this] {
        m_list->refreshMutes();
        scheduleMuteEnd();
    });
    connect(realtime, &RealtimeClient::preferencesChanged, this, &PreferencesController::apply);
    // A list fetched from the server may bring timed mutes from another device.
    connect(list, &ConversationListModel::totalUnreadChanged, this,
            &PreferencesController::scheduleMuteEnd);
}

void PreferencesController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void PreferencesController::mute(const QString &conversationId, int hours)
{
    const QJsonValue until =
        hours > 0 ? QJsonValue(formatTimestamp(
                        QDateTime::currentDateTimeUtc().addSecs(qint64(hours) * 3600)))
                  : QJsonValue(u"forever"_s);
    change(conversationId, {{u"muted_until"_s, until}});
}

void PreferencesController::unmute(const QString &conversationId)
{
    change(conversationId, {{u"muted_until"_s, QJsonValue::Null}});
}

void PreferencesController::setPinned(const QString &conversationId, bool pinned)
{
    change(conversationId, {{u"pinned"_s, pinned}});
}

void PreferencesController::setArchived(const QString &conversationId, bool archived)
{
    change(conversationId, {{u"archived"_s, archived}});
}

void PreferencesController::change(const QString &conversationId, const QJsonObject &changes)
{
    const QUuid id = QUuid::fromString(conversationId);
    if (id.isNull())
        return;
    setError({});
    m_api->updatePreferences(id, changes, this, [this, id](Result<QJsonObject> answer) {
        if (!answer) {
            setError(describe(answer.error()));
            return;
        }
        apply(id, ConversationPreferences::fromJson(*answer));
    });
}

void PreferencesController::apply(const QUuid &conversationId,
                                  const ConversationPreferences &preferences)
{
    m_list->applyPreferences(conversationId, preferences);
    if (auto conversation = m_list->find(conversationId))
        m_cache->saveConversation(*conversation);
    scheduleMuteEnd();
}

void PreferencesController::scheduleMuteEnd()
{
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime end = conversationstate::nextMuteEnd(m_list->conversations(), now);
    if (!end.isValid()) {
        m_muteEnd.stop();
        return;
    }
    // A little after the end, so the mute has surely ended when the list looks again.
    const qint64 wait = std::min(now.msecsTo(end) + 500, kLongestWaitMs);
    m_muteEnd.start(int(wait));
}

} // namespace natter::desktop
