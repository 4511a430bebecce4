// SPDX-License-Identifier: Apache-2.0
// The server's own RFC 6455 layer (realtime/ws): the parser against what the RFC requires of a
// client's bytes, the frames it writes, and a WsSocket on a real socket pair (partial reads,
// ping, the close handshake, a peer that stops reading, EOF).
#include "realtime/ws/wsframing.h"
#include "realtime/ws/wssocket.h"

#include <QRandomGenerator>
#include <QStringDecoder>
#include <QtEndian>
#include <QTest>

#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace natter::server::realtime::ws;

namespace {

constexpr qsizetype kMax = 64 * 1024;

//! A client frame: masked unless told otherwise, with the given first byte's bits.
QByteArray clientFrame(quint8 opcode, QByteArrayView payload, bool fin = true, bool masked = true,
                       quint8 rsv = 0)
{
    QByteArray frame;
    frame.append(char((fin ? 0x80 : 0) | rsv | opcode));
    const quint8 maskBit = masked ? 0x80 : 0;
    const qsizetype size = payload.size();
    if (size < 126) {
        frame.append(char(maskBit | size));
    } else if (size <= 0xFFFF) {
        frame.append(char(maskBit | 126));
        char length[2];
        qToBigEndian(quint16(size), length);
        frame.append(length, 2);
    } else {
        frame.append(char(maskBit | 127));
        char length[8];
        qToBigEndian(quint64(size), length);
        frame.append(length, 8);
    }
    const char mask[4] = {'\x12', '\x34', '\x56', '\x78'};
    if (masked)
        frame.append(mask, 4);
    for (qsizetype i = 0; i < size; ++i)
        frame.append(masked ? char(payload[i] ^ mask[i & 3]) : payload[i]);
    return frame;
}

QByteArray closePayload(quint16 code, QByteArrayView reason = {})
{
    char bytes[2];
    qToBigEndian(code, bytes);
    return QByteArray(bytes, 2) + reason.toByteArray();
}

//! Everything a parser yields from `bytes`, fed `chunk` bytes at a time.
QList<Incoming> parseAll(const QByteArray &bytes, qsizetype chunk = 1 << 30, qsizetype max = kMax)
{
    FrameParser parser(max);
    QList<Incoming> out;
    for (qsizetype at = 0; at < bytes.size(); at += chunk) {
        parser.feed(QByteArrayView(bytes).sliced(at, std::min(chunk, bytes.size() - at)));
        while (auto incoming = parser.next())
            out.append(*incoming);
    }
    return out;
}

quint16 failure(const QByteArray &bytes)
{
    const QList<Incoming> all = parseAll(bytes);
    if (all.isEmpty() || all.constLast().kind != Incoming::Kind::Failed)
        return 0;
    return all.constLast().closeCode;
}

//! Decodes one server frame (unmasked, final); nullopt if `bytes` is not exactly that.
struct ServerFrame
{
    quint8 opcode;
    QByteArray payload;
};
QList<ServerFrame> serverFrames(QByteArray bytes)
{
    QList<ServerFrame> frames;
    while (bytes.size() >= 2) {
        const auto *data = reinterpret_cast<const uchar *>(bytes.constData());
        qsizetype header = 2;
        quint64 length = data[1] & 0x7F;
        if (length == 126) {
            length = qFromBigEndian<quint16>(data + 2);
            header = 4;
        } else if (length == 127) {
            length = qFromBigEndian<quint64>(data + 2);
            header = 10;
        }
        if (bytes.size() < header + qsizetype(length))
            break;
        frames.append({quint8(data[0] & 0x0F), bytes.mid(header, qsizetype(length))});
        bytes.remove(0, header + qsizetype(length));
    }
    return frames;
}

//! The socket's owner in these tests: records what it is told.
class Recorder final : public WsSocket::Handler
{
public:
    QList<QByteArray> texts;
    int binaries = 0;
    int heard = 0;
    bool disconnected = false;

