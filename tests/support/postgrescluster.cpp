// SPDX-License-Identifier: Apache-2.0
#include "postgrescluster.h"

#include <QFile>
#include <QProcess>

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

bool PostgresCluster::start()
{
    const QString data = m_dir.path() + u"/data"_s;
    const QString socket = m_dir.path() + u"/socket"_s;
    return run(u"NATTER_PG_FSYNC=off; pg_cluster_init '%1' && pg_cluster_start '%1' '%2' && "
               "pg_create_database '%2' natter"_s.arg(data, socket));
}

bool PostgresCluster::stop()
{
    return run(u"pg_cluster_stop '%1'"_s.arg(m_dir.path() + u"/data"_s));
}

QString PostgresCluster::url() const
{
    return u"host=%1/socket dbname=natter user=postgres"_s.arg(m_dir.path());
}

} // namespace natter::testing
