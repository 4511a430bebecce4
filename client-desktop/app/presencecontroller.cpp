// SPDX-License-Identifier: Apache-2.0
#include "app/presencecontroller.h"

#include "api/apiclient.h"
#include "app/chatcontroller.h"
#include "core/errortext.h"
#include "core/presencetext.h"
#include "natter/events.h"
#include "natter/timestamps.h"
#include "realtime/realtimeclient.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr int kAgeingMs = 60 * 1000;
//! The server watches at most this many people per socket.
constexpr qsizetype kMaxWatched = 500;

} // namespace

PresenceController::PresenceController(ApiClient *api, RealtimeClient *realtime,
                                       ChatController *chat, QObject *parent)
    : QObject(parent), m_api(api), m_realtime(realtime), m_chat(chat)
{
    m_ageing.setInterval(kAgeingMs);
    connect(&m_ageing, &QTimer::timeout, this, &PresenceController::bump);
    m_ageing.start();
    m_watchLater.setSingleShot(true);
    m_watchLater.setInterval(0);
    connect(&m_watchLater, &QTimer::timeout, this, &PresenceController::sendWatch);

    // Each watch replaces the last, and a new connection starts with none: send it again.
    connect(realtime, &RealtimeClient::connected, this, [this] {
        watchOpenConversation(true);
        loadPrivacy();
    });
    connect(realtime, &RealtimeClient::presenceReceived, this, &PresenceController::apply);
    connect(realtime, &RealtimeClient::presencePrivacyChanged, this,
            &PresenceController::applyHidden);
    connect(chat, &ChatController::conversationChanged, this, [this] { watchOpenConversation(); });
    connect(chat, &ChatController::detailsChanged, this, [this] { watchOpenConversation(); });
    MemberListModel *members = chat->members();
    connect(members, &QAbstractItemModel::rowsInserted, this, [this] { watchOpenConversation(); });
    connect(members, &QAbstractItemModel::rowsRemoved, this, [this] { watchOpenConversation(); });
}

QString PresenceController::statusOf(const QString &userId) const
{
    const auto state = m_states.constFind(QUuid::fromString(userId));
    if (state == m_states.cend())
        return {};
    return presenceText(state->online, state->lastSeenAt);
}

QString PresenceController::peerStatus() const
{
    if (m_chat->isGroup())
        return {};
    const QList<Member> members = m_chat->members()->members();
    for (const Member &member : members) {
        if (member.user.id != m_chat->myUserId())
            return statusOf(member.user.idString());
    }
    return {};
}

void PresenceController::bump()
{
    ++m_revision;
    Q_EMIT changed();
}

void PresenceController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void PresenceController::clear()
{
    m_watched.clear();
    m_wanted.clear();
    m_states.clear();
    applyHidden(false);
    bump();
}

void PresenceController::watchOpenConversation(bool force)
{
    QList<QUuid> ids;
    const QList<Member> members = m_chat->members()->members();
    for (const Member &member : members) {
        if (member.user.id != m_chat->myUserId() && ids.size() < kMaxWatched)
            ids.append(member.user.id);
    }
    std::sort(ids.begin(), ids.end());
    if (!force && ids == m_wanted)
        return;
    m_wanted = ids;
    m_resend = m_resend || force;
    // Once the member list has settled (it is refilled row by row), not for each row.
    m_watchLater.start();
}

void PresenceController::sendWatch()
{
    if (m_realtime->state() != RealtimeClient::State::Online)
        return; // sent on `connected`
    // One watch at a time: the server answers them in parallel, and each replaces the last,
    // so two in flight could leave the older list in place.
    if (m_watchInFlight)
        return;
    if (m_wanted == m_watched && !m_resend)
        return;
    m_resend = false;
    m_watched = m_wanted;
    m_watchInFlight = true;
    QJsonArray userIds;
    for (const QUuid &id : std::as_const(m_watched))
        userIds.append(id.toString(QUuid::WithoutBraces));
    m_realtime->request(events::kPresenceWatch, {{u"user_ids"_s, userIds}}, this,
                        [this](Result<QJsonObject> answer) {
                            m_watchInFlight = false;
                            if (!answer) {
                                m_watched.clear(); // the next connection watches again
                                return;
                            }
                            m_states.clear();
                            const QJsonArray states = answer->value(u"presence"_s).toArray();
                            for (const auto &state : states)
                                apply(state.toObject());
                            applyHidden(answer->value(u"hidden"_s).toBool());
                            bump();
                            sendWatch(); // what changed while this one was on its way
                        });
}

void PresenceController::apply(const QJsonObject &presence)
{
    const QUuid userId = QUuid::fromString(presence.value(u"user_id"_s).toString());
    if (userId.isNull())
        return;
    State state;
    const QJsonValue online = presence.value(u"online"_s);
    if (online.isBool())
        state.online = online.toBool();
    if (presence.value(u"last_seen_at"_s).isString())
        state.lastSeenAt = parseTimestamp(presence.value(u"last_seen_at"_s).toString());
    m_states.insert(userId, state);
    bump();
}

void PresenceController::applyHidden(bool hidden)
{
    if (m_hidden == hidden)
        return;
    m_hidden = hidden;
    Q_EMIT hiddenChanged();
    // Hidden, I see nobody's; shown again, the server tells the current states on a new watch.
    if (hidden)
        m_states.clear();
    else
        watchOpenConversation(true);
    bump();
}

void PresenceController::loadPrivacy()
{
    m_api->presencePrivacy(this, [this](Result<QJsonObject> answer) {
        if (answer)
            applyHidden(answer->value(u"hide_presence"_s).toBool());
    });
}

void PresenceController::setHidden(bool hidden)
{
    setError({});
    m_api->setPresencePrivacy(hidden, this, [this](Result<QJsonObject> answer) {
        if (!answer) {
            setError(describe(answer.error()));
            return;
        }
        applyHidden(answer->value(u"hide_presence"_s).toBool());
    });
}

} // namespace natter::desktop
