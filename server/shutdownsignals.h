// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>

class QSocketNotifier;

namespace natter::server {

//! Turns SIGINT and SIGTERM into a Qt signal on the main thread (through a self-pipe, the one
//! thing that is safe to do inside a POSIX signal handler), for a graceful shutdown.
class ShutdownSignals final : public QObject
{
    Q_OBJECT

public:
    explicit ShutdownSignals(QObject *parent = nullptr);

Q_SIGNALS:
    void shutdownRequested(int signalNumber);

private:
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace natter::server
