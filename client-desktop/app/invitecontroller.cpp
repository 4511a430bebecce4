// SPDX-License-Identifier: Apache-2.0
#include "app/invitecontroller.h"

#include "api/apiclient.h"
#include "natter/conversation.h"

#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

//! Codes are base64url (32 characters today); shorter ones are accepted for other servers.
bool looksLikeCode(const QString &text)
{
    static const QRegularExpression code(u"^[A-Za-z0-9_-]{8,128}$"_s);
    return code.match(text).hasMatch();
}

} // namespace

InviteController::InviteController(ApiClient *api, QObject *parent) : QObject(parent), m_api(api) {}

QString InviteController::codeFrom(const QString &text)
{
    QString trimmed = text.trimmed();
    if (looksLikeCode(trimmed))
        return trimmed;
    // https://host/invite/CODE, natter://invite/CODE (host "invite"), natter:invite/CODE.
    static const QRegularExpression link(
        u"^(?:https?://[^/\\s]+(?:/[^\\s?#]*)?/invite/|natter:(?://)?invite/)([A-Za-z0-9_-]+)/?(?:[?#].*)?$"_s,
        QRegularExpression::CaseInsensitiveOption);
    const auto match = link.match(trimmed);
    if (!match.hasMatch() || !looksLikeCode(match.captured(1)))
        return {};
    return match.captured(1);
}

void InviteController::fail(const QString &text)
{
    m_state = State::Failed;
    m_errorText = text;
    Q_EMIT changed();
}

void InviteController::reset()
{
    ++m_generation;
    m_state = State::Empty;
    m_code.clear();
    m_link.clear();
    m_title.clear();
    m_memberCount = 0;
    m_errorText.clear();
    Q_EMIT changed();
}

void InviteController::preview(const QString &text)
{
    reset();
    m_link = text.trimmed();
    m_code = codeFrom(text);
    if (m_code.isEmpty()) {
        fail(u"That is not an invite link. It looks like https://…/invite/… "
             "or natter://invite/…"_s);
        return;
    }
    m_state = State::Loading;
    Q_EMIT changed();
    m_api->invitePreview(
        m_code, this, [this, generation = m_generation](Result<QJsonObject> answer) {
            if (generation != m_generation)
                return;
            if (!answer) {
                // The server's sentence says which: expired, revoked, used up, or unknown.
                fail(answer.error().message);
                return;
            }
            const QJsonObject conversation = answer->value(u"conversation"_s).toObject();
            m_title = conversation.value(u"title"_s).toString();
            m_memberCount = conversation.value(u"member_count"_s).toInt();
            m_state = State::Previewed;
            Q_EMIT changed();
        });
}

void InviteController::join()
{
    if (m_state != State::Previewed)
        return;
    m_state = State::Joining;
    Q_EMIT changed();
    m_api->joinInvite(m_code, this, [this, generation = m_generation](Result<QJsonObject> answer) {
        if (generation != m_generation)
            return;
        auto conversation =
            answer ? Conversation::fromJson(*answer) : Result<Conversation>(answer.error());
        if (!conversation) {
            fail(conversation.error().code == ErrorCode::Conflict ? u"This group is full."_s
                                                                  : conversation.error().message);
            return;
        }
        reset();
        Q_EMIT joined(*conversation);
    });
}

bool InviteController::openUrl(const QString &url)
{
    // A link, never a bare word: any other command-line argument could look like a code.
    const bool link =
        url.startsWith(u"natter:"_s, Qt::CaseInsensitive) || url.contains(u"/invite/"_s);
    if (!link || codeFrom(url).isEmpty())
        return false;
    preview(url);
    Q_EMIT dialogRequested();
    return true;
}

} // namespace natter::desktop
