// SPDX-License-Identifier: Apache-2.0
// PgRows reads a history page's cells straight from libpq; every value must be the one
// QSqlQuery::value() gives for the same cell, timestamps rounded to the millisecond as QPSQL
// rounds them, in any session time zone.
#include "db/pgrows.h"
#include "db/sql.h"
#include "testdatabase.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;
using natter::testing::TestDatabase;

namespace {

// Timestamps with every kind of fraction (none, trailing zeros cut, halves of a millisecond),
// around a year's end, before 1970 and in zones with odd offsets; text, uuids, numbers, NULLs.
const QString kCells =
    u"SELECT t, md5(g::text)::uuid, g::bigint, g % 3 = 0, "
    "CASE WHEN g % 5 = 0 THEN NULL ELSE 'é \"\\ 😀 ' || g END, "
    "CASE WHEN g % 7 = 0 THEN NULL ELSE md5(g::text)::uuid END FROM ("
    " SELECT g, timestamptz '2026-12-31 23:59:59.9995+00' + g * interval '1.0001 ms' AS t "
    "  FROM generate_series(-3000, 3000) g "
    " UNION ALL SELECT 100000 + g, timestamptz '2026-06-01 00:00:00+00' + g * interval '0.5 ms' "
    "  FROM generate_series(0, 2000) g "
    " UNION ALL SELECT 200000 + g, timestamptz '1969-12-31 23:59:59.999+00' + g * interval '1 us' "
    "  FROM generate_series(0, 2000) g "
    " UNION ALL SELECT 300000, NULL) cells ORDER BY g"_s;

} // namespace

class TestPgRows : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
    }
    void cleanupTestCase() { m_database.reset(); }

    void cellsReadAsQSqlQueryReadsThem_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::newRow("UTC") << u"UTC"_s;
        QTest::newRow("half-hour offset") << u"Asia/Kolkata"_s;
        QTest::newRow("west of Greenwich") << u"America/New_York"_s;
        QTest::newRow("quarter-hour offset") << u"Asia/Kathmandu"_s;
    }

    void cellsReadAsQSqlQueryReadsThem()
    {
        QFETCH(QString, zone);
        QSqlDatabase db = m_database->connection();
        QVERIFY(sql::execRaw(db, u"SET TIME ZONE '%1'"_s.arg(zone)));
        auto expected = sql::exec(db, kCells);
        QVERIFY(expected);
        QList<QVariantList> rowsByQt;
        while (expected.value().next()) {
            QVariantList row;
            for (int column = 0; column < 6; ++column)
                row.append(expected.value().value(column));
            rowsByQt.append(row);
        }
        auto buffered = sql::execBuffered(db, kCells);
        QVERIFY(buffered);
        const auto rows = PgRows::of(buffered.value());
        QVERIFY(rows);
        QCOMPARE(rows->count(), rowsByQt.size());
        for (int row = 0; row < rows->count(); ++row) {
            const QVariantList &want = rowsByQt.at(row);
            QCOMPARE(rows->timestamp(row, 0), want.at(0).toDateTime().toUTC());
            QCOMPARE(rows->isNull(row, 0), want.at(0).isNull());
            QCOMPARE(rows->uuid(row, 1), QUuid::fromString(want.at(1).toString()));
            QCOMPARE(rows->integer(row, 2), want.at(2).toLongLong());
            QCOMPARE(rows->boolean(row, 3), want.at(3).toBool());
            QCOMPARE(rows->text(row, 4), want.at(4).toString());
            QCOMPARE(rows->text(row, 4).isNull(), want.at(4).toString().isNull());
            QCOMPARE(rows->uuid(row, 5),
                     want.at(5).isNull() ? QUuid() : QUuid::fromString(want.at(5).toString()));
        }
    }

    //! Every fraction PostgreSQL can print, against QDateTime's own ISO parser.
    void everyFractionRoundsAsQtRoundsIt()
    {
        for (int micros = 0; micros < 1000000; micros += 1) {
            QByteArray fraction = QByteArray::number(micros).rightJustified(6, '0');
            while (fraction.endsWith('0'))
                fraction.chop(1);
            const QByteArray text = "2026-12-31 23:59:59" +
                                    (fraction.isEmpty() ? QByteArray() : "." + fraction) + "+00";
            const QDateTime qt = QDateTime::fromString(
                QString::fromLatin1(text).replace(u' ', u'T') + u":00"_s, Qt::ISODate);
            if (timestampFromPgText(text) != qt.toUTC())
                QFAIL(text.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestPgRows)
#include "tst_pgrows.moc"
