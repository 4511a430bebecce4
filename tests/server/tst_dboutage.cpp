// SPDX-License-Identifier: Apache-2.0
// The database goes away under a running server and comes back: the server keeps serving,
// reports 503 on /healthz meanwhile, and recovers by itself.
#include "httpclient.h"
#include "postgrescluster.h"
#include "serverprocess.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::testing;

class TestDbOutage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void recoversWithoutRestart()
    {
        PostgresCluster cluster;
        QVERIFY(cluster.start());
        ServerProcess server;
        QVERIFY(server.start(cluster.url()));
        QVERIFY(server.waitForHealth(200, 10000));

        QVERIFY(cluster.stop());
        QVERIFY2(server.waitForHealth(503, 10000), server.logs().right(2000).constData());
        const auto down = HttpClient().get(server.url(u"/healthz"_s));
        QCOMPARE(down.json().value(u"db"_s).toString(), u"down"_s);

        QVERIFY(cluster.start());
        QVERIFY2(server.waitForHealth(200, 15000), server.logs().right(2000).constData());
        QVERIFY(server.isRunning());
    }

    void startsWhileTheDatabaseIsDown()
    {
        PostgresCluster cluster;
        QVERIFY(cluster.start());
        QVERIFY(cluster.stop());
        ServerProcess server;
        QVERIFY(server.start(cluster.url()));
        QVERIFY(server.waitForHealth(503, 5000));
        QVERIFY(cluster.start());
        // Reached for the first time: migrations run, then it is healthy.
        QVERIFY2(server.waitForHealth(200, 15000), server.logs().right(2000).constData());
    }
};

QTEST_GUILESS_MAIN(TestDbOutage)
#include "tst_dboutage.moc"
