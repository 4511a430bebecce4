// SPDX-License-Identifier: Apache-2.0
// chat::jsonbytes writes history pages without QJson; each value must come out exactly as
// QJsonDocument (strings, numbers) and formatTimestamp()/QUuid (timestamps, ids) write it, or
// the contract would drift between the hot path and every other reply.
#include "chat/historyjson.h"
#include "chat/jsonbytes.h"
#include "natter/events.h"
#include "natter/frame.h"
#include "natter/timestamps.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::server;

namespace {

//! What QJsonDocument writes for `text` as a JSON string.
QByteArray qtJson(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2); // without the brackets
}

QByteArray ours(const QString &text)
{
    QByteArray out = "prefix"_ba;
    jsonbytes::appendString(out, text);
    return out.mid(6);
}

QString units(std::initializer_list<char16_t> list)
{
    QString text;
    for (char16_t unit : list)
        text.append(QChar(unit));
    return text;
}

} // namespace

class TestJsonBytes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stringsAreWrittenAsQJsonWritesThem_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << QString();
        QTest::newRow("ascii") << u"hello, world"_s;
        QTest::newRow("quote and backslash") << u"say \"hi\" \\ there /"_s;
        QTest::newRow("named escapes") << u"\b\f\n\r\t"_s;
        QString controls;
        for (char16_t c = 0; c < 0x20; ++c)
            controls.append(QChar(c));
        controls.append(QChar(0x7f));
        QTest::newRow("every control character and DEL") << controls;
        QTest::newRow("two-byte UTF-8") << u"é ß Ä \u07ff \u0080"_s;
        QTest::newRow("three-byte UTF-8") << u"漢字 \u0800 \uffff \ufffe \ufeff"_s;
        QTest::newRow("emoji (a surrogate pair)") << u"😀 👍🏽 👩‍👩‍👧"_s;
        QTest::newRow("html") << u"</script><b>&amp;"_s;
        QTest::newRow("unpaired high surrogate at the end") << units({u'a', 0xd83d});
        QTest::newRow("unpaired high surrogate before text") << units({0xd83d, u'a', u'b'});
        QTest::newRow("unpaired low surrogate") << units({u'a', 0xde00, u'b'});
        QTest::newRow("two highs then a low") << units({0xd83d, 0xd83d, 0xde00});
        QTest::newRow("low then high") << units({0xde00, 0xd83d});
    }

    void stringsAreWrittenAsQJsonWritesThem()
    {
        QFETCH(QString, text);
        QCOMPARE(ours(text), qtJson(text));
    }

    //! Random UTF-16, surrogates (paired or not) and control characters included.
    void randomTextIsWrittenAsQJsonWritesIt()
    {
        QRandomGenerator random(20261201);
        for (int round = 0; round < 3000; ++round) {
            QString text;
            const int length = int(random.bounded(40));
            for (int i = 0; i < length; ++i) {
                switch (random.bounded(4)) {
                case 0:
                    text.append(QChar(char16_t(random.bounded(0x80))));
                    break;
                case 1:
                    text.append(QChar(char16_t(0xd800 + random.bounded(0x800))));
                    break;
                default:
                    text.append(QChar(char16_t(random.bounded(0x10000))));
                }
            }
            QCOMPARE(ours(text), qtJson(text));
        }
    }

    void timestampsAreWrittenAsFormatTimestampWritesThem()
    {
        QList<qint64> msecs = {0,
                               1,
                               -1,
                               999,
                               1764590400123,  // 2025-12-01
                               951782400000,   // 2000-02-29
                               -2208988800000, // 1900-01-01
                               253402300799999 /* 9999-12-31T23:59:59.999 */};
        QRandomGenerator random(7);
        for (int i = 0; i < 5000; ++i)
            msecs.append(qint64(random.bounded(4102444800000.0)) - 2208988800000); // 1900..2100
        for (const qint64 ms : std::as_const(msecs)) {
            for (const QDateTime &time :
                 {QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC),
                  QDateTime::fromMSecsSinceEpoch(ms, Qt::OffsetFromUTC, 5 * 3600 + 1800)}) {
                QByteArray out;
                jsonbytes::appendTimestamp(out, time);
                QCOMPARE(out, qtJson(formatTimestamp(time)));
            }
        }
        // Outside four-digit years and invalid times, QDateTime's own text is written.
        for (const QDateTime &odd :
             {QDateTime(), QDateTime(QDate(10000, 1, 1), QTime(0, 0), Qt::UTC)}) {
            QByteArray out;
            jsonbytes::appendTimestamp(out, odd);
            QCOMPARE(out, qtJson(formatTimestamp(odd)));
        }
    }

    void uuidsAreWrittenWithoutBraces()
    {
        for (int i = 0; i < 200; ++i) {
            const QUuid id = QUuid::createUuid();
            QByteArray out;
            jsonbytes::appendUuid(out, id);
            QCOMPARE(out, qtJson(id.toString(QUuid::WithoutBraces)));
        }
        QByteArray out;
        jsonbytes::appendUuid(out, QUuid());
        QCOMPARE(out, "\"00000000-0000-0000-0000-000000000000\""_ba);
    }

    void integersAreWrittenAsNumbers()
    {
        for (const qint64 value :
             {qint64(0), qint64(-1), qint64(4294967301LL), std::numeric_limits<qint64>::max(),
              std::numeric_limits<qint64>::min()}) {
            QByteArray out;
            jsonbytes::appendInteger(out, value);
            QCOMPARE(out, QByteArray::number(value));
        }
    }

    //! Socket frames of one message are written by chat::encodeMessageFrame; they must say what
    //! Frame::serialize() of Message::toJson() says, every optional part of a message present.
    void messageFramesSayWhatFrameSerializeSays()
    {
        Message full;
        full.id = QUuid::createUuid();
        full.conversationId = QUuid::createUuid();
        full.seq = 4294967301LL;
        full.senderId = QUuid::createUuid();
        full.bodyText = u"quote \" nl \n 😀 \x01 é"_s;
        full.createdAt = QDateTime::fromMSecsSinceEpoch(1764590400123, Qt::UTC);
        full.clientMsgId = u"c-\"1"_s;
        full.editedAt = full.createdAt.addSecs(61);
        full.replyTo = ReplyPreview{QUuid::createUuid(), 7, QUuid(), u"earlier \t text"_s, true};
        full.reactions = {{u"👍"_s, {QUuid::createUuid(), QUuid::createUuid()}}, {u"ok"_s, {}}};
        full.mentions = {QUuid::createUuid()};
        Attachment picture;
        picture.id = QUuid::createUuid();
        picture.contentType = u"image/png"_s;
        picture.size = 1234;
        picture.width = 10;
        picture.height = 20;
        picture.name = u"a \"b\".png"_s;
        full.attachments = {picture};
        full.rev = 3;
        Message system = full;
        system.system = SystemEvent{SystemEvent::Kind::Renamed, QUuid::createUuid(), QUuid(),
                                    u"New \\ name"_s, QString()};
        Message bare; // no sender, no client id, nothing optional
        bare.id = QUuid::createUuid();
        bare.conversationId = full.conversationId;
        bare.seq = 1;
        bare.createdAt = full.createdAt;
        bare.deleted = true;
        for (const Message &message : {full, system, bare}) {
            for (const QString &id : {QString(), u"req-1"_s}) {
                const Frame frame{QString(events::kMessageNew), id,
                                  QJsonObject{{u"message"_s, message.toJson()}}, std::nullopt};
                QJsonParseError error;
                const QJsonDocument ours = QJsonDocument::fromJson(
                    chat::encodeMessageFrame(events::kMessageNew, id, message), &error);
                QCOMPARE(error.error, QJsonParseError::NoError);
                QCOMPARE(ours.object(), QJsonDocument::fromJson(frame.serialize()).object());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestJsonBytes)
#include "tst_jsonbytes.moc"
