// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/databasesettings.h"
#include "natter/result.h"

#include <QProcessEnvironment>
#include <QStringList>

namespace natter::server::ops {

//! The libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE) that point PostgreSQL's
//! own tools at `settings`, added to `base`. The password travels in the environment, never on
//! a command line that `ps` shows.
[[nodiscard]] QProcessEnvironment libpqEnvironment(const DatabaseSettings &settings,
                                                   QProcessEnvironment base);

//! Runs one of PostgreSQL's tools (pg_dump, pg_restore, psql) to completion; the error carries
//! what the tool wrote to stderr. `input` is written to its stdin.
[[nodiscard]] Result<QByteArray> runTool(const QString &program, const QStringList &arguments,
                                         const QProcessEnvironment &env,
                                         const QByteArray &input = {});

//! Runs `first | second` (e.g. pg_restore into psql) to completion; the error carries what the
//! failing one wrote to stderr.
[[nodiscard]] Status runPipeline(const QString &first, const QStringList &firstArguments,
                                 const QString &second, const QStringList &secondArguments,
                                 const QProcessEnvironment &env);

} // namespace natter::server::ops
