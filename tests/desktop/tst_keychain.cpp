// SPDX-License-Identifier: Apache-2.0
// The token store against a real Secret Service: gnome-keyring-daemon on a private session bus
// (tests/desktop/with-keyring.sh), a real natter-server. The refresh token lives in the keyring
// and nowhere on disk in the clear; the next start resumes from it; sign-out removes it.
#include "app/session.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QDBusConnection>
#include <QDBusConnectionInterface>
#include <QDirIterator>
#include <qt6keychain/keychain.h>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;

namespace {

constexpr int kTimeoutMs = 15000;

//! What the keyring holds for `account`, read the way any other client of it would.
std::optional<QString> keyringEntry(const QString &account)
{
    QKeychain::ReadPasswordJob job(u"Natter"_s);
    job.setAutoDelete(false);
    job.setKey(account);
    job.setInsecureFallback(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
    if (job.error() != QKeychain::NoError)
        return std::nullopt;
    return job.textData();
}

bool anyFileContains(const QString &dir, const QByteArray &needle)
{
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(needle))
            return true;
    }
    return false;
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<Session> newSession(const QString &dataDir)
    {
        Session::Options options;
        options.dataDir = dataDir;
        options.keychain = TokenStore::Mode::Keychain;
        return std::make_unique<Session>(std::move(options));
    }

    TestDatabase m_database;
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QDBusConnection bus = QDBusConnection::sessionBus();
        if (!bus.isConnected())
            QSKIP("no D-Bus session bus (run through tests/desktop/with-keyring.sh)");
        QTRY_VERIFY_WITH_TIMEOUT(
            bus.interface()->isServiceRegistered(u"org.freedesktop.secrets"_s).value(), 10000);
        QVERIFY2(m_database.isValid(), qPrintable(m_database.error()));
        QVERIFY(m_server.start(m_database.url()));
    }

    // #16 item 5: the keychain path, exercised for real.
    void refreshTokenLivesInTheKeyringOnly()
    {
        QTemporaryDir dir;
        const QString account = m_server.url({}).toString();
        QString token;
        {
            auto session = newSession(dir.path());
            session->start();
            session->setServer(account);
            QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::SignedOut, kTimeoutMs);
            session->devSignIn(u"kim"_s);
            QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::NeedsUsername, kTimeoutMs);
            session->claimUsername(u"kim"_s);
            QTRY_COMPARE_WITH_TIMEOUT(session->state(), Session::State::Ready, kTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(session->connection(), Session::Connection::Online,
                                      kTimeoutMs);
            QVERIFY2(session->keychainAvailable(), qPrintable(session->keychainMessage()));
            // The token may rotate once more while connecting: the keyring follows each one.
            QTRY_COMPARE_WITH_TIMEOUT(keyringEntry(account).value_or(QString()),
                                      session->api()->refreshToken(), kTimeoutMs);
            token = session->api()->refreshToken();
            QVERIFY(!token.isEmpty());
        }
        // Not in the app's data folder, and not in the clear anywhere in the home (the login
        // keyring file is encrypted with the unlock password).
        QVERIFY(!anyFileContains(dir.path(), token.toUtf8()));
        QVERIFY(!anyFileContains(QDir::homePath(), token.toUtf8()));

        // The next start signs in from the keyring, without asking.
        auto session = newSession(dir.path());
        session->start();
        QTRY_COMPARE_WITH_TIMEOUT(session->connection(), Session::Connection::Online, kTimeoutMs);
        QCOMPARE(session->state(), Session::State::Ready);
        QCOMPARE(session->username(), u"kim"_s);
        // The renewal rotated the token; the keyring holds the new one.
        QVERIFY(session->api()->refreshToken() != token);
        QTRY_COMPARE_WITH_TIMEOUT(keyringEntry(account).value_or(QString()),
                                  session->api()->refreshToken(), kTimeoutMs);

        // A keychain that answered stays in use past the read's deadline (5 s), so later
        // rotations still reach it (it used to be declared gone once the deadline passed).
        QTest::qWait(6000);
        QVERIFY2(session->keychainAvailable(), qPrintable(session->keychainMessage()));
        const QString beforeRotation = session->api()->refreshToken();
        bool rotated = false;
        session->api()->refresh(session.get(), [&](Status status) { rotated = status.ok(); });
        QTRY_VERIFY_WITH_TIMEOUT(rotated, kTimeoutMs);
        QVERIFY(session->api()->refreshToken() != beforeRotation);
        QTRY_COMPARE_WITH_TIMEOUT(keyringEntry(account).value_or(QString()),
                                  session->api()->refreshToken(), kTimeoutMs);

        // Signing out while a renewal is on its way: its answer must not put a token back.
        bool answered = false;
        session->api()->refresh(session.get(), [&](Status) { answered = true; });
        session->signOut();
        QTRY_VERIFY_WITH_TIMEOUT(answered, kTimeoutMs);
        QVERIFY(!session->api()->hasSession());
        QTRY_VERIFY_WITH_TIMEOUT(!keyringEntry(account).has_value(), kTimeoutMs);
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
