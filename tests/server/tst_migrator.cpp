// SPDX-License-Identifier: Apache-2.0
#include "db/migrator.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QFile>
#include <QSqlQuery>
#include <QtConcurrent>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter::server;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;

namespace {

bool tableExists(QSqlDatabase &db, const QString &table)
{
    QSqlQuery query(db);
    query.prepare(u"SELECT to_regclass(?) IS NOT NULL"_s);
    query.addBindValue(table);
    return query.exec() && query.next() && query.value(0).toBool();
}

qint64 storedVersion(QSqlDatabase &db)
{
    QSqlQuery query(db);
    if (!query.exec(u"SELECT version FROM schema_migrations"_s) || !query.next())
        return 0;
    return query.value(0).toLongLong();
}

void writeFile(const QString &path, const QByteArray &content)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
}

} // namespace

class TestMigrator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void embeddedMigrationsLoad()
    {
        const Migrator migrator;
        QVERIFY2(migrator.loadError().isEmpty(), qPrintable(migrator.loadError()));
        QVERIFY(!migrator.migrations().isEmpty());
        QCOMPARE(migrator.migrations().first().version, 1);
    }

    void upDownUp()
    {
        TestDatabase database(TestDatabase::Schema::Empty);
        QVERIFY2(database.isValid(), qPrintable(database.error()));
        QSqlDatabase db = database.connection();
        const Migrator migrator;
        const qint64 newest = migrator.migrations().last().version;

        QCOMPARE(migrator.up(db).value(), newest);
        QVERIFY(tableExists(db, u"messages"_s));
        QCOMPARE(storedVersion(db), newest);
        QCOMPARE(migrator.up(db).value(), newest); // idempotent

        QCOMPARE(migrator.down(db, int(migrator.migrations().size())).value(), 0);
        QVERIFY(!tableExists(db, u"messages"_s));
        QVERIFY(!tableExists(db, u"users"_s));
        QCOMPARE(storedVersion(db), 0);

        QCOMPARE(migrator.up(db).value(), newest);
        QVERIFY(tableExists(db, u"conversation_members"_s));
    }

    void commandLineUpAndDown()
    {
        TestDatabase database(TestDatabase::Schema::Empty);
        QVERIFY(database.isValid());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"DATABASE_URL"_s, database.url());
        const qint64 newest = Migrator().migrations().last().version;

        auto [code, output] = ServerProcess::runOnce({u"migrate"_s}, env);
        QCOMPARE(code, 0);
        QVERIFY2(output.contains("schema at version " + QByteArray::number(newest)), output);
        std::tie(code, output) = ServerProcess::runOnce({u"migrate"_s, u"down"_s, u"1"_s}, env);
        QCOMPARE(code, 0);
        std::tie(code, output) = ServerProcess::runOnce({u"migrate"_s, u"down"_s, u"zero"_s}, env);
        QCOMPARE(code, 2);
        std::tie(code, output) = ServerProcess::runOnce({u"migrate"_s}, env);
        QCOMPARE(code, 0);
        QVERIFY2(output.contains("schema at version " + QByteArray::number(newest)), output);
    }

    void failedMigrationLeavesNothingBehind()
    {
        TestDatabase database(TestDatabase::Schema::Empty);
        QVERIFY(database.isValid());
        QSqlDatabase db = database.connection();
        QTemporaryDir dir;
        writeFile(dir.filePath(u"0001_first.up.sql"_s), "CREATE TABLE first_table (id int);");
        writeFile(dir.filePath(u"0001_first.down.sql"_s), "DROP TABLE first_table;");
        writeFile(dir.filePath(u"0002_broken.up.sql"_s),
                  "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;");
        writeFile(dir.filePath(u"0002_broken.down.sql"_s), "DROP TABLE half_done;");
        const Migrator migrator(dir.path());

        const auto result = migrator.up(db);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"0002_broken"_s),
                 qPrintable(result.error().message));
        QVERIFY(tableExists(db, u"first_table"_s));
        QVERIFY(!tableExists(db, u"half_done"_s));
        QCOMPARE(storedVersion(db), 1);
    }

    void dirtySchemaIsRefused()
    {
        TestDatabase database;
        QVERIFY(database.isValid());
        QSqlDatabase db = database.connection();
        QSqlQuery(db).exec(u"UPDATE schema_migrations SET dirty = true"_s);
        const auto result = Migrator().up(db);
        QVERIFY(!result.ok());
        QVERIFY(result.error().message.contains(u"dirty"_s));
    }

    void concurrentRunsDoNotRace()
    {
        TestDatabase database(TestDatabase::Schema::Empty);
        QVERIFY(database.isValid());
        const Migrator migrator;
        auto runOnOwnConnection = [&] {
            QSqlDatabase db = database.connection();
            return migrator.up(db);
        };
        QThreadPool pool;
        pool.setMaxThreadCount(4);
        QList<QFuture<natter::Result<qint64>>> runs;
        for (int i = 0; i < 4; ++i)
            runs.append(QtConcurrent::run(&pool, runOnOwnConnection));
        for (auto &run : runs) {
            const auto result = run.result();
            QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
            QCOMPARE(result.value(), migrator.migrations().last().version);
        }
    }
};

QTEST_GUILESS_MAIN(TestMigrator)
#include "tst_migrator.moc"
