// SPDX-License-Identifier: Apache-2.0
// The one parse of a send, shared by REST and the socket (issue 10).
#include "natter/sendmessagerequest.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;

class TestSendMessageRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsABodyWithOrWithoutAnId()
    {
        auto plain = SendMessageRequest::fromJson({{u"body_text"_s, u"  hi  "_s}});
        QVERIFY(plain);
        QCOMPARE(plain->bodyText, u"  hi  "_s); // stored as sent
        QVERIFY(plain->clientMsgId.isEmpty());
        auto withId = SendMessageRequest::fromJson(
            {{u"body_text"_s, u"hi"_s}, {u"client_msg_id"_s, u"c-1"_s}, {u"extra"_s, 1}});
        QVERIFY(withId);
        QCOMPARE(withId->clientMsgId, u"c-1"_s);
    }

    void refusesWhatNoSendCanBe_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("no body") << QJsonObject{} << u"body_text"_s;
        QTest::newRow("body not a string") << QJsonObject{{u"body_text"_s, 5}} << u"body_text"_s;
        QTest::newRow("blank body") << QJsonObject{{u"body_text"_s, u"   "_s}} << u"body_text"_s;
        QTest::newRow("body too long")
            << QJsonObject{{u"body_text"_s, QString(4001, u'x')}} << u"body_text"_s;
        QTest::newRow("empty client_msg_id")
            << QJsonObject{{u"body_text"_s, u"x"_s}, {u"client_msg_id"_s, u""_s}}
            << u"client_msg_id"_s;
        QTest::newRow("client_msg_id a number")
            << QJsonObject{{u"body_text"_s, u"x"_s}, {u"client_msg_id"_s, 7}} << u"client_msg_id"_s;
        QTest::newRow("client_msg_id too long")
            << QJsonObject{{u"body_text"_s, u"x"_s}, {u"client_msg_id"_s, QString(65, u'a')}}
            << u"client_msg_id"_s;
    }

    void refusesWhatNoSendCanBe()
    {
        QFETCH(QJsonObject, body);
        QFETCH(QString, field);
        auto parsed = SendMessageRequest::fromJson(body);
        QVERIFY(!parsed);
        QCOMPARE(parsed.error().code, ErrorCode::ValidationFailed);
        QVERIFY2(parsed.error().fields.contains(field), qPrintable(field));
    }
};

QTEST_GUILESS_MAIN(TestSendMessageRequest)
#include "tst_sendmessagerequest.moc"
