// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QtGlobal>

namespace natter::desktop {

//! Exponential backoff with "equal jitter": attempt n waits between half and all of
//! min(max, base * 2^n), so thousands of clients dropped by one server restart do not come
//! back in the same millisecond, and none waits less than half its step.
class Backoff
{
public:
    Backoff(int baseMs = 500, int maxMs = 30000) : m_baseMs(baseMs), m_maxMs(maxMs) {}

    //! The delay before the next attempt; each call counts one attempt.
    [[nodiscard]] int nextDelayMs();
    void reset() { m_attempt = 0; }
    [[nodiscard]] int attempts() const { return m_attempt; }
    //! The ceiling of attempt `attempt` before jitter.
    [[nodiscard]] int ceilingMs(int attempt) const;

private:
    int m_baseMs;
    int m_maxMs;
    int m_attempt = 0;
};

} // namespace natter::desktop
