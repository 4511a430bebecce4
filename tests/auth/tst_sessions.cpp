// SPDX-License-Identifier: Apache-2.0
// Natter's own sessions as clients meet them: the development login, access tokens and the
// attacks on them, refresh rotation with reuse detection, logout, the browser cookie and its
// Origin check.
#include "authtest.h"
#include "jwtforge.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;
using namespace natter::testing;

namespace {

const QByteArray kOrigin = "http://localhost:8080";

struct SignedIn
{
    QString userId;
    QString access;
    QString refresh;
    QByteArray cookieLine;
};

} // namespace

class TestSessions : public QObject
{
    Q_OBJECT

    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<ServerProcess> m_server;

    QUrl url(const QString &path) const { return m_server->url(path); }

    SignedIn devLogin(const QString &name)
    {
        HttpClient client;
        forgetCookies(client);
        const auto response =
            client.postJson(url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, name}});
        if (response.status != 200)
            qWarning("dev login failed: %d %s", response.status, response.body.constData());
        const QJsonObject body = response.json();
        return {body.value(u"user"_s).toObject().value(u"id"_s).toString(),
                body.value(u"access_token"_s).toString(), body.value(u"refresh_token"_s).toString(),
                setCookieFor(response, "natter_refresh")};
    }

    HttpResponse me(const QString &accessToken)
    {
        HttpClient client;
        client.setBearer(accessToken);
        return client.get(url(u"/api/v1/me"_s));
    }

    HttpResponse refreshWithBody(const QString &refreshToken)
    {
        HttpClient client;
        forgetCookies(client);
        return client.postJson(url(u"/api/v1/auth/refresh"_s),
                               {{u"refresh_token"_s, refreshToken}});
    }

    HttpResponse refreshWithCookie(const QString &refreshToken, const QByteArray &origin)
    {
        HttpClient client;
        forgetCookies(client);
        client.setHeader("Cookie", "natter_refresh=" + refreshToken.toLatin1());
        if (!origin.isEmpty())
            client.setHeader("Origin", origin);
        return client.post(url(u"/api/v1/auth/refresh"_s), {});
    }

    int liveRefreshRows(const QString &userId)
    {
        QSqlQuery query(m_database->connection());
        query.prepare(u"SELECT count(*) FROM refresh_tokens WHERE user_id = ?::uuid AND "
                      "revoked_at IS NULL AND rotated_at IS NULL"_s);
        query.addBindValue(userId);
        if (!query.exec() || !query.next())
            return -1;
        return query.value(0).toInt();
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->start(m_database->url()));
    }
    void cleanupTestCase()
    {
        if (m_server)
            QCOMPARE(m_server->stop(), 0);
    }

    void providersListTheDevelopmentLogin()
    {
        const auto response = HttpClient().get(url(u"/api/v1/auth/providers"_s));
        QCOMPARE(response.status, 200);
        const QJsonArray providers = response.json().value(u"providers"_s).toArray();
        QVERIFY(providers.contains(
            QJsonObject{{u"id"_s, u"dev"_s}, {u"name"_s, u"Development login"_s}}));
    }

    void devLoginCreatesAUserWithoutUsername()
    {
        HttpClient client;
        forgetCookies(client);
        const auto response =
            client.postJson(url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, u"  Alice Dev "_s}});
        QCOMPARE(response.status, 200);
        const QJsonObject body = response.json();
        QVERIFY(!body.value(u"access_token"_s).toString().isEmpty());
        QVERIFY(!body.value(u"refresh_token"_s).toString().isEmpty());
        QCOMPARE(body.value(u"expires_in"_s).toInt(), 900);
        const QJsonObject user = body.value(u"user"_s).toObject();
        QVERIFY(user.value(u"username"_s).isNull());
        QCOMPARE(user.value(u"display_name"_s).toString(), u"Alice Dev"_s);

        // The cookie carries the same refresh token, with the contract's flags; the public URL
        // is plain-http localhost, so no Secure.
        const QByteArray cookie = setCookieFor(response, "natter_refresh");
        QCOMPARE(cookieValue(response, "natter_refresh"),
                 body.value(u"refresh_token"_s).toString().toLatin1());
        QVERIFY2(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax") &&
                     cookie.contains("; Path=/api/v1/auth"),
                 cookie);
        QVERIFY2(!cookie.contains("Secure"), cookie);

        // The same name is the same identity; a differently spelled one is another.
        QCOMPARE(devLogin(u"Alice Dev"_s).userId, user.value(u"id"_s).toString());
        QVERIFY(devLogin(u"alice dev"_s).userId != user.value(u"id"_s).toString());
    }

    void devLoginRefusesBadNames_data()
    {
        QTest::addColumn<QJsonObject>("body");
        QTest::newRow("empty") << QJsonObject{{u"name"_s, u"  "_s}};
        QTest::newRow("missing") << QJsonObject{};
        QTest::newRow("not a string") << QJsonObject{{u"name"_s, 42}};
        QTest::newRow("control character") << QJsonObject{{u"name"_s, u"a\u0007b"_s}};
        QTest::newRow("too long") << QJsonObject{{u"name"_s, QString(65, u'x')}};
    }
    void devLoginRefusesBadNames()
    {
        QFETCH(QJsonObject, body);
        const auto response = HttpClient().postJson(url(u"/api/v1/auth/dev/login"_s), body);
        QCOMPARE(response.status, 400);
        QCOMPARE(response.errorCode(), u"validation_failed"_s);
    }

    void meAnswersWithTheAccessToken()
    {
        const SignedIn bob = devLogin(u"bob"_s);
        const auto response = me(bob.access);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(u"id"_s).toString(), bob.userId);
        // The dev login name passes the username rules, so it is offered, not claimed.
        QCOMPARE(response.json().value(u"suggested_username"_s).toString(), u"bob"_s);
        QVERIFY(response.json().value(u"username"_s).isNull());
    }

    void tokenAttacksFail_data()
    {
        QTest::addColumn<QString>("kind");
        for (const char *kind :
             {"missing", "not bearer", "garbage", "tampered payload", "tampered signature",
              "alg none", "alg none unsigned", "HS512 with our key", "HS384 with our key",
              "RS256 header with our key", "other key", "expired", "not yet valid", "wrong issuer",
              "refresh as access", "no typ"})
            QTest::newRow(kind) << QString::fromLatin1(kind);
    }
    void tokenAttacksFail()
    {
        QFETCH(QString, kind);
        const SignedIn victim = devLogin(u"Victim"_s);
        const SignedIn attacker = devLogin(u"Attacker"_s);
        QCOMPARE(me(attacker.access).status, 200);
        const QByteArray key(kTestSigningKey);
        const QJsonObject hs256{{u"alg"_s, u"HS256"_s}, {u"typ"_s, u"JWT"_s}};
        QJsonObject claims = natterClaims(victim.userId, u"access"_s);
        const qint64 now = QDateTime::currentSecsSinceEpoch();

        QString token;
        HttpClient client;
        if (kind == "missing"_L1) {
        } else if (kind == "not bearer"_L1) {
            client.setHeader("Authorization", "Basic " + attacker.access.toLatin1());
        } else if (kind == "garbage"_L1) {
            token = u"not.a.jwt"_s;
        } else if (kind == "tampered payload"_L1) {
            // The attacker's own valid token with the victim's id put in.
            const QStringList parts = attacker.access.split(u'.');
            QJsonObject payload = jwtPayload(attacker.access);
            payload.insert(u"sub"_s, victim.userId);
            token = parts[0] + u'.' +
                    QString::fromLatin1(
                        base64Url(QJsonDocument(payload).toJson(QJsonDocument::Compact))) +
                    u'.' + parts[2];
        } else if (kind == "tampered signature"_L1) {
            token = attacker.access;
            const qsizetype last = token.size() - 5;
            token[last] = token[last] == u'A' ? u'B' : u'A';
        } else if (kind == "alg none"_L1) {
            token = forgeJwt({{u"alg"_s, u"none"_s}}, claims, {}, std::nullopt);
        } else if (kind == "alg none unsigned"_L1) {
            token = forgeJwt({{u"alg"_s, u"none"_s}}, claims, {}, std::nullopt);
            token.chop(1); // "header.payload." and "header.payload" are both seen in the wild
        } else if (kind == "HS512 with our key"_L1) {
            token = forgeJwt({{u"alg"_s, u"HS512"_s}}, claims, key, QCryptographicHash::Sha512);
        } else if (kind == "HS384 with our key"_L1) {
            token = forgeJwt({{u"alg"_s, u"HS384"_s}}, claims, key, QCryptographicHash::Sha384);
        } else if (kind == "RS256 header with our key"_L1) {
            // The classic confusion: a verifier that takes the "public key" as an HMAC secret.
            token = forgeJwt({{u"alg"_s, u"RS256"_s}}, claims, key, QCryptographicHash::Sha256);
        } else if (kind == "other key"_L1) {
            token = forgeJwt(hs256, claims, "another-key-that-is-also-at-least-32-bytes",
                             QCryptographicHash::Sha256);
        } else if (kind == "expired"_L1) {
            claims.insert(u"iat"_s, now - 3600);
            claims.insert(u"nbf"_s, now - 3600);
            claims.insert(u"exp"_s, now - 60);
            token = forgeJwt(hs256, claims, key, QCryptographicHash::Sha256);
        } else if (kind == "not yet valid"_L1) {
            claims.insert(u"nbf"_s, now + 3600);
            token = forgeJwt(hs256, claims, key, QCryptographicHash::Sha256);
        } else if (kind == "wrong issuer"_L1) {
            claims.insert(u"iss"_s, u"someone-else"_s);
            token = forgeJwt(hs256, claims, key, QCryptographicHash::Sha256);
        } else if (kind == "refresh as access"_L1) {
            token = victim.refresh;
        } else if (kind == "no typ"_L1) {
            claims.remove(u"typ"_s);
            token = forgeJwt(hs256, claims, key, QCryptographicHash::Sha256);
        }
        if (!token.isEmpty())
            client.setBearer(token);
        const auto response = client.get(url(u"/api/v1/me"_s));
        QCOMPARE(response.status, 401);
        QCOMPARE(response.errorCode(), u"unauthorized"_s);

        // The forging helper itself is sound: the same claims signed properly do work.
        const QString honest = forgeJwt(hs256, natterClaims(victim.userId, u"access"_s), key,
                                        QCryptographicHash::Sha256);
        QCOMPARE(me(honest).status, 200);
    }

    void accessTokenIsNoRefreshToken()
    {
        const SignedIn carol = devLogin(u"Carol"_s);
        QCOMPARE(refreshWithBody(carol.access).status, 401);
        QCOMPARE(refreshWithCookie(carol.access, kOrigin).status, 401);
    }

    void deletedUsersTokensStopWorking()
    {
        const SignedIn gone = devLogin(u"Soon Gone"_s);
        QCOMPARE(me(gone.access).status, 200);
        QSqlQuery query(m_database->connection());
        query.prepare(u"DELETE FROM users WHERE id = ?::uuid"_s);
        query.addBindValue(gone.userId);
        QVERIFY(query.exec());
        QCOMPARE(me(gone.access).status, 401);
        QCOMPARE(refreshWithBody(gone.refresh).status, 401);
    }

    void refreshRotatesAndDetectsReuse()
    {
        const SignedIn dana = devLogin(u"Dana"_s);
        const auto first = refreshWithBody(dana.refresh);
        QCOMPARE(first.status, 200);
        const QString second = first.json().value(u"refresh_token"_s).toString();
        QVERIFY(!second.isEmpty() && second != dana.refresh);
        QCOMPARE(me(first.json().value(u"access_token"_s).toString()).status, 200);
        QCOMPARE(first.json().value(u"user"_s).toObject().value(u"id"_s).toString(), dana.userId);

        const auto rotatedAgain = refreshWithBody(second);
        QCOMPARE(rotatedAgain.status, 200);
        const QString newest = rotatedAgain.json().value(u"refresh_token"_s).toString();
        QCOMPARE(liveRefreshRows(dana.userId), 1);

        // The first token was rotated away: whoever presents it now is either the thief or the
        // victim, so the whole family goes, the newest token included.
        QCOMPARE(refreshWithBody(dana.refresh).status, 401);
        QCOMPARE(refreshWithBody(newest).status, 401);
        QCOMPARE(liveRefreshRows(dana.userId), 0);

        // Another sign-in is another family and is not affected.
        const SignedIn again = devLogin(u"Dana"_s);
        QCOMPARE(refreshWithBody(again.refresh).status, 200);
    }

    void storedTokensAreHashesOnly()
    {
        const SignedIn erin = devLogin(u"Erin"_s);
        QSqlQuery query(m_database->connection());
        query.prepare(
            u"SELECT encode(jti_hash, 'hex') FROM refresh_tokens WHERE user_id = ?::uuid"_s);
        query.addBindValue(erin.userId);
        QVERIFY(query.exec() && query.next());
        const QString stored = query.value(0).toString();
        QCOMPARE(stored.size(), 64);
        const QString jti = jwtPayload(erin.refresh).value(u"jti"_s).toString();
        QVERIFY(!jti.isEmpty());
        QVERIFY(!stored.contains(jti) && !erin.refresh.contains(stored));
    }

    void browserRefreshUsesTheCookieAndChecksOrigin()
    {
        const SignedIn fay = devLogin(u"Fay"_s);
        const QString token = QString::fromLatin1(fay.cookieLine.mid(15).split(';').value(0));
        QCOMPARE(token, fay.refresh);

        QCOMPARE(refreshWithCookie(token, {}).status, 403);
        QCOMPARE(refreshWithCookie(token, "https://evil.example").status, 403);
        QCOMPARE(refreshWithCookie(token, "http://localhost:8080.evil.example").status, 403);

        const auto response = refreshWithCookie(token, kOrigin);
        QCOMPARE(response.status, 200);
        // The browser gets the new refresh token only as an HttpOnly cookie.
        QVERIFY(!response.json().contains(u"refresh_token"_s));
        QVERIFY(!response.json().value(u"access_token"_s).toString().isEmpty());
        const QByteArray next = cookieValue(response, "natter_refresh");
        QVERIFY(!next.isEmpty() && next != token.toLatin1());
        QVERIFY(setCookieFor(response, "natter_refresh").contains("HttpOnly"));

        // Replaying the old cookie revokes the family and clears the cookie.
        const auto replay = refreshWithCookie(token, kOrigin);
        QCOMPARE(replay.status, 401);
        QVERIFY(setCookieFor(replay, "natter_refresh").contains("Max-Age=0"));
        QCOMPARE(refreshWithCookie(QString::fromLatin1(next), kOrigin).status, 401);
    }

    void refreshWithoutAnyToken()
    {
        HttpClient client;
        forgetCookies(client);
        QCOMPARE(client.post(url(u"/api/v1/auth/refresh"_s), {}).status, 401);
        QCOMPARE(client.postJson(url(u"/api/v1/auth/refresh"_s), {{u"refresh_token"_s, u"x.y.z"_s}})
                     .status,
                 401);
    }

    void logoutRevokesTheRefreshToken()
    {
        const SignedIn gus = devLogin(u"Gus"_s);
        HttpClient client;
        forgetCookies(client);
        const auto out =
            client.postJson(url(u"/api/v1/auth/logout"_s), {{u"refresh_token"_s, gus.refresh}});
        QCOMPARE(out.status, 204);
        QVERIFY(setCookieFor(out, "natter_refresh").contains("Max-Age=0"));
        QCOMPARE(refreshWithBody(gus.refresh).status, 401);
        QCOMPARE(liveRefreshRows(gus.userId), 0);
        // Logging out twice is fine.
        QCOMPARE(client.postJson(url(u"/api/v1/auth/logout"_s), {{u"refresh_token"_s, gus.refresh}})
                     .status,
                 204);
    }

    void browserLogoutUsesTheCookie()
    {
        const SignedIn hal = devLogin(u"Hal"_s);
        HttpClient evil;
        forgetCookies(evil);
        evil.setHeader("Cookie", "natter_refresh=" + hal.refresh.toLatin1());
        evil.setHeader("Origin", "https://evil.example");
        QCOMPARE(evil.post(url(u"/api/v1/auth/logout"_s), {}).status, 403);
        QCOMPARE(liveRefreshRows(hal.userId), 1);

        HttpClient browser;
        forgetCookies(browser);
        browser.setHeader("Cookie", "natter_refresh=" + hal.refresh.toLatin1());
        browser.setHeader("Origin", kOrigin);
        QCOMPARE(browser.post(url(u"/api/v1/auth/logout"_s), {}).status, 204);
        QCOMPARE(refreshWithCookie(hal.refresh, kOrigin).status, 401);
    }

    void usernameClaim()
    {
        const SignedIn ivy = devLogin(u"Ivy"_s);
        HttpClient client;
        client.setBearer(ivy.access);
        const QUrl claim = url(u"/api/v1/users/me/username"_s);

        const auto claimed = client.put(claim, {{u"username"_s, u"Ivy_Green"_s}});
        QCOMPARE(claimed.status, 200);
        QCOMPARE(claimed.json().value(u"username"_s).toString(), u"ivy_green"_s);
        QCOMPARE(me(ivy.access).json().value(u"username"_s).toString(), u"ivy_green"_s);
        QVERIFY(!me(ivy.access).json().contains(u"suggested_username"_s));
        // Claiming one's own name again is fine.
        QCOMPARE(client.put(claim, {{u"username"_s, u"ivy_green"_s}}).status, 200);

        const SignedIn jay = devLogin(u"Jay"_s);
        HttpClient other;
        other.setBearer(jay.access);
        const auto taken = other.put(claim, {{u"username"_s, u"IVY_GREEN"_s}});
        QCOMPARE(taken.status, 409);
        QCOMPARE(taken.errorCode(), u"conflict"_s);

        // Changing it does not free the old one for someone else at once: it stays ivy's for
        // 30 days, so nobody can pass as her to those who knew it (issue #11).
        QCOMPARE(client.put(claim, {{u"username"_s, u"ivy_blue"_s}}).status, 200);
        QCOMPARE(other.put(claim, {{u"username"_s, u"ivy_green"_s}}).status, 409);
        QCOMPARE(HttpClient().put(claim, {{u"username"_s, u"nobody_here"_s}}).status, 401);
    }

    void usernameRules_data()
    {
        QTest::addColumn<QJsonValue>("username");
        QTest::newRow("too short") << QJsonValue(u"ab"_s);
        QTest::newRow("too long") << QJsonValue(QString(33, u'a'));
        QTest::newRow("space") << QJsonValue(u"ab cd"_s);
        QTest::newRow("dash") << QJsonValue(u"ab-cd"_s);
        QTest::newRow("dot") << QJsonValue(u"ab.cd"_s);
        QTest::newRow("non-ascii") << QJsonValue(u"ÅSA_1"_s);
        QTest::newRow("reserved admin") << QJsonValue(u"admin"_s);
        QTest::newRow("reserved Root") << QJsonValue(u"Root"_s);
        QTest::newRow("reserved me") << QJsonValue(u"me"_s);
        QTest::newRow("not a string") << QJsonValue(123);
        QTest::newRow("empty") << QJsonValue(u""_s);
    }
    void usernameRules()
    {
        QFETCH(QJsonValue, username);
        const SignedIn kim = devLogin(u"Kim"_s);
        HttpClient client;
        client.setBearer(kim.access);
        const auto response =
            client.put(url(u"/api/v1/users/me/username"_s), {{u"username"_s, username}});
        QCOMPARE(response.status, 400);
        QCOMPARE(response.errorCode(), u"validation_failed"_s);
        QVERIFY(me(kim.access).json().value(u"username"_s).isNull());
    }

    void usernameEdges()
    {
        const SignedIn lee = devLogin(u"Lee"_s);
        HttpClient client;
        client.setBearer(lee.access);
        QCOMPARE(
            client.put(url(u"/api/v1/users/me/username"_s), {{u"username"_s, u"abc"_s}}).status,
            200);
        QCOMPARE(
            client.put(url(u"/api/v1/users/me/username"_s), {{u"username"_s, QString(32, u'z')}})
                .status,
            200);
    }

    void profileEdit()
    {
        const SignedIn max = devLogin(u"Max"_s);
        HttpClient client;
        client.setBearer(max.access);
        const QUrl profile = url(u"/api/v1/users/me"_s);

        auto response = client.postJson(profile, {{u"display_name"_s, u"  Max Power  "_s}});
        QCOMPARE(response.status, 200);
        QCOMPARE(response.json().value(u"display_name"_s).toString(), u"Max Power"_s);

        // Leaving a field out keeps it; null removes the picture (uploaded pictures: tst_uploads;
        // links to other sites are refused below).
        response = client.postJson(profile, {{u"display_name"_s, u"Maximilian"_s}});
        QCOMPARE(response.status, 200);
        response = client.postJson(profile, {{u"avatar_url"_s, QJsonValue::Null}});
        QCOMPARE(response.status, 200);
        QVERIFY(response.json().value(u"avatar_url"_s).isNull());
        QCOMPARE(response.json().value(u"display_name"_s).toString(), u"Maximilian"_s);

        for (const QJsonObject &bad :
             {QJsonObject{{u"display_name"_s, u"   "_s}},
              QJsonObject{{u"display_name"_s, QString(65, u'x')}},
              QJsonObject{{u"display_name"_s, u"tab\there"_s}},
              QJsonObject{{u"avatar_url"_s, u"https://img.example/m.png"_s}},
              QJsonObject{{u"avatar_url"_s, u"http://img.example/m.png"_s}},
              QJsonObject{{u"avatar_url"_s, u"javascript:alert(1)"_s}},
              QJsonObject{{u"avatar_url"_s, u"https://img.example/"_s + QString(2048, u'a')}}}) {
            const auto refused = client.postJson(profile, bad);
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.errorCode(), u"validation_failed"_s);
        }
        QCOMPARE(me(max.access).json().value(u"display_name"_s).toString(), u"Maximilian"_s);
    }

    void devLoginOffByDefault()
    {
        ServerProcess server;
        QProcessEnvironment env;
        env.insert(u"NATTER_DEV_LOGIN"_s, u"0"_s);
        QVERIFY(server.start(m_database->url(), env));
        const auto login =
            HttpClient().postJson(server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, u"x"_s}});
        QCOMPARE(login.status, 404);
        const auto providers = HttpClient().get(server.url(u"/api/v1/auth/providers"_s));
        QCOMPARE(providers.json().value(u"providers"_s).toArray().size(), 0);
        QCOMPARE(server.stop(), 0);
    }

    void secureCookieOutsideLocalhost()
    {
        ServerProcess server;
        QProcessEnvironment env;
        env.insert(u"NATTER_PUBLIC_URL"_s, u"https://chat.example.org"_s);
        // The development login refuses a public URL unless told explicitly (issue #11).
        env.insert(u"NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK"_s, u"1"_s);
        QVERIFY(server.start(m_database->url(), env));
        HttpClient client;
        forgetCookies(client);
        const auto login =
            client.postJson(server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, u"Nia"_s}});
        QCOMPARE(login.status, 200);
        QVERIFY2(setCookieFor(login, "natter_refresh").contains("; Secure"),
                 setCookieFor(login, "natter_refresh"));

        // Only the public URL's origin may use the cookie there.
        client.setHeader("Cookie", "natter_refresh=" + cookieValue(login, "natter_refresh"));
        client.setHeader("Origin", kOrigin);
        QCOMPARE(client.post(server.url(u"/api/v1/auth/refresh"_s), {}).status, 403);
        client.setHeader("Origin", "https://chat.example.org");
        QCOMPARE(client.post(server.url(u"/api/v1/auth/refresh"_s), {}).status, 200);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSessions)
#include "tst_sessions.moc"
