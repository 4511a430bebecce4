// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>
#include <QUuid>

namespace natter::desktop {

class RealtimeClient;

//! Tells the server which messages this app has stored (`receipt.delivered`). The server moves
//! a member's delivered watermark only on their client's word, so without this a message to
//! someone using only the desktop app would never show "Delivered" until it was read.
//! Coalesced as the protocol asks: at most one frame per conversation about every 250 ms,
//! carrying the highest stored seq. While the socket is not online the acks wait and go out
//! as soon as it is (a frame written to a closing socket could claim nothing was lost).
class DeliveredAcker final : public QObject
{
    Q_OBJECT

public:
    explicit DeliveredAcker(RealtimeClient *realtime, QObject *parent = nullptr);

    //! Every message of `conversationId` up to `seq` is stored on this computer.
    void stored(const QUuid &conversationId, qint64 seq);
    //! Forgets what waits (another account signed in).
    void clear();

private:
    void flushWhenOnline();
    void flush();

    RealtimeClient *m_realtime;
    QTimer m_coalesce;
    //! The highest stored seq per conversation that the server has not been told yet.
    QHash<QUuid, qint64> m_waiting;
    //! The highest seq already sent per conversation, so nothing older is sent again.
    QHash<QUuid, qint64> m_sent;
};

} // namespace natter::desktop
