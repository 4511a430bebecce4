// SPDX-License-Identifier: Apache-2.0
// Uploads through a real server on a real PostgreSQL: types from the bytes, the size cap at the
// socket, stalled clients, the decompression bomb, metadata stripped from what is served,
// thumbnails, who may read a file, and the sweep of uploads nobody attached.
#include "../realtime/wsclient.h"
#include "chatfixture.h"
#include "imagesamples.h"
#include "rawhttp.h"

#include "db/sql.h"

#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::testing;

class TestUploads : public QObject
{
    Q_OBJECT

    static constexpr qint64 kCap = 2 * 1024 * 1024;

    QTemporaryDir m_dataDir;
    ChatFixture m_chat;
    Account m_alice, m_bob;

    HttpResponse upload(const Account &as, const QByteArray &bytes, const QString &name = {},
                        const QByteArray &contentType = "image/png")
    {
        QUrl url = m_chat.url(u"/uploads"_s);
        if (!name.isEmpty())
            url.setQuery(QUrlQuery{{u"name"_s, name}});
        return ChatFixture::client(as)->send("POST", url, bytes, contentType);
    }

    HttpResponse fetch(const Account &as, const QString &path)
    {
        return ChatFixture::client(as)->get(m_chat.server().url(path));
    }

    //! Sends `head` (and `body`) on a raw connection and returns the server's answer.
    QByteArray raw(const QByteArray &head, const QByteArray &body = {}, int timeoutMs = 5000)
    {
        RawHttp http;
        if (!http.connectTo(m_chat.server().port()))
            return {};
        http.write(head + body);
        return http.readUntilClosed(timeoutMs);
    }

    QByteArray uploadHead(const Account &as, qint64 length)
    {
        return "POST /api/v1/uploads HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "_ba +
               as.token.toLatin1() + "\r\nContent-Type: image/png\r\nContent-Length: "_ba +
               QByteArray::number(length) + "\r\n\r\n"_ba;
    }

