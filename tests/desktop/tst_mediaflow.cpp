// SPDX-License-Identifier: Apache-2.0
// Images, invites and the account in the desktop app's core against a real natter-server and
// PostgreSQL (#13, #14). A web user (the REST calls the web app makes) posts a real image and
// the desktop app receives the message with the image's size and fetches its thumbnail and
// full image with its token; the desktop app attaches an image of its own; joins a group from
// a pasted link and a natter: URL; exports its data and deletes itself.
#include "app/accountcontroller.h"
#include "app/attachmentdraft.h"
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/invitecontroller.h"
#include "app/session.h"
#include "desktopsession.h"
#include "httpclient.h"
#include "media/imagecache.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QClipboard>
#include <QGuiApplication>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPainter>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using namespace natter::testing;
using natter::testing::HttpClient;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;

namespace {

constexpr int kTimeoutMs = 20000;

//! A screenshot-like picture: real PNG bytes, with shapes so it is not one flat colour.
QByteArray screenshotPng(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(0xec, 0xee, 0xf6));
    QPainter painter(&image);
    painter.fillRect(QRect(0, 0, width, height / 8), QColor(0x5b, 0x4c, 0xf0));
    painter.fillRect(QRect(width / 10, height / 4, width / 2, height / 3), Qt::white);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

QImage imageAt(const QString &file)
{
    QImageReader reader(file);
    reader.setAutoTransform(true);
    return reader.read();
}

struct WebUser
{
    HttpClient http;
    QString id;

    bool signIn(const ServerProcess &server, const QString &name)
    {
        const auto login =
            http.postJson(server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, name}});
        if (login.status != 200)
            return false;
        http.setBearer(login.json().value(u"access_token"_s).toString());
        id = login.json().value(u"user"_s).toObject().value(u"id"_s).toString();
        return http.put(server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, name}})
                   .status == 200;
    }
};

} // namespace

