// SPDX-License-Identifier: Apache-2.0
// The frame format both sides of the WebSocket speak: what is refused, and that what is
// accepted survives a round trip.
#include "natter/frame.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;

class TestFrame : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesARequest()
    {
        const auto frame = Frame::parse(
            R"({"type":"room.join","id":"r-1","data":{"conversation_id":"c","after_seq":3},"x":1})");
        QVERIFY(frame.ok());
        QCOMPARE(frame->type, u"room.join"_s);
        QCOMPARE(frame->id, u"r-1"_s);
        QCOMPARE(frame->data.value(u"after_seq"_s).toInteger(), 3);
        QVERIFY(!frame->error);
    }

    void refusesMalformedFrames_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("code");
        const int bad = int(ErrorCode::BadRequest);
        QTest::newRow("empty") << QByteArray() << bad;
        QTest::newRow("not json") << "hello"_ba << bad;
        QTest::newRow("truncated") << R"({"type":"ping")"_ba << bad;
        QTest::newRow("array") << R"([{"type":"ping"}])"_ba << bad;
        QTest::newRow("string") << R"("ping")"_ba << bad;
        QTest::newRow("no type") << R"({"data":{}})"_ba << bad;
        QTest::newRow("empty type") << R"({"type":""})"_ba << bad;
        QTest::newRow("numeric type") << R"({"type":7})"_ba << bad;
        QTest::newRow("type with space") << R"({"type":"a b"})"_ba << bad;
        QTest::newRow("numeric id") << R"({"type":"ping","id":5})"_ba << bad;
        QTest::newRow("long id") << (R"({"type":"ping","id":")" + QByteArray(65, 'a') + R"("})")
                                 << bad;
        QTest::newRow("data array") << R"({"type":"ping","data":[]})"_ba << bad;
        QTest::newRow("data string") << R"({"type":"ping","data":"x"})"_ba << bad;
        QTest::newRow("error without code") << R"({"type":"error","error":{}})"_ba << bad;
        QTest::newRow("invalid utf-8") << "{\"type\":\"p\xff\"}"_ba << bad;
        QTest::newRow("too large")
            << (R"({"type":"ping","data":{"x":")" + QByteArray(Frame::kMaxBytes, 'a') + R"("}})")
            << int(ErrorCode::PayloadTooLarge);
    }

    void refusesMalformedFrames()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, code);
        const auto frame = Frame::parse(text);
        QVERIFY(!frame.ok());
        QCOMPARE(int(frame.error().code), code);
        QVERIFY(!frame.error().message.isEmpty());
    }

    void nullIdAndDataMeanAbsent()
    {
        const auto frame = Frame::parse(R"({"type":"ping","id":null,"data":null})");
        QVERIFY(frame.ok());
        QVERIFY(frame->id.isEmpty());
        QVERIFY(frame->data.isEmpty());
    }

    void errorFramesRoundTrip()
    {
        const Frame sent =
            Frame::failure(u"m-9"_s, ApiError::validation(u"body_text"_s, u"is required"_s));
        const QByteArray text = sent.serialize();
        QVERIFY(text.contains(R"("code":"validation_failed")"));
        const auto received = Frame::parse(text);
        QVERIFY(received.ok());
        QCOMPARE(received.value(), sent);
        QCOMPARE(received->error->fields.value(u"body_text"_s), u"is required"_s);
    }

    void eventsAlwaysCarryData()
    {
        QCOMPARE(Frame::event(u"pong"_s, {}).serialize(), R"({"data":{},"type":"pong"})"_ba);
        QCOMPARE(Frame::ack(u"a"_s, {{u"k"_s, 1}}).serialize(),
                 R"({"data":{"k":1},"id":"a","type":"ack"})"_ba);
    }
};

QTEST_GUILESS_MAIN(TestFrame)
#include "tst_frame.moc"