    QStringList storedFiles()
    {
        QStringList files;
        QDir root(m_dataDir.path() + u"/uploads"_s);
        const auto folders = root.entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString &folder : folders)
            files += QDir(root.filePath(folder)).entryList(QDir::Files);
        return files;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        QProcessEnvironment env;
        env.insert(u"NATTER_DATA_DIR"_s, m_dataDir.path());
        env.insert(u"NATTER_MAX_UPLOAD_BYTES"_s, QString::number(kCap));
        // A body that pauses for 3 s is dropped (three header timeouts).
        env.insert(u"NATTER_HTTP_HEADER_TIMEOUT"_s, u"1"_s);
        env.insert(u"NATTER_UPLOAD_SWEEP_SECONDS"_s, u"1"_s);
        QVERIFY(m_chat.start(env));
        m_alice = m_chat.createUser(u"alice"_s);
        m_bob = m_chat.createUser(u"bob"_s);
    }
    void cleanupTestCase() { m_chat.stop(); }
    void cleanup()
    {
        const QByteArray logs = m_chat.server().logs();
        if (QTest::currentTestFailed())
            qWarning("server log:\n%s", logs.constData());
    }

    void aPngNamedJpgIsAPng()
    {
        const auto reply = upload(m_alice, samples::encode(samples::picture(120, 80), "png"),
                                  u"holiday.jpg"_s, "image/jpeg");
        QCOMPARE(reply.status, 201);
        const QJsonObject attachment = reply.json();
        QCOMPARE(attachment[u"content_type"_s].toString(), u"image/png"_s);
        QCOMPARE(attachment[u"width"_s].toInt(), 120);
        QCOMPARE(attachment[u"height"_s].toInt(), 80);
        QCOMPARE(attachment[u"name"_s].toString(), u"holiday.jpg"_s);
        const QString id = attachment[u"id"_s].toString();
        QCOMPARE(attachment[u"url"_s].toString(), u"/api/v1/uploads/"_s + id);
        QCOMPARE(attachment[u"thumbnail_url"_s].toString(),
                 u"/api/v1/uploads/%1/thumbnail"_s.arg(id));
        QVERIFY(attachment[u"size"_s].toInteger() > 0);
    }

    void htmlNamedPngIsRefused()
    {
        const auto reply =
            upload(m_alice, "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"_ba,
                   u"cat.png"_s, "image/png");
        QCOMPARE(reply.status, 415);
        QCOMPARE(reply.errorCode(), u"unsupported_media_type"_s);
        // Only headers that look like an image are not enough: the file must decode.
        QByteArray fake = samples::encode(samples::picture(50, 50), "png").left(60);
        fake += QByteArray(500, 'x');
        QCOMPARE(upload(m_alice, fake).status, 415);
    }

    void aPolyglotIsServedAsTheImageAlone()
    {
        const auto reply = upload(m_alice, samples::pngHtmlPolyglot(), u"<b>x</b>\".png"_s);
        QCOMPARE(reply.status, 201);
        const QString id = reply.json()[u"id"_s].toString();
        const auto file = fetch(m_alice, reply.json()[u"url"_s].toString());
        QCOMPARE(file.status, 200);
        QVERIFY(!file.body.contains("<script"));
        QCOMPARE(file.headers.value("content-type"), "image/png"_ba);
        QCOMPARE(file.headers.value("x-content-type-options"), "nosniff"_ba);
        QVERIFY(file.headers.value("cache-control").startsWith("private"));
        QVERIFY(file.headers.value("content-security-policy").contains("sandbox"));
        // Never the uploader's name, which could break out of the header.
        QCOMPARE(file.headers.value("content-disposition"),
                 "inline; filename=\""_ba + id.toLatin1() + ".png\""_ba);
        QCOMPARE(QImage::fromData(file.body).size(), QSize(40, 30));
    }

    void metadataIsStrippedFromWhatIsServed()
    {
        const QByteArray photo = samples::jpegWithExif(400, 300, 6);
        QVERIFY(photo.contains(samples::kSecret));
        const auto reply = upload(m_alice, photo, u"IMG_0001.JPG"_s, "image/jpeg");
        QCOMPARE(reply.status, 201);
        // Upright size: the photo was taken sideways.
        QCOMPARE(reply.json()[u"width"_s].toInt(), 300);
        QCOMPARE(reply.json()[u"height"_s].toInt(), 400);
        const auto file = fetch(m_alice, reply.json()[u"url"_s].toString());
        QCOMPARE(file.status, 200);
        QVERIFY(!file.body.contains(samples::kSecret));
        QCOMPARE(file.headers.value("content-type"), "image/jpeg"_ba);
        const auto thumbnail = fetch(m_alice, reply.json()[u"thumbnail_url"_s].toString());
        QCOMPARE(thumbnail.status, 200);
        QVERIFY(!thumbnail.body.contains(samples::kSecret));
        const QImage small = QImage::fromData(thumbnail.body);
        QCOMPARE(small.size(), QSize(240, 320));

        const auto gif = upload(m_alice, samples::gifWithComment(30, 20));
        QCOMPARE(gif.status, 201);
        QVERIFY(!fetch(m_alice, gif.json()[u"url"_s].toString()).body.contains(samples::kSecret));
        const auto webp = upload(m_alice, samples::webpWithExif(30, 20));
        QCOMPARE(webp.status, 201);
        QCOMPARE(webp.json()[u"content_type"_s].toString(), u"image/webp"_s);
        QVERIFY(!fetch(m_alice, webp.json()[u"url"_s].toString()).body.contains(samples::kSecret));
    }

    void theDecompressionBombIsNeverDecoded()
    {
        const qint64 before = rssBytes(m_chat.server().pid());
        const QByteArray bomb = samples::pngBomb(100000, 100000);
        const auto reply = upload(m_alice, bomb, u"bomb.png"_s);
        QCOMPARE(reply.status, 413);
        QCOMPARE(reply.errorCode(), u"payload_too_large"_s);
        // 40 GB of pixels were claimed; the server did not even try.
        QVERIFY(rssBytes(m_chat.server().pid()) < before + 64 * 1024 * 1024);
    }

    void theCapIsEnforcedAtTheSocket()
    {
        // Refused from the Content-Length alone, before a byte of body is sent.
        const QByteArray answer = raw(uploadHead(m_alice, 1'000'000'000));
        QVERIFY2(answer.startsWith("HTTP/1.1 413"), answer.constData());
        QVERIFY(answer.contains("payload_too_large"));
        // A real file one byte over the cap, sent by a normal client.
        QImage noise(1100, 1100, QImage::Format_RGB32);
        for (int y = 0; y < noise.height(); ++y)
            for (int x = 0; x < noise.width(); ++x)
                noise.setPixel(x, y, QRandomGenerator::global()->generate());
        const QByteArray big = samples::encode(noise, "png");
        QVERIFY(big.size() > kCap);
        QCOMPARE(upload(m_alice, big).status, 413);
        // Chunked bodies have no length to check up front.
        const QByteArray chunked = raw(
            "POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "_ba +
            m_alice.token.toLatin1() + "\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"_ba);
        QVERIFY2(chunked.startsWith("HTTP/1.1 411"), chunked.constData());
    }

    void strangersAreRefusedBeforeTheBody()
    {
        RawHttp http;
        QVERIFY(http.connectTo(m_chat.server().port()));
        http.write(
            "POST /api/v1/uploads HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\n\r\n"_ba);
        const QByteArray answer = http.readUntilClosed(5000);
        QVERIFY2(answer.startsWith("HTTP/1.1 401"), answer.constData());
    }

    void aStalledUploadIsDropped()
    {
        RawHttp http;
        QVERIFY(http.connectTo(m_chat.server().port()));
        const QByteArray png = samples::encode(samples::picture(64, 64), "png");
        http.write(uploadHead(m_alice, png.size()) + png.left(100));
        // Nothing more comes; the server answers 408 and closes within the stall timeout.
        const QByteArray answer = http.readUntilClosed(10000);
        QVERIFY2(answer.startsWith("HTTP/1.1 408"), answer.constData());
        QVERIFY(http.socket().state() != QAbstractSocket::ConnectedState);
        // And nothing half-received was kept.
        QVERIFY(QDir(m_dataDir.path() + u"/tmp/uploads"_s).entryList(QDir::Files).isEmpty());
    }

    void onlyTheUploaderReadsAnUnattachedFile()
    {
        const auto reply = upload(m_alice, samples::encode(samples::picture(30, 30), "png"));
        QCOMPARE(reply.status, 201);
        const QString url = reply.json()[u"url"_s].toString();
        const QString thumbnail = reply.json()[u"thumbnail_url"_s].toString();
        QCOMPARE(fetch(m_alice, url).status, 200);
        QCOMPARE(fetch(m_alice, thumbnail).status, 200);
        QCOMPARE(fetch(m_bob, url).status, 404);
        QCOMPARE(fetch(m_bob, thumbnail).status, 404);
        HttpClient anonymous;
        QCOMPARE(anonymous.get(m_chat.server().url(url)).status, 401);
        QCOMPARE(fetch(m_alice,
                       u"/api/v1/uploads/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces))
                     .status,
                 404);
    }

    void aClientThumbnailReplacesTheServersAfterItIsChecked()
    {
        const auto reply = upload(m_alice, samples::encode(samples::picture(800, 400), "png"));
        QCOMPARE(reply.status, 201);
        const QString id = reply.json()[u"id"_s].toString();
        const QUrl url = m_chat.url(u"/uploads/%1/thumbnail"_s.arg(id));
        const QByteArray mine = samples::encode(samples::picture(320, 160, true), "png");
        const auto accepted = ChatFixture::client(m_alice)->send("POST", url, mine, "image/png");
        QCOMPARE(accepted.status, 200);
        const auto served = fetch(m_alice, reply.json()[u"thumbnail_url"_s].toString());
        QCOMPARE(served.headers.value("content-type"), "image/png"_ba);
        QVERIFY(QImage::fromData(served.body).hasAlphaChannel());

        const QByteArray square = samples::encode(samples::picture(100, 100), "png");
        QCOMPARE(ChatFixture::client(m_alice)->send("POST", url, square, "image/png").status, 400);
        const QByteArray large = samples::encode(samples::picture(640, 320), "png");
        QCOMPARE(ChatFixture::client(m_alice)->send("POST", url, large, "image/png").status, 400);
        // Not Bob's upload: as if it did not exist.
        QCOMPARE(ChatFixture::client(m_bob)->send("POST", url, mine, "image/png").status, 404);
    }

    void attachmentsTravelWithTheirMessage()
    {
        const Account carol = m_chat.createUser(u"carol"_s);
        const Account dave = m_chat.createUser(u"dave"_s);
        const Account outsider = m_chat.createUser(u"outsider"_s);
        const QString group =
            m_chat.createGroup(m_alice, u"Pictures"_s, {u"bob"_s, u"carol"_s, u"dave"_s})
                .json()[u"id"_s]
                .toString();
        QVERIFY(!group.isEmpty());
        const auto first =
            upload(m_alice, samples::encode(samples::picture(64, 32), "png"), u"a.png"_s);
        const auto second = upload(m_alice, samples::jpegWithExif(40, 30, 1), u"b.jpg"_s);
        QCOMPARE(first.status, 201);
        QCOMPARE(second.status, 201);
        const QString firstId = first.json()[u"id"_s].toString();
        const QString secondId = second.json()[u"id"_s].toString();
        const QString url = first.json()[u"url"_s].toString();

        // An image alone: no text needed.
        const auto sent = m_chat.post(m_alice, u"/conversations/%1/messages"_s.arg(group),
                                      {{u"attachment_ids"_s, QJsonArray{firstId, secondId}}});
        QCOMPARE(sent.status, 201);
        QCOMPARE(sent.json()[u"body_text"_s].toString(), QString());
        const QJsonArray attachments = sent.json()[u"attachments"_s].toArray();
        QCOMPARE(attachments.size(), 2);
        QCOMPARE(attachments[0][u"id"_s].toString(), firstId);
        QCOMPARE(attachments[0][u"width"_s].toInt(), 64);
        QCOMPARE(attachments[0][u"content_type"_s].toString(), u"image/png"_s);
        QCOMPARE(attachments[1][u"url"_s].toString(), second.json()[u"url"_s].toString());

        // Members see it in history and may fetch it; nobody else may.
        const QJsonArray history = m_chat.get(m_bob, u"/conversations/%1/messages"_s.arg(group))
                                       .json()[u"messages"_s]
                                       .toArray();
        QCOMPARE(history.size(), 1);
        QCOMPARE(history[0][u"attachments"_s].toArray().size(), 2);
        QCOMPARE(fetch(m_bob, url).status, 200);
        QCOMPARE(fetch(m_bob, first.json()[u"thumbnail_url"_s].toString()).status, 200);
        QCOMPARE(fetch(carol, url).status, 200);
        QCOMPARE(fetch(m_alice, url).status, 200);
        QCOMPARE(fetch(outsider, url).status, 404);

        // A removed member loses access with their membership.
        QCOMPARE(
            m_chat.del(m_alice, u"/conversations/%1/members/%2"_s.arg(group, carol.id())).status,
            204);
        QCOMPARE(fetch(carol, url).status, 404);
        // A member who blocked the sender sees neither the message nor its files.
        QCOMPARE(m_chat.post(dave, u"/blocks/alice"_s).status, 204);
        QCOMPARE(fetch(dave, url).status, 404);
        QCOMPARE(m_chat.del(dave, u"/blocks/alice"_s).status, 204);
        QCOMPARE(fetch(dave, url).status, 200);

        // An upload goes to one message, and only its uploader can attach it.
        const auto again =
            m_chat.post(m_alice, u"/conversations/%1/messages"_s.arg(group),
                        {{u"body_text"_s, u"again"_s}, {u"attachment_ids"_s, QJsonArray{firstId}}});
        QCOMPARE(again.status, 400);
        QCOMPARE(again.errorCode(), u"validation_failed"_s);
        const auto bobs = upload(m_bob, samples::encode(samples::picture(10, 10), "png"));
        const auto stolen =
            m_chat.post(m_alice, u"/conversations/%1/messages"_s.arg(group),
                        {{u"attachment_ids"_s, QJsonArray{bobs.json()[u"id"_s].toString()}}});
        QCOMPARE(stolen.status, 400);
        // Still Bob's alone: the failed send attached nothing.
        QCOMPARE(fetch(m_alice, bobs.json()[u"url"_s].toString()).status, 404);
        QCOMPARE(fetch(m_bob, bobs.json()[u"url"_s].toString()).status, 200);
        QJsonArray eleven;
        for (int i = 0; i < 11; ++i)
            eleven.append(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QCOMPARE(m_chat
                     .post(m_alice, u"/conversations/%1/messages"_s.arg(group),
                           {{u"attachment_ids"_s, eleven}})
                     .status,
                 400);
        // Without attachments a message still needs its text.
        QCOMPARE(m_chat.post(m_alice, u"/conversations/%1/messages"_s.arg(group), {}).status, 400);

        // Deleted with their message (DELETE /messages/{id}, which keeps the row as "message
        // deleted"): gone for everyone, from the message, then from disk.
        QCOMPARE(m_chat.del(m_alice, u"/messages/%1"_s.arg(sent.json()[u"id"_s].toString())).status,
                 204);
        const QJsonArray afterDeletion =
            m_chat.get(m_bob, u"/conversations/%1/messages"_s.arg(group))
                .json()[u"messages"_s]
                .toArray();
        bool seen = false;
        for (const QJsonValue &message : afterDeletion) {
            if (message[u"id"_s] == sent.json()[u"id"_s]) {
                seen = true;
                QVERIFY(message[u"deleted"_s].toBool());
                QCOMPARE(message[u"attachments"_s].toArray().size(), 0);
            }
        }
        QVERIFY(seen);
        QCOMPARE(fetch(m_alice, url).status, 404);
        QCOMPARE(fetch(m_bob, url).status, 404);
        // The sweep unlinks the files one after another (each upload's file, then its
        // thumbnail): seeing the first gone says nothing yet about the last.
        QTRY_VERIFY_WITH_TIMEOUT(!storedFiles().contains(firstId), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!storedFiles().contains(secondId + u".thumb"_s), 10000);
    }

    void attachmentsGoOverTheSocketToo()
    {
        const QString dm = m_chat.openDm(m_alice, u"bob"_s).json()[u"id"_s].toString();
        QVERIFY(!dm.isEmpty());
        const auto image = upload(m_alice, samples::encode(samples::picture(50, 25), "png"));
        QCOMPARE(image.status, 201);
        QUrl ws = m_chat.server().url(u"/api/v1/ws"_s);
        ws.setScheme(u"ws"_s);
        WsClient alice, bob;
        QVERIFY(alice.connectAs(ws, m_alice.token));
        QVERIFY(bob.connectAs(ws, m_bob.token));
        const auto ack =
            alice.request(u"message.send"_s,
                          {{u"conversation_id"_s, dm},
                           {u"body_text"_s, u"look"_s},
                           {u"attachment_ids"_s, QJsonArray{image.json()[u"id"_s].toString()}}});
        QVERIFY(ack);
        QCOMPARE(ack->type, u"ack"_s);
        const auto delivered = bob.waitForType(u"message.new"_s);
        QVERIFY(delivered);
        const QJsonArray attachments =
            delivered->data[u"message"_s].toObject()[u"attachments"_s].toArray();
        QCOMPARE(attachments.size(), 1);
        QCOMPARE(attachments[0][u"height"_s].toInt(), 25);
        QCOMPARE(fetch(m_bob, attachments[0][u"thumbnail_url"_s].toString()).status, 200);
        // A plain send right after still goes through the group commit, in order.
        QVERIFY(alice.request(u"message.send"_s,
                              {{u"conversation_id"_s, dm}, {u"body_text"_s, u"plain"_s}}));
        const auto plain = bob.waitForType(u"message.new"_s);
        QVERIFY(plain);
        QCOMPARE(plain->data[u"message"_s].toObject()[u"attachments"_s].toArray().size(), 0);
    }

    void anAvatarIsServedByTheServerItself()
    {
        const QUrl avatarUrl = m_chat.url(u"/users/me/avatar"_s);
        const auto set = ChatFixture::client(m_bob)->send(
            "PUT", avatarUrl, samples::jpegWithExif(900, 600, 1), "image/jpeg");
        QCOMPARE(set.status, 200);
        const QString path = set.json()[u"avatar_url"_s].toString();
        QVERIFY2(path.startsWith(u"/api/v1/avatars/"_s), qPrintable(path));
        QCOMPARE(m_chat.get(m_bob, u"/me"_s).json()[u"avatar_url"_s].toString(), path);
        // Fetched like any image on the page: no token, small, without the photo's metadata.
        HttpClient anonymous;
        const auto image = anonymous.get(m_chat.server().url(path));
        QCOMPARE(image.status, 200);
        QVERIFY(!image.body.contains(samples::kSecret));
        QCOMPARE(QImage::fromData(image.body).size(), QSize(320, 213));
        QVERIFY(image.headers.value("cache-control").contains("immutable"));

        const auto html = ChatFixture::client(m_bob)->send(
            "PUT", avatarUrl, "<html><script>alert(1)</script></html>"_ba, "image/png");
        QCOMPARE(html.status, 415);
        const auto replaced = ChatFixture::client(m_bob)->send(
            "PUT", avatarUrl, samples::encode(samples::picture(100, 100), "png"), "image/png");
        QCOMPARE(replaced.status, 200);
        QVERIFY(replaced.json()[u"avatar_url"_s].toString() != path);
        QCOMPARE(anonymous.get(m_chat.server().url(path)).status, 404);
    }

    //! Whether the message's `has_attachments` flag is set (migration 0061): the history page
    //! reads attachments only for messages that have it, so a flag left false hides files.
    bool flagOf(const QString &messageId)
    {
        QSqlDatabase db = m_chat.database().connection();
        auto query = server::sql::exec(
            db, u"SELECT has_attachments FROM messages WHERE id = ?::uuid"_s, {messageId});
        return query && query.value().next() && query.value().value(0).toBool();
    }

    //! The message `id` in `as`'s history of `group` (empty when it is not there).
    QJsonObject inHistory(const Account &as, const QString &group, const QString &id)
    {
        const QJsonArray page = m_chat.get(as, u"/conversations/%1/messages?limit=50"_s.arg(group))
                                    .json()[u"messages"_s]
                                    .toArray();
        for (const QJsonValue &message : page) {
            if (message[u"id"_s].toString() == id)
                return message.toObject();
        }
        return {};
    }

    void theAttachmentFlagFollowsItsFiles()
    {
        const QString group =
            m_chat.createGroup(m_alice, u"Flags"_s, {u"bob"_s}).json()[u"id"_s].toString();
        QVERIFY(!group.isEmpty());
        const auto picture =
            upload(m_alice, samples::encode(samples::picture(24, 12), "png"), u"f.png"_s);
        QCOMPARE(picture.status, 201);
        const auto sent =
            m_chat.post(m_alice, u"/conversations/%1/messages"_s.arg(group),
                        {{u"body_text"_s, u"with a file"_s},
                         {u"attachment_ids"_s, QJsonArray{picture.json()[u"id"_s].toString()}}});
        QCOMPARE(sent.status, 201);
        const QString attached = sent.json()[u"id"_s].toString();
        const auto plainSent = m_chat.send(m_bob, group, u"no file"_s);
        QCOMPARE(plainSent.status, 201);
        const QString plain = plainSent.json()[u"id"_s].toString();
        QVERIFY(flagOf(attached));
        QVERIFY(!flagOf(plain));

        // A page mixing a reply, a reaction, a file and a message with none of them: each gets
        // its own, as the send answered it, and nothing of another's.
        const auto reply = m_chat.post(m_bob, u"/conversations/%1/messages"_s.arg(group),
                                       {{u"body_text"_s, u"nice"_s}, {u"reply_to_id"_s, attached}});
        QCOMPARE(reply.status, 201);
        QCOMPARE(ChatFixture::client(m_alice)
                     ->send("PUT",
                            m_chat.url(u"/messages/%1/reactions/%2"_s.arg(
                                plain, QString::fromLatin1(QUrl::toPercentEncoding(u"👍"_s)))),
                            {}, {})
                     .status,
                 204);
        const QJsonObject withFile = inHistory(m_bob, group, attached);
        QCOMPARE(withFile[u"attachments"_s].toArray(), sent.json()[u"attachments"_s].toArray());
        QVERIFY(withFile[u"reply_to"_s].isNull());
        QCOMPARE(withFile[u"reactions"_s].toArray().size(), 0);
        const QJsonObject answer = inHistory(m_bob, group, reply.json()[u"id"_s].toString());
        QCOMPARE(answer[u"reply_to"_s].toObject(), reply.json()[u"reply_to"_s].toObject());
        QCOMPARE(answer[u"attachments"_s].toArray().size(), 0);
        const QJsonObject reacted = inHistory(m_bob, group, plain);
        QCOMPARE(reacted[u"reactions"_s].toArray().size(), 1);
        QCOMPARE(reacted[u"reactions"_s][0][u"user_ids"_s].toArray(), QJsonArray{m_alice.id()});
        QCOMPARE(reacted[u"attachments"_s].toArray().size(), 0);
        QVERIFY(reacted[u"reply_to"_s].isNull());

        // An edit keeps the files and the flag.
        const auto edited = ChatFixture::client(m_alice)->send(
            "PATCH", m_chat.url(u"/messages/"_s + attached),
            QJsonDocument(QJsonObject{{u"body_text"_s, u"with a file, edited"_s}})
                .toJson(QJsonDocument::Compact),
            "application/json");
        QCOMPARE(edited.status, 200);
        QVERIFY(flagOf(attached));
        QCOMPARE(inHistory(m_bob, group, attached)[u"attachments"_s].toArray().size(), 1);

        // Deleting the message deletes its files, and the flag goes with them.
        QCOMPARE(m_chat.del(m_alice, u"/messages/"_s + attached).status, 204);
        QVERIFY(!flagOf(attached));
        QCOMPARE(inHistory(m_bob, group, attached)[u"attachments"_s].toArray().size(), 0);
    }

    void unattachedUploadsAreSweptAfterADay()
    {
        const auto reply = upload(m_alice, samples::encode(samples::picture(20, 20), "png"));
        QCOMPARE(reply.status, 201);
        const QString id = reply.json()[u"id"_s].toString();
        QVERIFY(storedFiles().contains(id));
        QVERIFY(storedFiles().contains(id + u".thumb"_s));
        QSqlDatabase db = m_chat.database().connection();
        QVERIFY(server::sql::exec(db,
                                  u"UPDATE uploads SET created_at = now() - interval '25 hours' "
                                  "WHERE id = ?::uuid"_s,
                                  {id})
                    .ok());
        // The sweep runs every second here.
        QTRY_COMPARE_WITH_TIMEOUT(fetch(m_alice, reply.json()[u"url"_s].toString()).status, 404,
                                  10000);
        QTRY_VERIFY_WITH_TIMEOUT(!storedFiles().contains(id), 10000);
        QVERIFY(!storedFiles().contains(id + u".thumb"_s));
    }
};

QTEST_GUILESS_MAIN(TestUploads)
#include "tst_uploads.moc"
