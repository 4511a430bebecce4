// SPDX-License-Identifier: Apache-2.0
#include "serverprocess.h"

#include "httpclient.h"

#include <QDeadlineTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

QString serverBinary()
{
    return qEnvironmentVariable("NATTER_SERVER_BIN", u"natter-server"_s);
}

ServerProcess::~ServerProcess()
{
    if (isRunning())
        kill();
}

bool ServerProcess::start(const QString &databaseUrl, const QProcessEnvironment &extra,
                          quint16 port)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"DATABASE_URL"_s, databaseUrl);
    env.insert(u"NATTER_LISTEN"_s, u"%1:%2"_s.arg(m_host).arg(port));
    env.insert(u"NATTER_DEV_LOGIN"_s, u"1"_s);
    // Inside a test's network namespace only this machine reaches the server.
    if (!m_namespace.isEmpty())
        env.insert(u"NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK"_s, u"1"_s);
    env.insert(u"NATTER_JWT_SIGNING_KEY"_s, u"test-signing-key-that-is-at-least-32-bytes-long"_s);
    // Parallel tests must not fight over the default metrics port.
    env.insert(u"NATTER_METRICS_LISTEN"_s, u"127.0.0.1:0"_s);
    // Functional tests sign in and send far faster than people do; the limits stay on (the
    // code path runs) but roomy. tests/security sets the real ones it attacks.
    for (const char *limit : {"SIGNIN", "REFRESH", "SEND", "EDIT", "REACTION", "REPORT", "SEARCH",
                              "UPLOAD", "INVITE_JOIN", "GROUP_CREATE"})
        env.insert(u"NATTER_RATE_"_s + QLatin1StringView(limit), u"1000/100000"_s);
    const QStringList keys = extra.keys();
    for (const QString &key : keys)
        env.insert(key, extra.value(key));
    m_process.setProcessEnvironment(env);
    m_process.setProcessChannelMode(QProcess::SeparateChannels);
    m_logs.clear();
    if (m_namespace.isEmpty())
        m_process.start(serverBinary(), {u"serve"_s});
    else // `ip netns exec` execs the server: the process is the server itself
        m_process.start(u"ip"_s, {u"netns"_s, u"exec"_s, m_namespace, serverBinary(), u"serve"_s});
    if (!m_process.waitForStarted(5000))
        return false;

    // The server logs one JSON line `{"msg":"listening","port":N}` once it is bound.
    const QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired() && m_process.state() == QProcess::Running) {
        m_process.waitForReadyRead(100);
        m_logs += m_process.readAllStandardError();
        const QList<QByteArray> lines = m_logs.split('\n');
        for (const QByteArray &line : lines) {
            const QJsonObject entry = QJsonDocument::fromJson(line).object();
            if (entry.value(u"msg"_s).toString() == "metrics listening"_L1)
                m_metricsPort = quint16(entry.value(u"port"_s).toInt());
            if (entry.value(u"msg"_s).toString() == "listening"_L1) {
                m_port = quint16(entry.value(u"port"_s).toInt());
                return true;
            }
        }
    }
    m_logs += m_process.readAllStandardError();
    qWarning("natter-server did not start:\n%s", m_logs.constData());
    return false;
}

int ServerProcess::stop()
{
    if (!isRunning())
        return m_process.exitCode();
    m_process.terminate();
    m_process.waitForFinished(15000);
    m_logs += m_process.readAllStandardError();
    return m_process.exitCode();
}

void ServerProcess::kill()
{
    m_process.kill();
    m_process.waitForFinished(5000);
    m_logs += m_process.readAllStandardError();
}

QByteArray ServerProcess::logs() const
{
    m_logs += m_process.readAllStandardError();
    return m_logs;
}

bool ServerProcess::isRunning() const
{
    return m_process.state() != QProcess::NotRunning;
}

bool ServerProcess::waitForHealth(int expectedStatus, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    HttpClient client;
    while (!deadline.hasExpired()) {
        if (client.get(url(u"/healthz"_s)).status == expectedStatus)
            return true;
        QThread::msleep(100);
    }
    return false;
}

QUrl ServerProcess::url(const QString &path) const
{
    return QUrl(u"http://%1:%2%3"_s.arg(m_host, QString::number(m_port), path));
}

QUrl ServerProcess::socketUrl() const
{
    QUrl socket = url(u"/api/v1/ws"_s);
    socket.setScheme(u"ws"_s);
    return socket;
}

void ServerProcess::runInNamespace(const QString &name, const QString &address)
{
    m_namespace = name;
    m_host = address;
}

int ServerProcess::authenticatedSockets() const
{
    const QByteArray metrics = HttpClient().get(metricsUrl()).body;
    const auto match =
        QRegularExpression(u"^natter_ws_connections (\\d+)"_s, QRegularExpression::MultilineOption)
            .match(QString::fromLatin1(metrics));
    return match.hasMatch() ? match.captured(1).toInt() : -1;
}

QUrl ServerProcess::metricsUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/metrics"_s.arg(QString::number(m_metricsPort)));
}

std::pair<int, QByteArray> ServerProcess::runOnce(const QStringList &arguments,
                                                  const QProcessEnvironment &env)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(serverBinary(), arguments);
    process.waitForFinished(60000);
    return {process.exitCode(), process.readAll()};
}

bool startTwoProcesses(ServerProcess &first, ServerProcess &second, const QString &databaseUrl,
                       const QProcessEnvironment &extra)
{
    for (ServerProcess *server : {&first, &second}) {
        if (!server->start(databaseUrl, extra) || !server->waitForHealth(200, 15000))
            return false;
    }
    return true;
}

} // namespace natter::testing
