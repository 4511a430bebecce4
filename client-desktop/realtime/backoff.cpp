// SPDX-License-Identifier: Apache-2.0
#include "realtime/backoff.h"

#include <algorithm>
#include <QRandomGenerator>

namespace natter::desktop {

int Backoff::ceilingMs(int attempt) const
{
    const qint64 step = qint64(m_baseMs) << std::min(attempt, 20);
    return int(std::min<qint64>(step, m_maxMs));
}

int Backoff::nextDelayMs()
{
    const int ceiling = ceilingMs(m_attempt++);
    const int half = ceiling / 2;
    return half + int(QRandomGenerator::global()->bounded(ceiling - half + 1));
}

} // namespace natter::desktop
