// SPDX-License-Identifier: Apache-2.0
#include "auth/oauthstatestore.h"

#include "auth/oauthsecrets.h"
#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

QVariant textOrNull(const QString &text)
{
    return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
}

} // namespace

Status OAuthStateStore::saveState(const QString &state, const QString &browserBinding,
                                  const PendingLogin &login)
{
    auto saved = sql::exec(
        m_db,
        u"INSERT INTO oauth_states (state_hash, provider, browser_hash, code_verifier, nonce, "
        "client, redirect_uri, client_challenge, client_state, expires_at) VALUES "
        "(decode(?, 'hex'), ?, decode(?, 'hex'), ?, ?, ?::oauth_client, ?, ?, ?, "
        "now() + make_interval(secs => ?))"_s,
        {pkce::hashHex(state), login.provider, pkce::hashHex(browserBinding), login.codeVerifier,
         textOrNull(login.nonce), login.desktop ? u"desktop"_s : u"web"_s,
         textOrNull(login.redirectUri), textOrNull(login.clientChallenge),
         textOrNull(login.clientState), kStateLifetimeSeconds});
    if (!saved)
        return saved.error();
    return Done{};
}

Result<std::optional<PendingLogin>> OAuthStateStore::takeState(const QString &state,
                                                               const QString &browserBinding,
                                                               const QString &provider)
{
    auto taken = sql::exec(
        m_db,
        u"DELETE FROM oauth_states WHERE state_hash = decode(?, 'hex') AND "
        "browser_hash = decode(?, 'hex') AND provider = ? AND expires_at > now() RETURNING "
        "code_verifier, nonce, client = 'desktop', redirect_uri, client_challenge, client_state"_s,
        {pkce::hashHex(state), pkce::hashHex(browserBinding), provider});
    if (!taken)
        return taken.error();
    QSqlQuery &query = taken.value();
    if (!query.next())
        return std::optional<PendingLogin>{};
    return std::optional<PendingLogin>{PendingLogin{
        provider, query.value(0).toString(), query.value(1).toString(), query.value(2).toBool(),
        query.value(3).toString(), query.value(4).toString(), query.value(5).toString()}};
}

Status OAuthStateStore::saveDesktopCode(const QString &code, const DesktopGrant &grant)
{
    auto saved = sql::exec(m_db,
                           u"INSERT INTO desktop_codes (code_hash, user_id, code_challenge, "
                           "redirect_uri, expires_at) VALUES (decode(?, 'hex'), ?::uuid, ?, ?, "
                           "now() + make_interval(secs => ?))"_s,
                           {pkce::hashHex(code), rows::uuidText(grant.userId), grant.codeChallenge,
                            grant.redirectUri, kDesktopCodeLifetimeSeconds});
    if (!saved)
        return saved.error();
    return Done{};
}

Result<std::optional<DesktopGrant>> OAuthStateStore::takeDesktopCode(const QString &code)
{
    auto taken = sql::exec(m_db,
                           u"DELETE FROM desktop_codes WHERE code_hash = decode(?, 'hex') "
                           "RETURNING user_id, code_challenge, redirect_uri, expires_at > now()"_s,
                           {pkce::hashHex(code)});
    if (!taken)
        return taken.error();
    QSqlQuery &query = taken.value();
    if (!query.next() || !query.value(3).toBool())
        return std::optional<DesktopGrant>{};
    return std::optional<DesktopGrant>{DesktopGrant{
        rows::uuid(query.value(0)), query.value(1).toString(), query.value(2).toString()}};
}

Status OAuthStateStore::purgeExpired()
{
    for (const auto *table : {"oauth_states", "desktop_codes"}) {
        auto purged = sql::exec(
            m_db, u"DELETE FROM %1 WHERE expires_at <= now()"_s.arg(QLatin1StringView(table)));
        if (!purged)
            return purged.error();
    }
    return Done{};
}

} // namespace natter::server