    void onText(const QByteArray &utf8) override { texts.append(utf8); }
    void onBinary() override { ++binaries; }
    void onHeard() override { ++heard; }
    void onDisconnected() override { disconnected = true; }
};

//! A WsSocket on one end of a socket pair; the test plays the client on the other end.
struct Pair
{
    int client = -1;
    std::unique_ptr<WsSocket> socket;
    Recorder recorder;

    Pair()
    {
        int fds[2];
        if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, fds) != 0)
            qFatal("socketpair failed");
        client = fds[0];
        socket = std::make_unique<WsSocket>(fds[1], QHostAddress::LocalHost, 1234, kMax);
        socket->start(&recorder, {});
    }
    ~Pair()
    {
        socket.reset();
        ::close(client);
    }
    void write(const QByteArray &bytes) const
    {
        QCOMPARE(::write(client, bytes.constData(), size_t(bytes.size())), bytes.size());
    }
    //! What the client has received within `ms`, as frames.
    QList<ServerFrame> receive(int ms = 2000, int atLeast = 1) const
    {
        QByteArray bytes;
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired() && serverFrames(bytes).size() < atLeast) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            char buffer[65536];
            const ssize_t got = ::read(client, buffer, sizeof buffer);
            if (got > 0)
                bytes.append(buffer, got);
        }
        return serverFrames(bytes);
    }
    //! Whether the server end closed (EOF on the client's end) within `ms`.
    bool eofWithin(int ms) const
    {
        QDeadlineTimer deadline(ms);
        while (!deadline.hasExpired()) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
            char buffer[65536];
            const ssize_t got = ::read(client, buffer, sizeof buffer);
            if (got == 0)
                return true;
        }
        return false;
    }
};

} // namespace

