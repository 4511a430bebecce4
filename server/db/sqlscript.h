// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace natter::server {

//! Splits a migration file into single statements. QPSQL runs one statement per exec and
//! would silently ignore the errors of any after the first, so each is run on its own. Knows
//! quoted strings and identifiers, `--` and nested `/* */` comments, and `$tag$` bodies.
[[nodiscard]] QStringList splitSqlStatements(const QString &script);

} // namespace natter::server