class TestMediaFlow : public QObject
{
    Q_OBJECT

private:
    //! The file the session's image cache holds for `serverPath`, fetched now.
    QString fetched(Session *session, const QString &serverPath)
    {
        QString file;
        QString error;
        session->images()->fetch(serverPath, this, [&](const Result<QString> &answer) {
            if (answer)
                file = *answer;
            else
                error = answer.error().message;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(!file.isEmpty() || !error.isEmpty(), kTimeoutMs); }();
        if (!error.isEmpty())
            qWarning("fetch %s: %s", qPrintable(serverPath), qPrintable(error));
        return file;
    }

    QString webStartsDm(WebUser &web, const QString &username)
    {
        const auto created = web.http.postJson(m_server.url(u"/api/v1/conversations"_s),
                                               {{u"type"_s, u"dm"_s}, {u"username"_s, username}});
        return created.json().value(u"id"_s).toString();
    }

    TestDatabase m_database;
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_database.isValid(), qPrintable(m_database.error()));
        QVERIFY(m_server.start(m_database.url()));
    }

    //! Issue 13's "done when": an image pasted in the web app arrives in the desktop app as a
    //! thumbnail (its box known before the pixels) that opens full size.
    void anImageFromTheWebArrivesAsAThumbnail()
    {
        QTemporaryDir dir;
        auto carol = signedInSession(m_server, u"carol"_s, dir.path());
        WebUser dave;
        QVERIFY(dave.signIn(m_server, u"dave"_s));
        const QString dm = webStartsDm(dave, u"carol"_s);
        QVERIFY(!dm.isEmpty());
        carol->chat()->open(dm);

        const auto upload = dave.http.post(m_server.url(u"/api/v1/uploads?name=screenshot.png"_s),
                                           screenshotPng(1280, 720), "image/png");
        QCOMPARE(upload.status, 201);
        const QString uploadId = upload.json().value(u"id"_s).toString();
        const auto sent = dave.http.postJson(
            m_server.url(u"/api/v1/conversations/%1/messages"_s.arg(dm)),
            {{u"body_text"_s, u""_s},
             {u"client_msg_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
             {u"attachment_ids"_s, QJsonArray{uploadId}}});
        QCOMPARE(sent.status, 201);

        // Live, over the socket, into the open conversation's list.
        const MessageListModel *model = carol->chat()->messages();
        QTRY_COMPARE_WITH_TIMEOUT(model->rowCount(), 1, kTimeoutMs);
        const QVariantList attachments =
            model->index(0).data(MessageListModel::AttachmentsRole).toList();
        QCOMPARE(attachments.size(), 1);
        const QVariantMap image = attachments.first().toMap();
        QCOMPARE(image.value(u"width"_s).toInt(), 1280);
        QCOMPARE(image.value(u"height"_s).toInt(), 720);
        QCOMPARE(image.value(u"name"_s).toString(), u"screenshot.png"_s);
        const QString thumbnailSource = image.value(u"thumbnail"_s).toString();
        const QString fullSource = image.value(u"source"_s).toString();
        QCOMPARE(thumbnailSource, u"image://natter/api/v1/uploads/%1/thumbnail"_s.arg(uploadId));
        QCOMPARE(fullSource, u"image://natter/api/v1/uploads/%1"_s.arg(uploadId));

        // The list says what came, not an empty line.
        const ConversationListModel *list = carol->conversations()->model();
        QTRY_COMPARE_WITH_TIMEOUT(list->index(list->indexOf(QUuid::fromString(dm)))
                                      .data(ConversationListModel::LastMessageTextRole)
                                      .toString(),
                                  u"Image"_s, kTimeoutMs);

        // The bytes, fetched with carol's token and kept on disk.
        const QString thumbnailPath = thumbnailSource.mid(u"image://natter"_s.size());
        const QString thumbnailFile = fetched(carol.get(), thumbnailPath);
        QVERIFY(!thumbnailFile.isEmpty());
        QVERIFY(thumbnailFile.startsWith(dir.path()));
        const QImage thumbnail = imageAt(thumbnailFile);
        QCOMPARE(thumbnail.width(), 320);
        QCOMPARE(thumbnail.height(), 180);
        const QImage full = imageAt(fetched(carol.get(), fullSource.mid(14)));
        QCOMPARE(full.size(), QSize(1280, 720));
        QCOMPARE(carol->images()->cachedFile(thumbnailPath), thumbnailFile);

        // Signing out leaves none of it on this computer.
        carol->signOut();
        QVERIFY(carol->images()->cachedFile(thumbnailPath).isEmpty());
        QCOMPARE(carol->images()->bytesOnDisk(), 0);
    }

    void theDesktopAttachesAnImageTheWebSees()
    {
        QTemporaryDir dir;
        auto erin = signedInSession(m_server, u"erin"_s, dir.path());
        WebUser frank;
        QVERIFY(frank.signIn(m_server, u"frank"_s));
        const QString dm = webStartsDm(frank, u"erin"_s);
        erin->chat()->open(dm);

        AttachmentDraft *draft = erin->attachments();
        // What is refused is said at once, and nothing is uploaded.
        draft->addImage("GIF89a but not really"_ba + QByteArray(100, 'x'), u"fake.gif"_s);
        QCOMPARE(draft->count(), 0);
        QCOMPARE(draft->errorText(), u"Only JPEG, PNG, WebP and GIF images can be sent."_s);
        draft->addImage(QByteArray(11 * 1024 * 1024, '\x89'), u"huge.png"_s);
        QCOMPARE(draft->count(), 0);
        QCOMPARE(draft->errorText(), u"This image is too large (at most 10 MB)."_s);

        // Text alone waits while an image uploads; the image alone may go.
        draft->addImage(screenshotPng(900, 1200), u"tall.png"_s);
        QCOMPARE(draft->count(), 1);
        QVERIFY(draft->errorText().isEmpty());
        const QModelIndex tile = draft->index(0);
        QVERIFY(tile.data(AttachmentDraft::PreviewRole).toUrl().isLocalFile());
        QTRY_COMPARE_WITH_TIMEOUT(tile.data(AttachmentDraft::StateRole).toInt(),
                                  int(AttachmentDraft::State::Ready), kTimeoutMs);
        QCOMPARE(tile.data(AttachmentDraft::ProgressRole).toReal(), 1.0);

        QSignalSpy sent(draft, &AttachmentDraft::sent);
        QVERIFY(!erin->chat()->send(u"  the plan  "_s)); // the answer comes later
        QTRY_COMPARE_WITH_TIMEOUT(sent.size(), 1, kTimeoutMs);
        QCOMPARE(draft->count(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(erin->chat()->messages()->rowCount(), 1, kTimeoutMs);

        // Frank (web) reads it from the history: the text, the image and its size.
        const auto history =
            frank.http.get(m_server.url(u"/api/v1/conversations/%1/messages"_s.arg(dm)));
        const QJsonObject message =
            history.json().value(u"messages"_s).toArray().first().toObject();
        QCOMPARE(message.value(u"body_text"_s).toString(), u"the plan"_s);
        const QJsonObject attachment = message.value(u"attachments"_s).toArray().first().toObject();
        QCOMPARE(attachment.value(u"width"_s).toInt(), 900);
        QCOMPARE(attachment.value(u"height"_s).toInt(), 1200);
        const auto thumbnail =
            frank.http.get(m_server.url(attachment.value(u"thumbnail_url"_s).toString()));
        QCOMPARE(thumbnail.status, 200);
        QBuffer buffer(const_cast<QByteArray *>(&thumbnail.body));
        buffer.open(QIODevice::ReadOnly);
        QCOMPARE(QImageReader(&buffer).size(), QSize(240, 320));
    }

    //! The three ways in: a file (the dialog and a drop both hand over file: URLs) and the
    //! clipboard (a screenshot); text on the clipboard is left to the text field.
    void filesDropsAndPastes()
    {
        QTemporaryDir dir;
        auto nina = signedInSession(m_server, u"nina"_s, dir.path());
        AttachmentDraft *draft = nina->attachments();
        const QString file = dir.filePath(u"dropped.png"_s);
        {
            QFile out(file);
            QVERIFY(out.open(QIODevice::WriteOnly));
            out.write(screenshotPng(640, 480));
        }
        draft->addFiles({QUrl::fromLocalFile(file), QUrl(u"https://example.org/x.png"_s)});
        QCOMPARE(draft->count(), 1);
        QCOMPARE(draft->index(0).data(AttachmentDraft::NameRole).toString(), u"dropped.png"_s);
        draft->addFiles({QUrl::fromLocalFile(dir.filePath(u"gone.png"_s))});
        QCOMPARE(draft->count(), 1);
        QVERIFY(draft->errorText().startsWith(u"gone.png: "_s));

        QGuiApplication::clipboard()->setText(u"just words"_s);
        QVERIFY(!draft->pasteFromClipboard());
        QCOMPARE(draft->count(), 1);
        QImage screenshot;
        QVERIFY(screenshot.loadFromData(screenshotPng(800, 600)));
        QGuiApplication::clipboard()->setImage(screenshot);
        QVERIFY(draft->pasteFromClipboard());
        QCOMPARE(draft->count(), 2);
        QCOMPARE(draft->index(1).data(AttachmentDraft::WidthRole).toInt(), 800);
        QTRY_VERIFY_WITH_TIMEOUT(!draft->uploading(), kTimeoutMs);
        QVERIFY(draft->hasReady());
        // Another conversation starts with an empty draft.
        nina->chat()->open(QUuid::createUuid().toString(QUuid::WithoutBraces));
        QCOMPARE(draft->count(), 0);
    }

    void removingAnImageCancelsItsUpload()
    {
        QTemporaryDir dir;
        auto gina = signedInSession(m_server, u"gina"_s, dir.path());
        AttachmentDraft *draft = gina->attachments();
        draft->addImage(screenshotPng(3000, 2000), u"big.png"_s);
        QCOMPARE(draft->count(), 1);
        draft->remove(draft->index(0).data(AttachmentDraft::KeyRole).toString());
        QCOMPARE(draft->count(), 0);
        QVERIFY(!draft->uploading());
    }

    void joinFromAPastedLinkAndANatterUrl()
    {
        QTemporaryDir dir;
        auto hana = signedInSession(m_server, u"hana"_s, dir.path());
        WebUser ivan;
        QVERIFY(ivan.signIn(m_server, u"ivan"_s));
        WebUser jules;
        QVERIFY(jules.signIn(m_server, u"jules"_s));
        const auto group = ivan.http.postJson(m_server.url(u"/api/v1/conversations"_s),
                                              {{u"type"_s, u"group"_s},
                                               {u"title"_s, u"Book club"_s},
                                               {u"usernames"_s, QJsonArray{u"jules"_s}}});
        QCOMPARE(group.status, 201);
        const QString groupId = group.json().value(u"id"_s).toString();
        const auto invite = ivan.http.postJson(
            m_server.url(u"/api/v1/conversations/%1/invites"_s.arg(groupId)), {});
        QCOMPARE(invite.status, 201);
        const QString link = invite.json().value(u"url"_s).toString();
        const QString code = invite.json().value(u"code"_s).toString();
        QVERIFY(link.endsWith(u"/invite/"_s + code));

        InviteController *invites = hana->invites();
        invites->preview(u"  "_s + link + u"\n"_s);
        QTRY_COMPARE_WITH_TIMEOUT(invites->state(), InviteController::State::Previewed, kTimeoutMs);
        QCOMPARE(invites->title(), u"Book club"_s);
        QCOMPARE(invites->memberCount(), 2);

        QSignalSpy joined(invites, &InviteController::joined);
        invites->join();
        QTRY_COMPARE_WITH_TIMEOUT(joined.size(), 1, kTimeoutMs);
        // Landed in the conversation, which the list knows.
        QCOMPARE(hana->chat()->conversationId(), groupId);
        QVERIFY(hana->conversations()->model()->indexOf(QUuid::fromString(groupId)) >= 0);
        QTRY_COMPARE_WITH_TIMEOUT(hana->chat()->title(), u"Book club"_s, kTimeoutMs);

        // The natter: URL the desktop file hands over asks for the dialog and previews.
        QSignalSpy dialog(invites, &InviteController::dialogRequested);
        QVERIFY(!invites->openUrl(u"--some-flag"_s));
        QVERIFY(invites->openUrl(u"natter://invite/"_s + code));
        QCOMPARE(dialog.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(invites->state(), InviteController::State::Previewed, kTimeoutMs);
        QCOMPARE(invites->memberCount(), 3);

        // Revoked: said plainly, in the server's words.
        QCOMPARE(ivan.http.del(m_server.url(u"/api/v1/invites/"_s + code)).status, 204);
        invites->preview(link);
        QTRY_COMPARE_WITH_TIMEOUT(invites->state(), InviteController::State::Failed, kTimeoutMs);
        QCOMPARE(invites->errorText(), u"This invite link was revoked by the group's admins."_s);

        invites->preview(u"https://example.org/somewhere"_s);
        QCOMPARE(invites->state(), InviteController::State::Failed);
        QVERIFY(invites->errorText().startsWith(u"That is not an invite link."_s));
    }

    void avatarExportAndDeletion()
    {
        QTemporaryDir dir;
        auto kim = signedInSession(m_server, u"kim"_s, dir.path());
        AccountController *account = kim->account();

        // A wide picture becomes a square avatar on the server, shown from there.
        const QString picture = dir.filePath(u"me.png"_s);
        {
            QFile file(picture);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(screenshotPng(1000, 600));
        }
        QSignalSpy saved(account, &AccountController::avatarSaved);
        account->uploadAvatar(QUrl::fromLocalFile(picture));
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, kTimeoutMs);
        QVERIFY2(kim->avatarUrl().startsWith(u"/api/v1/avatars/"_s), qPrintable(kim->avatarUrl()));
        const QImage avatar = imageAt(fetched(kim.get(), kim->avatarUrl()));
        QVERIFY(!avatar.isNull());
        QCOMPARE(avatar.width(), avatar.height());
        // Saving the name keeps the uploaded picture.
        QSignalSpy profileSaved(kim.get(), &Session::profileSaved);
        kim->updateProfile(u"Kim K"_s);
        QTRY_COMPARE_WITH_TIMEOUT(profileSaved.size(), 1, kTimeoutMs);
        QVERIFY(kim->avatarUrl().startsWith(u"/api/v1/avatars/"_s));
        QCOMPARE(kim->displayName(), u"Kim K"_s);
        // And back to initials.
        QSignalSpy userChanged(kim.get(), &Session::userChanged);
        account->removeAvatar();
        QTRY_VERIFY_WITH_TIMEOUT(kim->avatarUrl().isEmpty(), kTimeoutMs);
        QVERIFY(account->errorText().isEmpty());

        // The export lands in the chosen file, as the server wrote it.
        const QString exportFile = dir.filePath(account->exportFileName(kim->username()));
        QCOMPARE(QFileInfo(exportFile).fileName(), u"natter-export-kim.json"_s);
        QSignalSpy exported(account, &AccountController::exported);
        account->exportTo(QUrl::fromLocalFile(exportFile));
        QTRY_COMPARE_WITH_TIMEOUT(exported.size(), 1, kTimeoutMs);
        QFile file(exportFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject data = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(data.value(u"format"_s).toString(), u"natter-export/1"_s);
        QCOMPARE(data.value(u"profile"_s).toObject().value(u"username"_s).toString(), u"kim"_s);

        // Deleting needs the username; then the app is signed out.
        account->deleteAccount(u"kimm"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!account->errorText().isEmpty(), kTimeoutMs);
        QCOMPARE(account->errorText(), u"Type your username exactly to confirm."_s);
        QCOMPARE(kim->state(), Session::State::Ready);
        QSignalSpy deleted(account, &AccountController::accountDeleted);
        account->deleteAccount(u"KIM"_s);
        QTRY_COMPARE_WITH_TIMEOUT(deleted.size(), 1, kTimeoutMs);
        QCOMPARE(kim->state(), Session::State::SignedOut);
        QVERIFY(kim->api()->refreshToken().isEmpty());
        // Held, not free: nobody can take the name at once.
        WebUser other;
        const auto login = other.http.postJson(m_server.url(u"/api/v1/auth/dev/login"_s),
                                               {{u"name"_s, u"kim-again"_s}});
        other.http.setBearer(login.json().value(u"access_token"_s).toString());
        QVERIFY(other.http
                    .put(m_server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, u"kim"_s}})
                    .status != 200);
    }
};

QTEST_MAIN(TestMediaFlow)
#include "tst_mediaflow.moc"