class TestWsFraming : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptKeyIsTheRfcExample()
    {
        // RFC 6455, section 1.3.
        QCOMPARE(acceptKey("dGhlIHNhbXBsZSBub25jZQ=="_ba), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="_ba);
        QVERIFY(isValidClientKey("dGhlIHNhbXBsZSBub25jZQ=="_ba));
        QVERIFY(!isValidClientKey("c2hvcnQ="_ba)); // 5 bytes, not 16
        QVERIFY(!isValidClientKey("not base64 at all!!!!!!!"_ba));
        QVERIFY(handshakeAnswer("dGhlIHNhbXBsZSBub25jZQ=="_ba)
                    .startsWith("HTTP/1.1 101 Switching Protocols\r\n"));
    }

    void framesUseTheShortestLength_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("header");
        QTest::newRow("empty") << 0 << 2;
        QTest::newRow("7-bit") << 125 << 2;
        QTest::newRow("16-bit low") << 126 << 4;
        QTest::newRow("16-bit high") << 65535 << 4;
        QTest::newRow("64-bit") << 65536 << 10;
    }
    void framesUseTheShortestLength()
    {
        QFETCH(int, size);
        QFETCH(int, header);
        const QByteArray payload(size, 'x');
        const QByteArray frame = textFrame(payload);
        QCOMPARE(frame.size(), header + size);
        QCOMPARE(quint8(frame[0]), quint8(0x81)); // FIN, text, no mask from a server
        QCOMPARE(frame[1] & 0x80, 0);
        const auto frames = serverFrames(frame);
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].payload, payload);
    }

    void lengthsOfEverySizeParse_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("chunk");
        for (const int size : {0, 1, 125, 126, 127, 65535, 65536, 70000}) {
            QTest::addRow("%d whole", size) << size << (1 << 30);
            QTest::addRow("%d byte by byte", size) << size << 1;
            QTest::addRow("%d in 7s", size) << size << 7;
        }
    }
    void lengthsOfEverySizeParse()
    {
        QFETCH(int, size);
        QFETCH(int, chunk);
        QByteArray payload(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            payload[i] = char('a' + i % 26);
        const auto all = parseAll(clientFrame(0x1, payload), chunk, 100'000);
        QCOMPARE(all.size(), 1);
        QCOMPARE(all[0].kind, Incoming::Kind::Text);
        QCOMPARE(all[0].payload, payload);
    }

    void unmaskedClientFramesAreAProtocolError()
    {
        QCOMPARE(failure(clientFrame(0x1, "hi", true, false)), closecode::kProtocolError);
        QCOMPARE(failure(clientFrame(0x9, "", true, false)), closecode::kProtocolError);
    }

    void reservedBitsAndOpcodesAreProtocolErrors()
    {
        for (const quint8 rsv : {0x40, 0x20, 0x10})
            QCOMPARE(failure(clientFrame(0x1, "hi", true, true, rsv)), closecode::kProtocolError);
        for (const quint8 opcode : {0x3, 0x7, 0xB, 0xF})
            QCOMPARE(failure(clientFrame(opcode, "hi")), closecode::kProtocolError);
    }

    void controlFramesAreShortAndWhole()
    {
        QCOMPARE(failure(clientFrame(0x9, QByteArray(126, 'p'))), closecode::kProtocolError);
        QCOMPARE(failure(clientFrame(0x9, "p", false)), closecode::kProtocolError);
        const auto ok = parseAll(clientFrame(0x9, QByteArray(125, 'p')));
        QCOMPARE(ok.size(), 1);
        QCOMPARE(ok[0].kind, Incoming::Kind::Ping);
        QCOMPARE(ok[0].payload.size(), 125);
    }

    void fragmentsAssembleAroundAPing()
    {
        const QByteArray bytes = clientFrame(0x1, "Hel", false) + clientFrame(0x9, "are you") +
                                 clientFrame(0x0, "lo, ", false) + clientFrame(0xA, "") +
                                 clientFrame(0x0, "world");
        for (const qsizetype chunk : {qsizetype(1), qsizetype(5), qsizetype(1) << 30}) {
            const auto all = parseAll(bytes, chunk);
            QCOMPARE(all.size(), 3);
            QCOMPARE(all[0].kind, Incoming::Kind::Ping);
            QCOMPARE(all[0].payload, "are you"_ba);
            QCOMPARE(all[1].kind, Incoming::Kind::Pong);
            QCOMPARE(all[2].kind, Incoming::Kind::Text);
            QCOMPARE(all[2].payload, "Hello, world"_ba);
        }
    }

    void strayOrInterruptedFragmentsAreProtocolErrors()
    {
        QCOMPARE(failure(clientFrame(0x0, "orphan")), closecode::kProtocolError);
        QCOMPARE(failure(clientFrame(0x1, "a", false) + clientFrame(0x1, "b")),
                 closecode::kProtocolError);
    }

    void aMessageTooBigFailsBeforeItArrives()
    {
        // Only the header of a frame past the bound: refused on its length alone.
        QByteArray header = clientFrame(0x1, QByteArray(kMax + 1, 'x')).left(14);
        QCOMPARE(failure(header), closecode::kTooBig);
        // Fragments each under the bound, together over it.
        const QByteArray half(kMax / 2 + 1, 'y');
        QCOMPARE(failure(clientFrame(0x1, half, false) + clientFrame(0x0, half)),
                 closecode::kTooBig);
        // Exactly at the bound is fine.
        const auto ok = parseAll(clientFrame(0x1, QByteArray(kMax, 'z')));
        QCOMPARE(ok.size(), 1);
        QCOMPARE(ok[0].kind, Incoming::Kind::Text);
    }

    void textMustBeUtf8EvenAcrossFragments()
    {
        const QByteArray euro = "\xE2\x82\xAC"_ba;
        // A character split between fragments is fine once whole.
        const auto split =
            parseAll(clientFrame(0x1, euro.left(1), false) + clientFrame(0x0, euro.mid(1)));
        QCOMPARE(split.size(), 1);
        QCOMPARE(split[0].payload, euro);
        // A bad sequence split between fragments is not.
        QCOMPARE(failure(clientFrame(0x1, "ok \xE2\x82"_ba, false) + clientFrame(0x0, "\x41"_ba)),
                 closecode::kInvalidPayload);
        QCOMPARE(failure(clientFrame(0x1, "\xC0\xAF"_ba)), closecode::kInvalidPayload); // overlong
        QCOMPARE(failure(clientFrame(0x1, "\xED\xA0\x80"_ba)), closecode::kInvalidPayload);
        QCOMPARE(failure(clientFrame(0x1, "\xF4\x90\x80\x80"_ba)), closecode::kInvalidPayload);
        QCOMPARE(failure(clientFrame(0x1, "\xFF"_ba)), closecode::kInvalidPayload);
        // Binary is not checked: the connection refuses it as a whole.
        const auto binary = parseAll(clientFrame(0x2, "\xFF"_ba));
        QCOMPARE(binary.size(), 1);
        QCOMPARE(binary[0].kind, Incoming::Kind::Binary);
    }

    void utf8CheckAgreesWithQt()
    {
        // Random bytes biased towards multi-byte sequences, against Qt's own strict decoder.
        auto *random = QRandomGenerator::global();
        for (int round = 0; round < 20000; ++round) {
            QByteArray bytes(int(random->bounded(1, 12)), Qt::Uninitialized);
            for (char &byte : bytes)
                byte = char(random->bounded(4) == 0 ? random->bounded(128)
                                                    : 0x80 + random->bounded(128));
            QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
            const QString decoded = decoder.decode(bytes);
            const bool qtValid = !decoder.hasError();
            QVERIFY2(isValidUtf8(bytes) == qtValid, bytes.toHex().constData());
        }
    }

    void closeCodesAreChecked()
    {
        const auto normal = parseAll(clientFrame(0x8, closePayload(1000, "bye")));
        QCOMPARE(normal.size(), 1);
        QCOMPARE(normal[0].kind, Incoming::Kind::Close);
        QCOMPARE(normal[0].closeCode, quint16(1000));
        QCOMPARE(normal[0].payload, "bye"_ba);
        const auto empty = parseAll(clientFrame(0x8, ""));
        QCOMPARE(empty[0].closeCode, closecode::kNoStatus);
        QCOMPARE(parseAll(clientFrame(0x8, closePayload(4001)))[0].closeCode, quint16(4001));
        for (const quint16 bad : {0, 999, 1004, 1005, 1006, 1015, 2000, 5000})
            QCOMPARE(failure(clientFrame(0x8, closePayload(bad))), closecode::kProtocolError);
        QCOMPARE(failure(clientFrame(0x8, "x")), closecode::kProtocolError); // one byte
        QCOMPARE(failure(clientFrame(0x8, closePayload(1000, "\xFF"))), closecode::kInvalidPayload);
    }

    void closeFramesFitAControlFrame()
    {
        const QByteArray reason = QString(100, QChar(0x20AC)).toUtf8(); // 300 bytes
        const auto frames = serverFrames(closeFrame(4008, reason));
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].opcode, quint8(0x8));
        QVERIFY(frames[0].payload.size() <= 125);
        QCOMPARE(qFromBigEndian<quint16>(frames[0].payload.constData()), quint16(4008));
        QVERIFY(isValidUtf8(frames[0].payload.mid(2))); // cut between characters
    }

    void nothingFollowsAFailure()
    {
        FrameParser parser(kMax);
        parser.feed(clientFrame(0x1, "a", true, false) + clientFrame(0x1, "b"));
        QCOMPARE(parser.next()->kind, Incoming::Kind::Failed);
        QVERIFY(!parser.next());
        QVERIFY(parser.hasFailed());
    }

    void anIdleParserHoldsNoBuffer()
    {
        FrameParser parser(kMax);
        parser.feed(clientFrame(0x1, "hello"));
        QVERIFY(parser.next());
        QCOMPARE(parser.bufferedBytes(), 0);
    }

    // WsSocket on a real socket pair.

    void socketDeliversTextReadInPieces()
    {
        Pair pair;
        const QByteArray frame = clientFrame(0x1, "{\"type\":\"ping\"}");
        for (const char byte : frame) {
            pair.write(QByteArray(1, byte));
            QCoreApplication::processEvents();
        }
        QTRY_COMPARE(pair.recorder.texts.size(), 1);
        QCOMPARE(pair.recorder.texts[0], "{\"type\":\"ping\"}"_ba);
    }

    void socketAnswersPingAndCoalescesWrites()
    {
        Pair pair;
        pair.write(clientFrame(0x9, "beat"));
        auto frames = pair.receive();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].opcode, quint8(0xA));
        QCOMPARE(frames[0].payload, "beat"_ba);
        // One shared frame queued three times goes out whole, in order.
        const QByteArray shared = textFrame("same bytes");
        pair.socket->send(shared);
        pair.socket->send(textFrame("other"));
        pair.socket->send(shared);
        QCOMPARE(pair.socket->queuedBytes(), 2 * shared.size() + textFrame("other").size());
        frames = pair.receive(2000, 3);
        QCOMPARE(frames.size(), 3);
        QCOMPARE(frames[0].payload, "same bytes"_ba);
        QCOMPARE(frames[1].payload, "other"_ba);
        QCOMPARE(frames[2].payload, "same bytes"_ba);
        QCOMPARE(pair.socket->queuedBytes(), 0);
    }

    void peerCloseIsEchoedThenTheSocketCloses()
    {
        Pair pair;
        pair.write(clientFrame(0x8, closePayload(4000, "done")));
        const auto frames = pair.receive();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].opcode, quint8(0x8));
        QCOMPARE(qFromBigEndian<quint16>(frames[0].payload.constData()), quint16(4000));
        QVERIFY(pair.eofWithin(2000));
        QVERIFY(pair.recorder.disconnected);
    }

    void ourCloseWaitsForTheAnswerOrTwoSeconds()
    {
        Pair answered;
        answered.socket->close(4001, "bye");
        auto frames = answered.receive();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(qFromBigEndian<quint16>(frames[0].payload.constData()), quint16(4001));
        // The close frame is followed by our FIN at once; the descriptor stays open for the
        // answer.
        QVERIFY(answered.eofWithin(2000));
        QVERIFY(!answered.recorder.disconnected);
        answered.write(clientFrame(0x8, closePayload(4001)));
        QTRY_VERIFY_WITH_TIMEOUT(answered.recorder.disconnected, 1000);

        Pair silent;
        silent.socket->close(1001, "going away");
        QVERIFY(silent.eofWithin(2000));
        QTRY_VERIFY_WITH_TIMEOUT(silent.recorder.disconnected, 5000); // cut off after 2 s
    }

    void protocolErrorsCloseWithTheirCode()
    {
        Pair pair;
        pair.write(clientFrame(0x1, "unmasked", true, false));
        const auto frames = pair.receive();
        QCOMPARE(frames.size(), 1);
        QCOMPARE(frames[0].opcode, quint8(0x8));
        QCOMPARE(qFromBigEndian<quint16>(frames[0].payload.constData()), closecode::kProtocolError);
        QVERIFY(pair.recorder.texts.isEmpty());
    }

    void aPeerThatStopsReadingKeepsItsQueue()
    {
        // Nothing is read on the client's end: the kernel fills, the rest stays queued and is
        // counted (what the slow-consumer bound looks at), then all of it arrives once read.
        Pair pair;
        const QByteArray big = textFrame(QByteArray(60000, 'q'));
        for (int i = 0; i < 100; ++i)
            pair.socket->send(big);
        QTRY_VERIFY(pair.socket->queuedBytes() < 100 * big.size());
        QVERIFY(pair.socket->queuedBytes() > 0);
        const auto frames = pair.receive(10000, 100);
        QCOMPARE(frames.size(), 100);
        QCOMPARE(pair.socket->queuedBytes(), 0);
    }

    void eofDisconnects()
    {
        Pair pair;
        ::shutdown(pair.client, SHUT_WR);
        QTRY_VERIFY(pair.recorder.disconnected);
    }
};

QTEST_GUILESS_MAIN(TestWsFraming)
#include "tst_wsframing.moc"
