// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QSqlDatabase>
#include <QUuid>

#include <optional>

namespace natter::server {

//! A login between its start and the provider's callback.
struct PendingLogin
{
    QString provider;
    QString codeVerifier; //!< ours, towards the provider
    QString nonce;
    bool desktop = false;
    QString redirectUri;     //!< desktop: the loopback URI, checked at start
    QString clientChallenge; //!< desktop: its own PKCE challenge, checked at /auth/token
    QString clientState;     //!< desktop: its own state, echoed back to the loopback URI
};

//! What a desktop one-time code was issued for.
struct DesktopGrant
{
    QUuid userId;
    QString codeChallenge;
    QString redirectUri;
};

//! The one-time values of the sign-in flows (migration 0002). Each is stored as a hash,
//! taken with DELETE ... RETURNING so it can be used once even under concurrent callbacks,
//! and only while it has not expired. Runs inside a database job.
class OAuthStateStore final
{
public:
    static constexpr int kStateLifetimeSeconds = 600;
    static constexpr int kDesktopCodeLifetimeSeconds = 60;

    explicit OAuthStateStore(QSqlDatabase &db) : m_db(db) {}

    [[nodiscard]] Status saveState(const QString &state, const QString &browserBinding,
                                   const PendingLogin &login);
    //! The login started with `state` by the browser holding `browserBinding`, consumed; none
    //! when unknown, expired, already used, for another provider or from another browser.
    [[nodiscard]] Result<std::optional<PendingLogin>>
    takeState(const QString &state, const QString &browserBinding, const QString &provider);

    [[nodiscard]] Status saveDesktopCode(const QString &code, const DesktopGrant &grant);
    //! Consumes the code whatever happens next: a wrong verifier burns it too.
    [[nodiscard]] Result<std::optional<DesktopGrant>> takeDesktopCode(const QString &code);

    //! Deletes what has expired, so abandoned logins do not pile up.
    [[nodiscard]] Status purgeExpired();

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
