// SPDX-License-Identifier: Apache-2.0
#include "natter/jsonfields.h"
#include "natter/validation.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;

class TestValidation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void usernames_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("expected"); // empty: refused
        QTest::newRow("plain") << u"alice"_s << u"alice"_s;
        QTest::newRow("lower-cased") << u"Alice_99"_s << u"alice_99"_s;
        QTest::newRow("shortest") << u"abc"_s << u"abc"_s;
        QTest::newRow("too short") << u"ab"_s << QString();
        QTest::newRow("longest") << QString(32, u'a') << QString(32, u'a');
        QTest::newRow("too long") << QString(33, u'a') << QString();
        QTest::newRow("dash") << u"al-ice"_s << QString();
        QTest::newRow("space") << u"al ice"_s << QString();
        QTest::newRow("unicode") << u"älice"_s << QString();
        QTest::newRow("reserved") << u"admin"_s << QString();
        QTest::newRow("reserved any case") << u"ROOT"_s << QString();
        QTest::newRow("sql") << u"a';--"_s << QString();
    }
    void usernames()
    {
        QFETCH(QString, input);
        QFETCH(QString, expected);
        const auto result = validation::username(u"username"_s, input);
        QCOMPARE(result.ok(), !expected.isEmpty());
        if (result.ok())
            QCOMPARE(result.value(), expected);
        else
            QCOMPARE(result.error().code, ErrorCode::ValidationFailed);
    }

    void displayNames()
    {
        QCOMPARE(validation::displayName(u"d"_s, u"  Alice  "_s).value(), u"Alice"_s);
        QVERIFY(!validation::displayName(u"d"_s, u"   "_s).ok());
        QVERIFY(!validation::displayName(u"d"_s, u"bad\u0007bell"_s).ok());
        QVERIFY(!validation::displayName(u"d"_s, u"rtl\u202Eoverride"_s).ok());
        QVERIFY(validation::displayName(u"d"_s, QString(64, u'x')).ok());
        QVERIFY(!validation::displayName(u"d"_s, QString(65, u'x')).ok());
        // 64 emoji are 128 UTF-16 units but 64 characters.
        QString emoji;
        for (int i = 0; i < 64; ++i)
            emoji += u"😀"_s;
        QVERIFY(validation::displayName(u"d"_s, emoji).ok());
    }

    void messageBodies()
    {
        const QString sent = u"  <b>hi</b>'; DROP TABLE messages;--  "_s;
        QCOMPARE(validation::messageBody(u"body_text"_s, sent).value(), sent); // stored as sent
        QVERIFY(!validation::messageBody(u"body_text"_s, u" \n\t "_s).ok());
        QVERIFY(validation::messageBody(u"body_text"_s, QString(4000, u'x')).ok());
        QVERIFY(!validation::messageBody(u"body_text"_s, QString(4001, u'x')).ok());
        QString lone(1, QChar(0xD800));
        QVERIFY(!validation::messageBody(u"body_text"_s, u"a"_s + lone).ok());
        // Surrounding blank space is kept, but not kilobytes of it (issue #11).
        QVERIFY(validation::messageBody(u"body_text"_s, u"  hi\n\n"_s).ok());
        QVERIFY(!validation::messageBody(u"body_text"_s, u"hi"_s + QString(60000, u'\n')).ok());
        // A direction override makes "moc.evil//:sptth" display as something else.
        QVERIFY(!validation::messageBody(u"body_text"_s, u"see \u202Egpj.exe"_s).ok());
        QVERIFY(validation::messageBody(u"body_text"_s, u"\u05E9\u05DC\u05D5\u05DD hi"_s).ok());
    }

    void namesThatImpersonate()
    {
        // Invisible fillers, direction overrides and stacked marks make one name look like
        // another, or like nothing.
        for (const QString &name : {u"\u3164"_s, u"ali\u3164ce"_s, u"\u2800\u2800"_s,
                                    u"eve\u202Enimda"_s, u"a\u0301\u0301\u0301\u0301\u0301"_s})
            QVERIFY2(!validation::displayName(u"d"_s, name).ok(), qPrintable(name));
        QVERIFY(validation::displayName(u"d"_s, u"Zo\u00EB Ng\u1EE5y\u1EC5n"_s).ok());
        QVERIFY(validation::displayName(u"d"_s, u"\u6771\u4EAC \u592A\u90CE"_s).ok());
    }

    void limitsAndCursors()
    {
        QCOMPARE(validation::pageLimit(u"limit"_s, QString(), 50, 100).value(), 50);
        QCOMPARE(validation::pageLimit(u"limit"_s, u"100"_s, 50, 100).value(), 100);
        QVERIFY(!validation::pageLimit(u"limit"_s, u"0"_s, 50, 100).ok());
        QVERIFY(!validation::pageLimit(u"limit"_s, u"101"_s, 50, 100).ok());
        QVERIFY(!validation::pageLimit(u"limit"_s, u"ten"_s, 50, 100).ok());
        QCOMPARE(validation::seqCursor(u"before"_s, QString()).value(), -1);
        QVERIFY(!validation::seqCursor(u"before"_s, u"-3"_s).ok());
        QVERIFY(validation::uuid(u"id"_s, u"5b1c8f5e-6f2a-4b7a-9c1d-1f2e3d4c5b6a"_s).ok());
        QVERIFY(!validation::uuid(u"id"_s, u"5b1c8f5e"_s).ok());
        QVERIFY(!validation::uuid(u"id"_s, u"' OR 1=1 --"_s).ok());
    }

    void jsonBodies()
    {
        QCOMPARE(parseJsonObject("{\"a\":1}").value().value(u"a"_s).toInt(), 1);
        QCOMPARE(parseJsonObject("{\"a\":").error().code, ErrorCode::BadRequest);
        QCOMPARE(parseJsonObject("[1,2]").error().code, ErrorCode::BadRequest);
        QCOMPARE(parseJsonObject("").error().code, ErrorCode::BadRequest);
        QCOMPARE(parseJsonObject("{\"a\":\"\xff\xfe\"}").error().code, ErrorCode::BadRequest);

        const JsonFields fields(
            parseJsonObject(R"({"s":"x","n":3,"f":1.5,"l":["a",2],"extra":true})").value());
        QCOMPARE(fields.requiredString(u"s"_s).value(), u"x"_s);
        const auto wrongType = fields.requiredString(u"n"_s);
        QCOMPARE(wrongType.error().code, ErrorCode::ValidationFailed);
        QVERIFY(wrongType.error().fields.contains(u"n"_s));
        QCOMPARE(fields.requiredInteger(u"n"_s).value(), 3);
        QVERIFY(!fields.requiredInteger(u"f"_s).ok());
        QVERIFY(!fields.stringList(u"l"_s).ok());
        QVERIFY(!fields.optionalString(u"missing"_s).value().has_value());
    }
};

QTEST_GUILESS_MAIN(TestValidation)
#include "tst_validation.moc"
