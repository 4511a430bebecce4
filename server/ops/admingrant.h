// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QString>

namespace natter::server::ops {

//! `natter-server admin grant|revoke <username>` against the database at `databaseUrl`:
//! what happened, in a sentence for the operator.
[[nodiscard]] Result<QString> changeInstanceAdmin(const QString &databaseUrl, bool grant,
                                                  const QString &username);

} // namespace natter::server::ops
