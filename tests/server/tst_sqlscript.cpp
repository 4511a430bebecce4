// SPDX-License-Identifier: Apache-2.0
#include "db/sqlscript.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using natter::server::splitSqlStatements;

class TestSqlScript : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsOnSemicolons()
    {
        QCOMPARE(splitSqlStatements(u"SELECT 1; SELECT 2;\n\n"_s),
                 (QStringList{u"SELECT 1"_s, u"SELECT 2"_s}));
    }
    void keepsSemicolonsInsideLiteralsAndComments()
    {
        const auto statements =
            splitSqlStatements(u"INSERT INTO t VALUES ('a;b', 'it''s;'); -- comment; here\n"
                               "/* block; /* nested; */ still; */ SELECT \"odd;name\" FROM t;"_s);
        QCOMPARE(statements.size(), 2);
        QVERIFY(statements[0].contains(u"'it''s;'"_s));
        QVERIFY(statements[1].startsWith(u"SELECT \"odd;name\""_s));
    }
    void keepsDollarQuotedBodies()
    {
        const auto statements = splitSqlStatements(u"CREATE FUNCTION f() RETURNS int AS $body$ "
                                                   u"BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql;"
                                                   "SELECT $$a;b$$;"_s);
        QCOMPARE(statements.size(), 2);
        QVERIFY(statements[0].endsWith(u"LANGUAGE plpgsql"_s));
        QCOMPARE(statements[1], u"SELECT $$a;b$$"_s);
    }
    void positionalParametersAreNotTags()
    {
        QCOMPARE(splitSqlStatements(u"SELECT $1; SELECT 2"_s).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestSqlScript)
#include "tst_sqlscript.moc"
