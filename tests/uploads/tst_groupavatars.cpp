// SPDX-License-Identifier: Apache-2.0
// A group's picture (issue 18) through two real natter-server processes on one PostgreSQL and
// one data folder: only the group's admins set and remove it, with the checks every upload
// gets; only its members read it; every member's socket, on either process, hears of it as a
// system line; a DM has none.
#include "chatfixture.h"
#include "httpclient.h"
#include "imagesamples.h"
#include "rawhttp.h"
#include "serverprocess.h"
#include "testdatabase.h"
#include "wsclient.h"

#include <QDir>
#include <QImage>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

namespace {

//! The system line with `event` that arrives next on `socket`.
std::optional<Frame> nextSystemLine(WsClient &socket, const QString &event)
{
    return socket.waitFor(
        [&event](const Frame &frame) {
            return frame.type == u"message.new"_s &&
                   frame.data[u"message"_s][u"system"_s][u"event"_s].toString() == event;
        },
        10000);
}

} // namespace

class TestGroupAvatars : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dataDir;
    std::unique_ptr<TestDatabase> m_database;
    ServerProcess m_first, m_second;
    std::unique_ptr<ChatFixture> m_chat;
    TestUser m_ana, m_ben, m_cara;
    QUuid m_group;

    //! `as` calling `method` on `apiPath` of `server`, with `body` of `contentType`.
    HttpResponse call(const ServerProcess &server, const TestUser &as, const QByteArray &method,
                      const QString &apiPath, const QByteArray &body = {},
                      const QByteArray &contentType = "image/jpeg")
    {
        HttpClient client;
        client.setBearer(as.token);
        return client.send(method, server.url(u"/api/v1"_s + apiPath), body, contentType);
    }

    HttpResponse setPicture(const ServerProcess &server, const TestUser &as, const QUuid &group,
                            const QByteArray &image, const QByteArray &contentType = "image/jpeg")
    {
        return call(server, as, "PUT", u"/conversations/%1/avatar"_s.arg(idText(group)), image,
                    contentType);
    }

    HttpResponse removePicture(const ServerProcess &server, const TestUser &as, const QUuid &group)
    {
        return call(server, as, "DELETE", u"/conversations/%1/avatar"_s.arg(idText(group)));
    }

    HttpResponse fetch(const ServerProcess &server, const TestUser &as, const QString &path)
    {
        HttpClient client;
        client.setBearer(as.token);
        return client.get(server.url(path));
    }

    //! Every stored file (uploads and their small versions) in the shared data folder.
    int storedFileCount()
    {
        int count = 0;
        QDir root(m_dataDir.path() + u"/uploads"_s);
        const auto folders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &folder : folders)
            count += int(QDir(root.filePath(folder)).entryList(QDir::Files).size());
        return count;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        m_database = std::make_unique<TestDatabase>();
        QVERIFY2(m_database->isValid(), qPrintable(m_database->error()));
        QProcessEnvironment env;
        env.insert(u"NATTER_DATA_DIR"_s, m_dataDir.path());
        env.insert(u"NATTER_MAX_UPLOAD_BYTES"_s, QString::number(2 * 1024 * 1024));
        QVERIFY(m_first.start(m_database->url(), env));
        QVERIFY(m_first.waitForHealth(200, 15000));
        QVERIFY(m_second.start(m_database->url(), env));
        QVERIFY(m_second.waitForHealth(200, 15000));
        m_chat = std::make_unique<ChatFixture>(*m_database);
        m_ana = m_chat->user(u"ana"_s);
        m_ben = m_chat->user(u"ben"_s);
        m_cara = m_chat->user(u"cara"_s);
        m_group = m_chat->group(m_ana, {m_ben});
    }

    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning("first server log:\n%s\nsecond server log:\n%s", m_first.logs().constData(),
                     m_second.logs().constData());
    }

    void anAdminSetsReplacesAndRemovesThePictureEveryMemberSees()
    {
        WsClient benSocket;
        QVERIFY(benSocket.connectAs(m_second.socketUrl(), m_ben.token));
        QVERIFY(benSocket.request(u"room.join"_s, {{u"conversation_id"_s, idText(m_group)}}));
        const QString groupPath = u"/conversations/"_s + idText(m_group);
        QVERIFY(call(m_first, m_ana, "GET", groupPath).json()[u"avatar_url"_s].isNull());

        // Ana sets a photo through the first process.
        const QByteArray photo = samples::jpegWithExif(900, 600, 1);
        QVERIFY(photo.contains(samples::kSecret));
        const auto set = setPicture(m_first, m_ana, m_group, photo);
        QCOMPARE(set.status, 200);
        QCOMPARE(set.json()[u"id"_s].toString(), idText(m_group));
        const QString url = set.json()[u"avatar_url"_s].toString();
        QVERIFY2(url.startsWith(u"/api/v1/conversations/%1/avatar/"_s.arg(idText(m_group))),
                 qPrintable(url));

        // Ben, on the other process, hears of it as a line in the timeline, and the
        // conversation he then reloads points at the picture.
        const auto line = nextSystemLine(benSocket, u"avatar_changed"_s);
        QVERIFY(line);
        QCOMPARE(line->data[u"message"_s][u"kind"_s].toString(), u"system"_s);
        QCOMPARE(line->data[u"message"_s][u"body_text"_s].toString(),
                 u"ana changed the group picture"_s);
        QCOMPARE(line->data[u"message"_s][u"system"_s][u"actor_id"_s].toString(), idText(m_ana.id));
        QCOMPARE(call(m_second, m_ben, "GET", groupPath).json()[u"avatar_url"_s].toString(), url);
        const auto listed = call(m_second, m_ben, "GET", u"/conversations"_s).json();
        QCOMPARE(listed[u"conversations"_s][0][u"avatar_url"_s].toString(), url);

        // Ben reads it, small and without the photo's metadata, for his eyes only.
        const auto image = fetch(m_second, m_ben, url);
        QCOMPARE(image.status, 200);
        QCOMPARE(image.headers.value("content-type"), "image/jpeg"_ba);
        QVERIFY(!image.body.contains(samples::kSecret));
        QCOMPARE(QImage::fromData(image.body).size(), QSize(320, 213));
        QVERIFY(image.headers.value("cache-control").startsWith("private"));
        QCOMPARE(image.headers.value("x-content-type-options"), "nosniff"_ba);
        QVERIFY(image.headers.value("content-security-policy").contains("sandbox"));
        // Cara is not a member: the same answer as for a picture that does not exist.
        QCOMPARE(fetch(m_second, m_cara, url).status, 404);
        QCOMPARE(fetch(m_first, m_cara, url).status, 404);
        QCOMPARE(HttpClient().get(m_first.url(url)).status, 401);

        // A new picture gets a new address; the old one is gone.
        const auto replaced =
            setPicture(m_second, m_ana, m_group,
                       samples::encode(samples::picture(100, 100, true), "png"), "image/png");
        QCOMPARE(replaced.status, 200);
        const QString newUrl = replaced.json()[u"avatar_url"_s].toString();
        QVERIFY(!newUrl.isEmpty() && newUrl != url);
        QVERIFY(nextSystemLine(benSocket, u"avatar_changed"_s));
        QCOMPARE(fetch(m_first, m_ben, url).status, 404);
        const auto png = fetch(m_first, m_ben, newUrl);
        QCOMPARE(png.status, 200);
        QCOMPARE(png.headers.value("content-type"), "image/png"_ba);

        // Removed: back to the initials, said in the timeline, the picture gone for everyone.
        const auto removed = removePicture(m_first, m_ana, m_group);
        QCOMPARE(removed.status, 200);
        QVERIFY(removed.json()[u"avatar_url"_s].isNull());
        const auto removedLine = nextSystemLine(benSocket, u"avatar_removed"_s);
        QVERIFY(removedLine);
        QCOMPARE(removedLine->data[u"message"_s][u"body_text"_s].toString(),
                 u"ana removed the group picture"_s);
        QCOMPARE(fetch(m_second, m_ben, newUrl).status, 404);
        QVERIFY(call(m_second, m_ben, "GET", groupPath).json()[u"avatar_url"_s].isNull());
        // Removing nothing changes nothing and says nothing.
        QCOMPARE(removePicture(m_second, m_ana, m_group).status, 200);
        QVERIFY(benSocket.drain(u"message.new"_s, 500).isEmpty());
    }

    void onlyTheGroupsAdminsMayChangeIt()
    {
        const QByteArray image = samples::encode(samples::picture(64, 64), "png");
        const int filesBefore = storedFileCount();

        // A member: forbidden, and the checked picture is not kept.
        const auto member = setPicture(m_first, m_ben, m_group, image, "image/png");
        QCOMPARE(member.status, 403);
        QCOMPARE(member.errorCode(), u"forbidden"_s);
        QCOMPARE(removePicture(m_second, m_ben, m_group).status, 403);
        // Someone outside: the group does not exist for them.
        const auto stranger = setPicture(m_second, m_cara, m_group, image, "image/png");
        QCOMPARE(stranger.status, 404);
        QCOMPARE(stranger.errorCode(), u"not_found"_s);
        QCOMPARE(removePicture(m_first, m_cara, m_group).status, 404);
        QCOMPARE(setPicture(m_first, m_ana, QUuid::createUuid(), image, "image/png").status, 404);
        QCOMPARE(
            call(m_first, m_ana, "PUT", u"/conversations/not-an-id/avatar"_s, image, "image/png")
                .status,
            404);
        QCOMPARE(storedFileCount(), filesBefore);

        // Both are answered from the request head alone: no body needs to be sent.
        for (const auto &[who, status] : {std::pair{m_ben, "403"}, std::pair{m_cara, "404"}}) {
            RawHttp http;
            QVERIFY(http.connectTo(m_second.port()));
            QVERIFY(
                http.write("PUT /api/v1/conversations/"_ba + idText(m_group).toLatin1() +
                           "/avatar HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "_ba +
                           who.token.toLatin1() +
                           "\r\nContent-Type: image/png\r\nContent-Length: 1000000\r\n\r\n"_ba));
            const QByteArray answer = http.readUntilClosed(5000);
            QVERIFY2(answer.startsWith("HTTP/1.1 "_ba + status), answer.constData());
        }

        // A DM shows the other person's own picture: asking to set one is a wrong request.
        const QUuid dm = m_chat->dm(m_ana, m_cara);
        const auto direct = setPicture(m_first, m_ana, dm, image, "image/png");
        QCOMPARE(direct.status, 400);
        QCOMPARE(direct.errorCode(), u"validation_failed"_s);
        QVERIFY(direct.json()[u"error"_s][u"fields"_s].toObject().contains(u"conversation"_s));
        QCOMPARE(removePicture(m_second, m_cara, dm).status, 400);
        QVERIFY(call(m_first, m_ana, "GET", u"/conversations/"_s + idText(dm))
                    .json()[u"avatar_url"_s]
                    .isNull());
        QCOMPARE(storedFileCount(), filesBefore);
    }

    void whatIsNotASafeImageIsRefused()
    {
        // A web page named .png is refused from its first bytes, as any upload is.
        const auto html =
            setPicture(m_first, m_ana, m_group,
                       "<!DOCTYPE html><html><script>alert(1)</script></html>"_ba, "image/png");
        QCOMPARE(html.status, 415);
        QCOMPARE(html.errorCode(), u"unsupported_media_type"_s);
        // A PNG that claims 40 GB of pixels is refused from its header, never decoded.
        const auto bomb =
            setPicture(m_second, m_ana, m_group, samples::pngBomb(100000, 100000), "image/png");
        QCOMPARE(bomb.status, 413);
        QVERIFY(call(m_first, m_ana, "GET", u"/conversations/"_s + idText(m_group))
                    .json()[u"avatar_url"_s]
                    .isNull());
    }

    void thePictureStaysWithTheGroupWhenItsSetterLeaves()
    {
        const QUuid group = m_chat->group(m_ana, {m_ben, m_cara});
        const auto set =
            setPicture(m_first, m_ana, group, samples::encode(samples::picture(80, 60), "jpeg"));
        QCOMPARE(set.status, 200);
        const QString url = set.json()[u"avatar_url"_s].toString();
        QCOMPARE(call(m_first, m_ana, "DELETE",
                      u"/conversations/%1/members/%2"_s.arg(idText(group), idText(m_ana.id)))
                     .status,
                 204);
        // Ana is out: she no longer sees it; those who stay still do.
        QCOMPARE(fetch(m_first, m_ana, url).status, 404);
        QCOMPARE(fetch(m_second, m_cara, url).status, 200);
    }

    void thePictureStaysWithTheGroupWhenItsSetterDeletesTheirAccount()
    {
        const TestUser dora = m_chat->user(u"dora"_s);
        const QUuid group = m_chat->group(dora, {m_ben});
        const auto set = setPicture(m_first, dora, group,
                                    samples::encode(samples::picture(60, 60), "png"), "image/png");
        QCOMPARE(set.status, 200);
        const QString url = set.json()[u"avatar_url"_s].toString();
        QCOMPARE(call(m_first, dora, "DELETE", u"/users/me"_s, R"({"confirm_username":"dora"})"_ba,
                      "application/json")
                     .status,
                 204);
        // Her own avatar and loose uploads go with her account; the group's picture does not.
        QCOMPARE(fetch(m_second, m_ben, url).status, 200);
        QCOMPARE(call(m_second, m_ben, "GET", u"/conversations/"_s + idText(group))
                     .json()[u"avatar_url"_s]
                     .toString(),
                 url);
    }
};

QTEST_GUILESS_MAIN(TestGroupAvatars)
#include "tst_groupavatars.moc"
