// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QString>
#include <QStringList>

namespace natter::server::ops {

//! `natter-server setup`: turns a fresh package install into a running service.
struct SetupRequest
{
    QString envFile;
    QString publicUrl;   //!< written as NATTER_PUBLIC_URL when given
    QString databaseUrl; //!< use this database instead of creating one
    //! The local PostgreSQL that gets the role and database, reached as the `postgres` OS user.
    QString adminHost; //!< its socket folder; empty: libpq's default
    int adminPort = 5432;
    QString dbHost = QStringLiteral("127.0.0.1"); //!< how the service reaches it
    QString dbName = QStringLiteral("natter");
    QString dbUser = QStringLiteral("natter");
    //! natter@<port> units to enable and start: the two the shipped Caddyfile balances over.
    QStringList instances{QStringLiteral("8081"), QStringLiteral("8082")};
    bool start = true;
};

struct SetupReport
{
    QStringList steps;     //!< what was done, one line each
    QStringList nextSteps; //!< what the operator still has to do
};

//! Writes a fresh signing key when there is none, creates the database role and database (or
//! takes the given DATABASE_URL), applies the migrations, records DATABASE_URL in the env
//! file, and enables and starts the service and the backup timer under systemd. Running it
//! again changes nothing that is already right.
[[nodiscard]] Result<SetupReport> runSetup(const SetupRequest &request);

} // namespace natter::server::ops
