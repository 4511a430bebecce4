// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

#include <optional>

namespace natter::server::realtime {

//! One message on the NATS bus: `<origin> <number>\n<event JSON>`. Every process numbers what
//! it publishes 1, 2, 3, ... in the order its transactions committed; a heartbeat (no event)
//! repeats the last number used. A receiver that sees a number jump knows it missed
//! something from that process, whatever the event was: NATS core delivers at most once.
struct BusFrame
{
    QByteArray origin;  //!< the publishing process (its send writer's origin)
    quint64 number = 0; //!< per origin: the event's number, or the last one for a heartbeat
    QByteArray event;   //!< compact JSON; empty for a heartbeat

    [[nodiscard]] bool isHeartbeat() const { return event.isEmpty(); }
};

[[nodiscard]] QByteArray encodeBusFrame(const BusFrame &frame);
//! nullopt for anything not made by encodeBusFrame.
[[nodiscard]] std::optional<BusFrame> decodeBusFrame(QByteArrayView data);

//! The last number heard from each publishing process, to tell a receiver what it missed.
//! Used on one thread (the NATS subscription's).
class PublisherSequences final
{
public:
    enum class Heard
    {
        InOrder, //!< the next one (or a heartbeat with nothing new)
        Missed,  //!< something before it never arrived: recover from the database
        Old,     //!< at or below what was heard already: drop it
    };

    [[nodiscard]] Heard hear(const BusFrame &frame);

private:
    QHash<QByteArray, quint64> m_last;
};

} // namespace natter::server::realtime
