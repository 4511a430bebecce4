// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QFuture>
#include <QList>
#include <QUuid>

namespace natter::server {
class DbPool;
}

namespace natter::server::realtime {

//! Of the sign-ins (refresh families) `families`, those that ended: no unrevoked refresh
//! token left. Asked after the event bus was deaf, so a `session.revoked` that never arrived
//! still closes its sockets (one indexed statement for all of them).
[[nodiscard]] QFuture<Result<QList<QUuid>>> endedSignIns(DbPool &pool,
                                                         const QList<QUuid> &families);

} // namespace natter::server::realtime
