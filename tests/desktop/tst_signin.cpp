// SPDX-License-Identifier: Apache-2.0
// "Sign in with GitHub" as the desktop app does it (RFC 8252): the app opens the browser at
// the server's start URL with its PKCE challenge, state and loopback redirect; a browser (here
// the auth tests' OAuthBrowser) goes through a local GitHub-shaped provider and lands on the
// app's loopback listener; the app exchanges the code at POST /auth/token.
#include "app/session.h"
#include "fakeprovider.h"
#include "oauthbrowser.h"
#include "testdatabase.h"

#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using namespace natter::testing;

class TestSignIn : public QObject
{
    Q_OBJECT

    std::unique_ptr<FakeProvider> m_provider;
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;

    std::unique_ptr<Session> newSession(const QString &dir,
                                        std::function<bool(const QUrl &)> browser)
    {
        Session::Options options;
        options.dataDir = dir;
        options.keychain = TokenStore::Mode::MemoryOnly;
        options.openBrowser = std::move(browser);
        auto session = std::make_unique<Session>(std::move(options));
        session->start();
        session->setServer(m_server->url({}).toString());
        return session;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_provider = std::make_unique<FakeProvider>();
        QVERIFY(m_provider->start());
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_database->url(), m_provider->serverEnvironment()));
    }

    void providersAreOffered()
    {
        QTemporaryDir dir;
        auto session = newSession(dir.path(), {});
        QTRY_VERIFY_WITH_TIMEOUT(!session->providers().isEmpty(), 10000);
        QCOMPARE(session->providers().at(0).toMap().value(u"id"_s).toString(), u"github"_s);
    }

    void signInThroughTheBrowser()
    {
        QTemporaryDir dir;
        QUrl opened;
        QUrl loopback;
        auto browser = [&](const QUrl &url) {
            opened = url;
            // The browser works on its own time: after the app went back to its event loop.
            QTimer::singleShot(0, this, [&, url] {
                OAuthBrowser steps(*m_server);
                const auto back = steps.signIn(url.path().section(u'/', -2, -2), QUrlQuery(url));
                loopback = QUrl::fromEncoded(back.headers.value("location"));
                HttpClient tab;
                (void)tab.get(loopback);
            });
            return true;
        };
        auto session = newSession(dir.path(), browser);
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::SignedOut, 10000);
        session->signInWith(u"github"_s);
        QCOMPARE(session->state(), Session::State::SigningIn);

        const QUrlQuery start(opened);
        QCOMPARE(opened.path(), u"/api/v1/auth/github/start"_s);
        QCOMPARE(start.queryItemValue(u"client"_s), u"desktop"_s);
        QCOMPARE(start.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
        QCOMPARE(start.queryItemValue(u"code_challenge"_s).size(), 43);
        QVERIFY(!start.queryItemValue(u"state"_s).isEmpty());
        const QUrl redirect(start.queryItemValue(u"redirect_uri"_s, QUrl::FullyDecoded));
        QCOMPARE(redirect.host(), u"127.0.0.1"_s);

        QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::NeedsUsername, 15000);
        QCOMPARE(loopback.port(), redirect.port());
        QCOMPARE(session->displayName(), u"The Octocat"_s);
        QVERIFY(!session->api()->refreshToken().isEmpty());
        // #20 item 7: /me's suggestion (the GitHub login octo-cat) pre-fills the username page.
        QTRY_COMPARE_WITH_TIMEOUT(session->suggestedUsername(), u"octo_cat"_s, 10000);

        session->claimUsername(u"octocat"_s);
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::Ready, 10000);
        QCOMPARE(session->username(), u"octocat"_s);
    }

    void aTakenUsernameIsExplained()
    {
        QTemporaryDir dir;
        auto session = newSession(dir.path(), {});
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::SignedOut, 10000);
        session->devSignIn(u"someone"_s);
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::NeedsUsername, 10000);
        session->claimUsername(u"octocat"_s);
        QTRY_VERIFY_WITH_TIMEOUT(session->errorText().contains(u"taken"_s), 10000);
        session->claimUsername(u"x"_s); // checked before it is sent, in the server's words
        QVERIFY(!session->errorText().isEmpty());
        QCOMPARE(session->state(), Session::State::NeedsUsername);
    }

    void signOutRevokesTheSession()
    {
        QTemporaryDir dir;
        auto session = newSession(dir.path(), {});
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::SignedOut, 10000);
        session->devSignIn(u"leaver"_s);
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::NeedsUsername, 10000);
        const QString refreshToken = session->api()->refreshToken();
        session->signOut();
        QCOMPARE(session->state(), Session::State::SignedOut);
        QVERIFY(session->api()->refreshToken().isEmpty());
        // The server revoked it: it never works again.
        HttpClient client;
        QTRY_COMPARE_WITH_TIMEOUT(client
                                      .postJson(m_server->url(u"/api/v1/auth/refresh"_s),
                                                {{u"refresh_token"_s, refreshToken}})
                                      .status,
                                  401, 10000);
    }

    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSignIn)
#include "tst_signin.moc"
