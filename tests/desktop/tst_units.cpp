// SPDX-License-Identifier: Apache-2.0
// The desktop core's pieces that need no server: backoff, ordering, PKCE, error mapping and
// the loopback redirect listener.
#include "api/apiclient.h"
#include "auth/loopbackreceiver.h"
#include "auth/pkcechallenge.h"
#include "realtime/backoff.h"
#include "realtime/messagesequencer.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;

namespace {

const QUuid kConversation = QUuid::fromString(u"00000000-0000-0000-0000-0000000000c1"_s);

Message message(qint64 seq)
{
    Message m;
    m.id = QUuid::createUuid();
    m.conversationId = kConversation;
    m.seq = seq;
    m.bodyText = u"m"_s;
    return m;
}

QList<qint64> seqs(const QList<Message> &messages)
{
    QList<qint64> result;
    for (const Message &m : messages)
        result.append(m.seq);
    return result;
}

} // namespace

class TestUnits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backoffGrowsWithJitterUpToTheCeiling()
    {
        Backoff backoff(500, 8000);
        QList<int> delays;
        for (int attempt = 0; attempt < 8; ++attempt) {
            const int ceiling = backoff.ceilingMs(attempt);
            const int delay = backoff.nextDelayMs();
            QVERIFY2(delay >= ceiling / 2 && delay <= ceiling, qPrintable(QString::number(delay)));
            delays.append(delay);
        }
        QCOMPARE(backoff.ceilingMs(0), 500);
        QCOMPARE(backoff.ceilingMs(3), 4000);
        QCOMPARE(backoff.ceilingMs(10), 8000);
        backoff.reset();
        QVERIFY(backoff.nextDelayMs() <= 500);

        // Jitter: many clients at the same attempt do not all pick one delay.
        QSet<int> distinct;
        for (int i = 0; i < 50; ++i) {
            Backoff client(500, 30000);
            (void)client.nextDelayMs();
            (void)client.nextDelayMs();
            distinct.insert(client.nextDelayMs());
        }
        QVERIFY(distinct.size() > 10);
    }

    void sequencerOrdersAndDropsDuplicates()
    {
        MessageSequencer sequencer;
        sequencer.setKnownSeq(kConversation, 3);
        QVERIFY(sequencer.offer(message(3)).ready.isEmpty()); // already known
        QCOMPARE(seqs(sequencer.offer(message(4)).ready), QList<qint64>{4});

        const auto gap = sequencer.offer(message(7));
        QVERIFY(gap.ready.isEmpty());
        QCOMPARE(gap.gapAfter, std::optional<qint64>(4));
        QVERIFY(!sequencer.offer(message(6)).gapAfter); // one gap is reported once
        QCOMPARE(seqs(sequencer.offer(message(5)).ready), (QList<qint64>{5, 6, 7}));
        QVERIFY(!sequencer.isHolding(kConversation));
        QVERIFY(sequencer.offer(message(6)).ready.isEmpty());
        QCOMPARE(sequencer.knownSeq(kConversation), 7);
    }

    void sequencerReleasesAGapThatCannotBeFilled()
    {
        MessageSequencer sequencer;
        sequencer.setKnownSeq(kConversation, 1);
        (void)sequencer.offer(message(4));
        (void)sequencer.offer(message(3));
        QCOMPARE(seqs(sequencer.releaseHeld(kConversation)), (QList<qint64>{3, 4}));
        QCOMPARE(sequencer.knownSeq(kConversation), 4);
        QCOMPARE(seqs(sequencer.offer(message(5)).ready), QList<qint64>{5});
    }

    void sequencerTakesTheFirstMessageOfAnUnknownConversation()
    {
        MessageSequencer sequencer;
        QCOMPARE(seqs(sequencer.offer(message(42)).ready), QList<qint64>{42});
        QCOMPARE(seqs(sequencer.offer(message(43)).ready), QList<qint64>{43});
    }

    void pkceMatchesRfc7636()
    {
        // RFC 7636, appendix B.
        QCOMPARE(Pkce::challengeFor(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
                 u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
        const Pkce a = Pkce::generate();
        const Pkce b = Pkce::generate();
        QCOMPARE(a.verifier.size(), 43);
        QVERIFY(a.verifier != b.verifier);
        QCOMPARE(a.challenge, Pkce::challengeFor(a.verifier));
        QVERIFY(!a.verifier.contains(u'='));
    }

    void errorsMapToTheContractsCodes()
    {
        const QByteArray body =
            R"({"error":{"code":"validation_failed","message":"bad","fields":{"username":"too short"}}})";
        auto error = ApiClient::errorOf(400, QNetworkReply::ProtocolInvalidOperationError, body);
        QVERIFY(error);
        QCOMPARE(error->code, ErrorCode::ValidationFailed);
        QCOMPARE(error->fields.value(u"username"_s), u"too short"_s);

        error = ApiClient::errorOf(429, QNetworkReply::UnknownContentError, {});
        QCOMPARE(error->code, ErrorCode::RateLimited);
        error = ApiClient::errorOf(502, QNetworkReply::UnknownServerError, "<html>");
        QCOMPARE(error->code, ErrorCode::Unavailable);
        error = ApiClient::errorOf(0, QNetworkReply::ConnectionRefusedError, {});
        QCOMPARE(error->code, ErrorCode::Unavailable);
        QVERIFY(!ApiClient::errorOf(204, QNetworkReply::NoError, {}));
    }

    void apiClientReportsAnUnreachableServer()
    {
        // A port nobody listens on: the answer is `unavailable`, not a hang or a crash.
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close();
        ApiClient api;
        api.setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        std::optional<ErrorCode> code;
        api.me(this, [&](Result<QJsonObject> answer) {
            code = answer ? ErrorCode::Internal : answer.error().code;
        });
        QTRY_VERIFY(code.has_value());
        QCOMPARE(*code, ErrorCode::Unavailable);
        QCOMPARE(api.socketUrl().toString(), u"ws://127.0.0.1:%1/api/v1/ws"_s.arg(port));
    }

    void loopbackReceiverHandsOverTheCode()
    {
        LoopbackReceiver receiver;
        QVERIFY(receiver.listen());
        const QUrl redirect = receiver.redirectUri();
        QCOMPARE(redirect.host(), u"127.0.0.1"_s);
        QVERIFY(redirect.port() > 0);
        QCOMPARE(redirect.path(), u"/callback"_s);
        QSignalSpy codes(&receiver, &LoopbackReceiver::codeReceived);

        QNetworkAccessManager network;
        QUrl wrong = redirect;
        wrong.setPath(u"/favicon.ico"_s);
        QNetworkReply *notFound = network.get(QNetworkRequest(wrong));
        QTRY_VERIFY(notFound->isFinished());
        QCOMPARE(notFound->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        QCOMPARE(codes.size(), 0);

        receiver.setExpectedState(u"s-1"_s);
        QUrl forged = redirect;
        forged.setQuery(u"code=evil&state=guess"_s);
        QNetworkReply *refused = network.get(QNetworkRequest(forged));
        QTRY_VERIFY(refused->isFinished());
        QCOMPARE(refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 400);
        QCOMPARE(codes.size(), 0);
        QVERIFY(receiver.isListening());
        delete refused;

        QUrl callback = redirect;
        callback.setQuery(u"code=abc%2B123&state=s-1"_s);
        QNetworkReply *reply = network.get(QNetworkRequest(callback));
        QTRY_VERIFY(reply->isFinished());
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(codes.size(), 1);
        QCOMPARE(codes.at(0).at(0).toString(), u"abc+123"_s);
        // One code per sign-in: the port is closed afterwards.
        QVERIFY(!receiver.isListening());
        delete notFound;
        delete reply;
    }
};

QTEST_GUILESS_MAIN(TestUnits)
#include "tst_units.moc"
