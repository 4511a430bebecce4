// SPDX-License-Identifier: Apache-2.0
// The pool's connections prepare each statement once and then only execute it (issue 10):
// PostgreSQL holds one prepared statement per text, and a connection that was reopened, or
// whose statements vanished, prepares again instead of failing for good.
#include "db/dbpool.h"
#include "db/sql.h"
#include "poolfuture.h"
#include "testdatabase.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;
using natter::testing::TestDatabase;
using natter::testing::waitForPool;

namespace {

const QString kStatement = u"SELECT ?::int + 1"_s;

//! Runs kStatement `times` times on one connection; returns the last answer.
Result<int> runTimes(QSqlDatabase &db, int times)
{
    int answer = 0;
    for (int i = 0; i < times; ++i) {
        auto query = sql::exec(db, kStatement, {i});
        if (!query)
            return query.error();
        if (!query.value().next())
            return ApiError::internal();
        answer = query.value().value(0).toInt();
    }
    return answer;
}

//! Prepared statements this session holds for kStatement's text (as QPSQL rewrote it).
Result<int> preparedCopies(QSqlDatabase &db)
{
    auto query = sql::exec(db, u"SELECT count(*)::int FROM pg_prepared_statements "
                               "WHERE statement LIKE '%::int + 1'"_s);
    if (!query)
        return query.error();
    query.value().next();
    return query.value().value(0).toInt();
}

} // namespace

class TestStatementCache : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;

private Q_SLOTS:
    void init()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
    }
    void cleanup() { m_database.reset(); }

    void aStatementIsPreparedOncePerConnection()
    {
        DbPool pool(m_database->settings(), 1);
        auto copies = waitForPool(pool.run<int>([](QSqlDatabase &db) -> Result<int> {
            if (auto ran = runTimes(db, 50); !ran || ran.value() != 50)
                return ApiError::internal();
            return preparedCopies(db);
        }));
        QVERIFY(copies);
        QCOMPARE(copies.value(), 1);
        // A later job on the same connection reuses it too.
        auto again = waitForPool(pool.run<int>([](QSqlDatabase &db) -> Result<int> {
            if (auto ran = runTimes(db, 10); !ran)
                return ran.error();
            return preparedCopies(db);
        }));
        QVERIFY(again);
        QCOMPARE(again.value(), 1);
    }

    void statementsThatVanishedArePreparedAgain()
    {
        DbPool pool(m_database->settings(), 1);
        auto first = waitForPool(pool.run<int>([](QSqlDatabase &db) { return runTimes(db, 2); }));
        QVERIFY(first);
        // A connection pooler resetting the session does this behind our back.
        auto reset = waitForPool(pool.run<int>([](QSqlDatabase &db) -> Result<int> {
            if (auto done = sql::execRaw(db, u"DEALLOCATE ALL"_s); !done)
                return done.error();
            return 0;
        }));
        QVERIFY(reset);
        // The first run after it may fail (the statement is gone); the next one prepares anew.
        (void)waitForPool(pool.run<int>([](QSqlDatabase &db) { return runTimes(db, 1); }));
        auto recovered =
            waitForPool(pool.run<int>([](QSqlDatabase &db) { return runTimes(db, 3); }));
        QVERIFY(recovered);
        QCOMPARE(recovered.value(), 3);
    }

    void aReopenedConnectionPreparesAgain()
    {
        DbPool pool(m_database->settings(), 1);
        QVERIFY(waitForPool(pool.run<int>([](QSqlDatabase &db) { return runTimes(db, 2); })));
        pool.invalidateConnections();
        auto after = waitForPool(pool.run<int>([](QSqlDatabase &db) -> Result<int> {
            if (auto ran = runTimes(db, 2); !ran)
                return ran.error();
            return preparedCopies(db);
        }));
        QVERIFY(after);
        QCOMPARE(after.value(), 1);
    }

    void connectionsWithoutACacheStillWork()
    {
        QSqlDatabase db = m_database->connection();
        QCOMPARE(sql::cachedStatementCount(db), 0);
        auto answer = runTimes(db, 3);
        QVERIFY(answer);
        QCOMPARE(answer.value(), 3);
        QCOMPARE(sql::cachedStatementCount(db), 0);
    }
};

QTEST_GUILESS_MAIN(TestStatementCache)
#include "tst_statementcache.moc"
