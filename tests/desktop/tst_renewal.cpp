// SPDX-License-Identifier: Apache-2.0
// Issue #11, the client's half: a socket outlives its access token. The server runs with
// NATTER_ACCESS_TOKEN_SECONDS=20, so it sends `auth.expiring` halfway through the token's life;
// the app renews over REST and re-authenticates the same socket. The test proves there was no
// reconnect (no state change, no second `connected`), no 4001 close, and that a message sent
// after the first token's expiry still arrives on that socket.
#include "app/session.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using natter::testing::HttpClient;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;

namespace {

constexpr int kTokenSeconds = 20;
constexpr int kTimeoutMs = 15000;

//! Signs `name` in with the development login (a fresh token each time) and claims the
//! username; returns the user id, empty on failure.
QString webSignIn(HttpClient &http, const ServerProcess &server, const QString &name)
{
    const auto login = http.postJson(server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, name}});
    if (login.status != 200)
        return {};
    http.setBearer(login.json().value(u"access_token"_s).toString());
    http.put(server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, name}});
    return login.json().value(u"user"_s).toObject().value(u"id"_s).toString();
}

} // namespace

class TestRenewal : public QObject
{
    Q_OBJECT

    TestDatabase m_database;
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_database.isValid(), qPrintable(m_database.error()));
        QProcessEnvironment env;
        env.insert(u"NATTER_ACCESS_TOKEN_SECONDS"_s, QString::number(kTokenSeconds));
        QVERIFY(m_server.start(m_database.url(), env));
    }

    void theSocketOutlivesItsFirstToken()
    {
        QTemporaryDir dir;
        Session::Options options;
        options.dataDir = dir.path();
        options.keychain = TokenStore::Mode::MemoryOnly;
        options.openBrowser = [](const QUrl &) { return false; };
        Session alice(std::move(options));
        alice.start();
        alice.setServer(m_server.url({}).toString());
        QTRY_COMPARE_WITH_TIMEOUT(alice.state(), Session::State::SignedOut, kTimeoutMs);
        alice.devSignIn(u"alice"_s);
        QTRY_VERIFY_WITH_TIMEOUT(alice.state() == Session::State::NeedsUsername ||
                                     alice.state() == Session::State::Ready,
                                 kTimeoutMs);
        if (alice.state() == Session::State::NeedsUsername)
            alice.claimUsername(u"alice"_s);
        QTRY_COMPARE_WITH_TIMEOUT(alice.state(), Session::State::Ready, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(alice.connection(), Session::Connection::Online, kTimeoutMs);
        // The socket authenticated with a token issued before this moment, so that token
        // has expired once kTokenSeconds have passed from here.
        const QDateTime firstTokenGone = QDateTime::currentDateTimeUtc().addSecs(kTokenSeconds + 1);

        // Watch the socket from here on: a reconnect would change the state and say
        // `connected` again; a 4001 close would change the state too.
        RealtimeClient *realtime = alice.realtime();
        QSignalSpy states(realtime, &RealtimeClient::stateChanged);
        QSignalSpy reconnected(realtime, &RealtimeClient::connected);
        QSignalSpy renewed(alice.api(), &ApiClient::accessTokenChanged);

        HttpClient bob;
        QVERIFY(!webSignIn(bob, m_server, u"bob"_s).isEmpty());
        const auto created = bob.postJson(m_server.url(u"/api/v1/conversations"_s),
                                          {{u"type"_s, u"dm"_s}, {u"username"_s, u"alice"_s}});
        QVERIFY2(created.status == 201 || created.status == 200, created.body.constData());
        const QString dm = created.json().value(u"id"_s).toString();

        // auth.expiring comes halfway through the token's life; the renewal follows.
        QTRY_VERIFY_WITH_TIMEOUT(!renewed.isEmpty(), kTokenSeconds * 1000);
        // Wait out the first token (the server would have closed an unrenewed socket by now).
        QTRY_VERIFY_WITH_TIMEOUT(QDateTime::currentDateTimeUtc() > firstTokenGone,
                                 (kTokenSeconds + 5) * 1000);

        QSignalSpy received(realtime, &RealtimeClient::messageReceived);
        QVERIFY(!webSignIn(bob, m_server, u"bob"_s).isEmpty()); // bob's own token expired too
        const auto sent = bob.postJson(
            m_server.url(u"/api/v1/conversations/%1/messages"_s.arg(dm)),
            {{u"body_text"_s, u"after the first token"_s},
             {u"client_msg_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}});
        QCOMPARE(sent.status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), kTimeoutMs);
        QCOMPARE(received.constLast().at(0).value<Message>().bodyText, u"after the first token"_s);

        if (!states.isEmpty() || !reconnected.isEmpty())
            qWarning("%s", m_server.logs().right(3000).constData());
        QCOMPARE(states.size(), 0);      // never Connecting/Offline: the socket never dropped
        QCOMPARE(reconnected.size(), 0); // authenticated once, renewed in place
        QCOMPARE(alice.connection(), Session::Connection::Online);
        QCOMPARE(alice.state(), Session::State::Ready);
    }
};

QTEST_MAIN(TestRenewal)
#include "tst_renewal.moc"
