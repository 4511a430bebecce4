// SPDX-License-Identifier: Apache-2.0
#include "natsserver.h"

#include <QDeadlineTimer>
#include <QRegularExpression>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

NatsServer::~NatsServer()
{
    kill();
}

bool NatsServer::start(quint16 port)
{
    // -p -1 lets nats-server pick a free port; it logs the one it took.
    m_process.setProcessChannelMode(QProcess::MergedChannels);
    m_process.start(qEnvironmentVariable("NATTER_NATS_SERVER_BIN", u"nats-server"_s),
                    {u"-a"_s, u"127.0.0.1"_s, u"-p"_s, port ? QString::number(port) : u"-1"_s});
    if (!m_process.waitForStarted(5000))
        return false;
    static const QRegularExpression listening(
        u"Listening for client connections on 127\\.0\\.0\\.1:(\\d+)"_s);
    QByteArray output;
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(100);
        output += m_process.readAll();
        const auto match = listening.match(QString::fromUtf8(output));
        if (match.hasMatch()) {
            m_port = quint16(match.captured(1).toUInt());
            return true;
        }
    }
    qWarning("nats-server did not start:\n%s", output.constData());
    return false;
}

void NatsServer::kill()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    m_process.kill();
    m_process.waitForFinished(5000);
}

QString NatsServer::url() const
{
    return u"nats://127.0.0.1:%1"_s.arg(m_port);
}

} // namespace natter::testing
