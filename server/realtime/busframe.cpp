// SPDX-License-Identifier: Apache-2.0
#include "realtime/busframe.h"

namespace natter::server::realtime {

QByteArray encodeBusFrame(const BusFrame &frame)
{
    QByteArray data;
    data.reserve(frame.origin.size() + 22 + frame.event.size());
    data += frame.origin;
    data += ' ';
    data += QByteArray::number(frame.number);
    data += '\n';
    data += frame.event;
    return data;
}

std::optional<BusFrame> decodeBusFrame(QByteArrayView data)
{
    const qsizetype newline = data.indexOf('\n');
    if (newline < 0)
        return std::nullopt;
    const QByteArrayView header = data.first(newline);
    const qsizetype space = header.indexOf(' ');
    if (space <= 0)
        return std::nullopt;
    bool ok = false;
    const quint64 number = header.sliced(space + 1).toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    return BusFrame{header.first(space).toByteArray(), number,
                    data.sliced(newline + 1).toByteArray()};
}

PublisherSequences::Heard PublisherSequences::hear(const BusFrame &frame)
{
    auto last = m_last.find(frame.origin);
    if (last == m_last.end()) {
        // A process first heard of: fine only if this is its first event (or a heartbeat of
        // one that published nothing yet). Otherwise it published before we heard it, and we
        // cannot tell whether that was before we subscribed: recover to be sure.
        m_last.insert(frame.origin, frame.number);
        const quint64 first = frame.isHeartbeat() ? 0 : 1;
        return frame.number == first ? Heard::InOrder : Heard::Missed;
    }
    if (frame.isHeartbeat()) {
        if (frame.number <= *last)
            return Heard::InOrder;
        *last = frame.number;
        return Heard::Missed;
    }
    if (frame.number <= *last)
        return Heard::Old;
    const bool next = frame.number == *last + 1;
    *last = frame.number;
    return next ? Heard::InOrder : Heard::Missed;
}

} // namespace natter::server::realtime
