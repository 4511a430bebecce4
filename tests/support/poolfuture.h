// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QFuture>
#include <QTest>

namespace natter::testing {

//! The pool finishes futures on this thread's event loop (db/dbpool.h): waits for `future` by
//! running the loop, up to `timeoutMs`, and returns its result.
template <typename T> Result<T> waitForPool(QFuture<Result<T>> future, int timeoutMs = 60000)
{
    if (!QTest::qWaitFor([&] { return future.isFinished(); }, timeoutMs))
        qWarning("the pool's future did not finish within %d ms", timeoutMs);
    return future.result();
}

} // namespace natter::testing
