// SPDX-License-Identifier: Apache-2.0
#include "postgrescluster.h"

#include <QFile>
#include <QProcess>
#include <QTcpServer>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

PostgresCluster::PostgresCluster() : m_dir(u"/tmp/natter-cluster-XXXXXX"_s)
{
    QFile::setPermissions(m_dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner |
                                            QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup |
                                            QFile::ExeGroup);
}

PostgresCluster::~PostgresCluster()
{
    (void)stop();
}

bool PostgresCluster::run(const QString &script)
{
    QProcess bash;
    bash.setProcessChannelMode(QProcess::ForwardedChannels);
    const QString lib = qEnvironmentVariable("NATTER_SOURCE_DIR") + u"/scripts/lib-postgres.sh"_s;
    bash.start(u"bash"_s, {u"-c"_s, u". '%1' && %2"_s.arg(lib, script)});
    bash.waitForFinished(60000);
    return bash.exitStatus() == QProcess::NormalExit && bash.exitCode() == 0;
}

bool PostgresCluster::listenOn(const QString &address, const QString &clients)
{
    // A free port, found the usual way: bind to 0, read it, give it back.
    QTcpServer probe;
    if (!probe.listen(QHostAddress(address), 0))
        return false;
    m_tcpPort = probe.serverPort();
    m_tcpAddress = address;
    m_tcpClients = clients;
    return true;
}

bool PostgresCluster::start()
{
    const QString data = m_dir.path() + u"/data"_s;
    const QString socket = m_dir.path() + u"/socket"_s;
    QString tcp;
    if (!m_tcpAddress.isEmpty())
        // The port names the Unix socket too (.s.PGSQL.<port>): psql finds it by PGPORT.
        tcp = u"NATTER_PG_LISTEN='%1:%2'; export PGPORT=%2; pg_cluster_init '%3' && "
              "pg_cluster_trust '%3' '%4' && "_s.arg(m_tcpAddress, QString::number(m_tcpPort), data,
                                                     m_tcpClients);
    return run(tcp + u"NATTER_PG_FSYNC=off; pg_cluster_init '%1' && pg_cluster_start '%1' '%2' && "
                     "pg_create_database '%2' natter"_s.arg(data, socket));
}

bool PostgresCluster::stop()
{
    return run(u"pg_cluster_stop '%1'"_s.arg(m_dir.path() + u"/data"_s));
}

QString PostgresCluster::url() const
{
    if (!m_tcpAddress.isEmpty())
        return u"host=%1 port=%2 dbname=natter user=postgres"_s.arg(m_tcpAddress).arg(m_tcpPort);
    return u"host=%1/socket dbname=natter user=postgres"_s.arg(m_dir.path());
}

QString PostgresCluster::localUrl() const
{
    const quint16 port = m_tcpAddress.isEmpty() ? 5432 : m_tcpPort;
    return u"host=%1/socket port=%2 dbname=natter user=postgres"_s.arg(m_dir.path()).arg(port);
}

} // namespace natter::testing
