// SPDX-License-Identifier: Apache-2.0
// The history page keeps one generic plan (issue 10). With the conversation and the cursor as
// plain parameters, a database where one conversation holds more messages than the average of
// many (here 10,000 against 100 conversations of 200, autoanalyzed) let every custom plan cost
// below the generic one, and PostgreSQL planned the page again on each EXECUTE: 0 generic and
// 12 custom plans, 2.5 ms a page instead of 0.5 ms in the benchmark (docs/benchmarks.md).
#include "db/dbpool.h"
#include "db/historyreader.h"
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

constexpr int kBusyMessages = 10'000;
constexpr int kPageLimit = 50;
constexpr int kPages = 12; // PostgreSQL decides between custom and generic after five

const QUuid kViewer = QUuid::fromString(u"{00000000-0000-4000-8000-000000000001}"_s);
const QUuid kBusy = QUuid::fromString(u"{00000000-0000-4000-8000-0000000000b0}"_s);

//! 100 groups of 10 members with 200 messages each, and the viewer's group of 10,000: the
//! shape of the benchmark's database after its sends, which is what tipped the plan choice.
Status seedSkewedHistory(QSqlDatabase &db)
{
    const QStringList statements{
        u"INSERT INTO users (id, username, display_name) SELECT md5('hp-u-' || i)::uuid, "
        "'hp_' || i, 'Plan ' || i FROM generate_series(0, 999) i"_s,
        u"INSERT INTO users (id, username, display_name) VALUES ('%1', 'hp_viewer', 'Viewer')"_s
            .arg(kViewer.toString(QUuid::WithoutBraces)),
        u"INSERT INTO conversations (id, type, title, created_by, last_seq) SELECT "
        "md5('hp-c-' || g)::uuid, 'group', 'Group ' || g, md5('hp-u-' || (g * 10))::uuid, 200 "
        "FROM generate_series(0, 99) g"_s,
        u"INSERT INTO conversation_members (conversation_id, user_id) SELECT "
        "md5('hp-c-' || (i / 10))::uuid, md5('hp-u-' || i)::uuid FROM generate_series(0, 999) i"_s,
        u"INSERT INTO messages (conversation_id, seq, sender_id, body_text) SELECT "
        "md5('hp-c-' || g)::uuid, s, md5('hp-u-' || (g * 10 + s % 10))::uuid, repeat('x', 150) "
        "FROM generate_series(0, 99) g, generate_series(1, 200) s"_s,
        u"INSERT INTO conversations (id, type, title, created_by, last_seq) VALUES "
        "('%1', 'group', 'Busy', '%2', %3)"_s
            .arg(kBusy.toString(QUuid::WithoutBraces), kViewer.toString(QUuid::WithoutBraces))
            .arg(kBusyMessages),
        u"INSERT INTO conversation_members (conversation_id, user_id) VALUES ('%1', '%2')"_s.arg(
            kBusy.toString(QUuid::WithoutBraces), kViewer.toString(QUuid::WithoutBraces)),
        u"INSERT INTO messages (conversation_id, seq, sender_id, body_text) SELECT '%1', s, "
        "'%2', repeat('h', 150) FROM generate_series(1, %3) s"_s
            .arg(kBusy.toString(QUuid::WithoutBraces), kViewer.toString(QUuid::WithoutBraces))
            .arg(kBusyMessages),
        // VACUUM too: after these inserts autovacuum would otherwise vacuum the tables during
        // the test, and the statistics it rewrites invalidate the plans being counted.
        u"VACUUM ANALYZE"_s,
    };
    for (const QString &statement : statements) {
        if (auto done = sql::execRaw(db, statement); !done)
            return done;
    }
    return Done{};
}

ApiError failure(const QString &why)
{
    return ApiError{ErrorCode::Internal, why, {}, 0};
}

struct PlanCounts
{
    int generic = -1;
    int custom = -1;
};

//! How often this session's prepared page statement was planned generically and custom.
Result<PlanCounts> pagePlans(QSqlDatabase &db)
{
    auto query =
        sql::exec(db, u"SELECT generic_plans::int, custom_plans::int "
                      "FROM pg_prepared_statements "
                      "WHERE statement LIKE '%LEFT JOIN LATERAL (SELECT m.* FROM messages%' "
                      "AND statement NOT LIKE '%pg_prepared_statements%'"_s);
    if (!query)
        return query.error();
    if (!query.value().next())
        return failure(u"the page statement is not prepared"_s);
    PlanCounts counts;
    counts.generic = query.value().value(0).toInt();
    counts.custom = query.value().value(1).toInt();
    if (query.value().next())
        return failure(u"the page statement is prepared twice"_s);
    return counts;
}

} // namespace

class TestHistoryPlan : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;

private Q_SLOTS:
    void init()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        QSqlDatabase db = m_database->connection();
        const Status seeded = seedSkewedHistory(db);
        QVERIFY2(seeded, qPrintable(seeded ? QString() : seeded.error().message));
    }
    void cleanup() { m_database.reset(); }

    void theBusyConversationsPagesReuseOneGenericPlan()
    {
        DbPool pool(m_database->settings(), 1);
        auto plans = waitForPool(pool.run<PlanCounts>([](QSqlDatabase &db) -> Result<PlanCounts> {
            // Cursors across the conversation, as a reader scrolling back and forth would send.
            for (int page = 0; page < kPages; ++page) {
                const qint64 cursor = kBusyMessages - page * 797 % (kBusyMessages - kPageLimit);
                auto read = HistoryReader(db).read(kBusy, kViewer, HistoryReader::Direction::Older,
                                                   cursor, kPageLimit);
                if (!read)
                    return read.error();
                if (!read.value().member || read.value().messages.size() != kPageLimit)
                    return failure(u"page %1 came back wrong"_s.arg(page));
            }
            return pagePlans(db);
        }));
        QVERIFY2(plans, qPrintable(plans ? QString() : plans.error().message));
        // Five custom plans are PostgreSQL's trial; every EXECUTE after them should reuse the
        // generic plan rather than plan the page again.
        QCOMPARE(plans.value().generic + plans.value().custom, kPages);
        QCOMPARE(plans.value().generic, kPages - 5);
    }
};

QTEST_GUILESS_MAIN(TestHistoryPlan)
#include "tst_historyplan.moc"
