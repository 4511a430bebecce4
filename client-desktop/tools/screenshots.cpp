// SPDX-License-Identifier: Apache-2.0
// natter-screenshots: opens the real app (the same AppShell as `natter`) against a running
// natter-server with the development login, seeds a few users and conversations through the
// REST API, walks through the main screens and saves a PNG of each.
//   natter-screenshots SERVER_URL OUT_DIR [--dark]
// scripts/desktop-screenshots.sh starts PostgreSQL and the server and runs it under xvfb-run.
#include "app/attachmentdraft.h"
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/groupsettings.h"
#include "app/invitecontroller.h"
#include "app/messagesearch.h"
#include "app/peoplecontroller.h"
#include "app/preferencescontroller.h"
#include "app/session.h"
#include "app/traysettings.h"
#include "emoji/emojipickermodel.h"
#include "realtime/realtimeclient.h"
#include "ui/appshell.h"

#include <cstdio>
#include <QBuffer>
#include <QCursor>
#include <QDeadlineTimer>
#include <QDir>
#include <QEventLoop>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPainter>
#include <QQuickItem>
#include <QQuickWindow>
#include <QScreen>
#include <QTemporaryDir>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;
using namespace natter::desktop;

namespace {

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 15000)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!condition()) {
        if (deadline.hasExpired())
            return false;
        wait(50);
    }
    return true;
}

//! Blocking REST calls for seeding, as another user of the web app would make them.
class Rest
{
public:
    explicit Rest(QUrl base) : m_base(std::move(base)) {}

    QJsonObject call(const QByteArray &method, const QString &path, const QJsonObject &body = {})
    {
        QNetworkRequest request(QUrl(m_base.toString() + u"/api/v1"_s + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        if (!m_token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        QNetworkReply *reply = m_network.sendCustomRequest(
            request, method, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson());
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const QByteArray answer = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        reply->deleteLater();
        if (status >= 400)
            std::fprintf(stderr, "%s %s -> %d %s\n", method.constData(), qPrintable(path), status,
                         answer.constData());
        return QJsonDocument::fromJson(answer).object();
    }

    //! `POST /uploads` or `PUT /users/me/avatar` with image bytes; the answer's JSON.
    QJsonObject sendImage(const QByteArray &method, const QString &path, const QByteArray &png)
    {
        QNetworkRequest request(QUrl(m_base.toString() + u"/api/v1"_s + path));
        request.setHeader(QNetworkRequest::ContentTypeHeader, "image/png"_ba);
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        QNetworkReply *reply = m_network.sendCustomRequest(request, method, png);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        return QJsonDocument::fromJson(reply->readAll()).object();
    }

    //! A message whose only content is an image, as the web app sends a pasted screenshot.
    void showImage(const QString &conversationId, const QString &name, const QByteArray &png,
                   const QString &text = {})
    {
        const QString id =
            sendImage("POST", u"/uploads?name="_s + name, png).value(u"id"_s).toString();
        call("POST", u"/conversations/%1/messages"_s.arg(conversationId),
             {{u"body_text"_s, text},
              {u"client_msg_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
              {u"attachment_ids"_s, QJsonArray{id}}});
    }

    QString signIn(const QString &name, const QString &displayName)
    {
        const QJsonObject login = call("POST", u"/auth/dev/login"_s, {{u"name"_s, name}});
        m_token = login.value(u"access_token"_s).toString();
        call("PUT", u"/users/me/username"_s, {{u"username"_s, name}});
        call("POST", u"/users/me"_s, {{u"display_name"_s, displayName}});
        return login.value(u"user"_s).toObject().value(u"id"_s).toString();
    }

    QString say(const QString &conversationId, const QString &text)
    {
        return call("POST", u"/conversations/%1/messages"_s.arg(conversationId),
                    {{u"body_text"_s, text},
                     {u"client_msg_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}})
            .value(u"id"_s)
            .toString();
    }

    //! A message answering `replyToId` (#12).
    QString reply(const QString &conversationId, const QString &replyToId, const QString &text)
    {
        return call("POST", u"/conversations/%1/messages"_s.arg(conversationId),
                    {{u"body_text"_s, text},
                     {u"reply_to_id"_s, replyToId},
                     {u"client_msg_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}})
            .value(u"id"_s)
            .toString();
    }

    void react(const QString &messageId, const QString &emoji)
    {
        call("PUT", u"/messages/%1/reactions/%2"_s.arg(
                        messageId, QString::fromLatin1(QUrl::toPercentEncoding(emoji))));
    }

private:
    QUrl m_base;
    QNetworkAccessManager m_network;
    QString m_token;
};

QByteArray png(const QImage &image)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

//! A landscape for the hiking group: sky, two ridges, the sun.
QImage ridgePhoto()
{
    QImage image(1200, 800, QImage::Format_RGB32);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    QLinearGradient sky(0, 0, 0, 800);
    sky.setColorAt(0, QColor(0x7f, 0xb8, 0xf0));
    sky.setColorAt(0.6, QColor(0xf7, 0xd9, 0xb0));
    painter.fillRect(image.rect(), sky);
    painter.setBrush(QColor(0xff, 0xe0, 0x8a));
    painter.setPen(Qt::NoPen);
    painter.drawEllipse(QPointF(880, 260), 70, 70);
    painter.setBrush(QColor(0x5d, 0x6f, 0x8f));
    painter.drawPolygon(QPolygonF{{0, 560},
                                  {260, 330},
                                  {460, 470},
                                  {700, 280},
                                  {1000, 500},
                                  {1200, 400},
                                  {1200, 800},
                                  {0, 800}});
    painter.setBrush(QColor(0x3b, 0x5b, 0x46));
    painter.drawPolygon(QPolygonF{
        {0, 680}, {300, 520}, {560, 640}, {820, 540}, {1200, 700}, {1200, 800}, {0, 800}});
    return image;
}

//! A screenshot of a failing build log, as someone would paste one.
QImage buildLogScreenshot()
{
    QImage image(960, 540, QImage::Format_RGB32);
    image.fill(QColor(0x1e, 0x1f, 0x29));
    QPainter painter(&image);
    painter.fillRect(QRect(0, 0, 960, 40), QColor(0x2d, 0x2f, 0x3d));
    const QColor dots[] = {QColor(0xff, 0x5f, 0x57), QColor(0xfe, 0xbc, 0x2e),
                           QColor(0x28, 0xc8, 0x40)};
    painter.setRenderHint(QPainter::Antialiasing);
    for (int i = 0; i < 3; ++i) {
        painter.setBrush(dots[i]);
        painter.setPen(Qt::NoPen);
        painter.drawEllipse(QPointF(22 + i * 22, 20), 7, 7);
    }
    QFont mono(u"DejaVu Sans Mono"_s);
    mono.setPixelSize(20);
    painter.setFont(mono);
    const QStringList lines{u"$ cpack -G DEB"_s,
                            u"CPack: Create package using DEB"_s,
                            u"CPack: Install projects"_s,
                            u"CPack: - Install component: desktop"_s,
                            u"dpkg-deb: error: natter.svg: No such file"_s,
                            u"CPack Error: Problem running dpkg-deb"_s,
                            u"make: *** [package] Error 1"_s};
    int y = 86;
    for (const QString &line : lines) {
        painter.setPen(line.contains(u"rror"_s) ? QColor(0xff, 0x6b, 0x81)
                                                : QColor(0xd8, 0xda, 0xe6));
        painter.drawText(28, y, line);
        y += 34;
    }
    return image;
}

//! A portrait-like avatar: a coloured disc of a face on a plain background.
QImage portrait(const QColor &background, const QColor &face)
{
    QImage image(400, 400, QImage::Format_RGB32);
    image.fill(background);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(face);
    painter.drawEllipse(QPointF(200, 165), 80, 90);
    painter.drawEllipse(QPointF(200, 420), 150, 130);
    return image;
}

struct Seeded
{
    QString dmWithBob;
    QString group;
    QString inviteUrl;
};

Seeded seed(const QUrl &server)
{
    Rest alice(server), bob(server), carol(server), dave(server);
    alice.signIn(u"alice"_s, u"Alice Johnson"_s);
    bob.signIn(u"bob"_s, u"Bob Martin"_s);
    carol.signIn(u"carol"_s, u"Carol Diaz"_s);
    const QString daveId = dave.signIn(u"dave"_s, u"Dave Okafor"_s);

    Seeded seeded;
    seeded.dmWithBob =
        alice.call("POST", u"/conversations"_s, {{u"type"_s, u"dm"_s}, {u"username"_s, u"bob"_s}})
            .value(u"id"_s)
            .toString();
    const QString dmCarol =
        carol.call("POST", u"/conversations"_s, {{u"type"_s, u"dm"_s}, {u"username"_s, u"alice"_s}})
            .value(u"id"_s)
            .toString();
    seeded.group = alice
                       .call("POST", u"/conversations"_s,
                             {{u"type"_s, u"group"_s},
                              {u"title"_s, u"Weekend hike"_s},
                              {u"usernames"_s, QJsonArray{u"bob"_s, u"carol"_s}}})
                       .value(u"id"_s)
                       .toString();
    const QString dmDave =
        dave.call("POST", u"/conversations"_s, {{u"type"_s, u"dm"_s}, {u"username"_s, u"alice"_s}})
            .value(u"id"_s)
            .toString();

    carol.say(dmCarol, u"Did you get the slides?"_s);
    alice.say(dmCarol, u"Yes, thanks! Looking at them tonight."_s);

    alice.say(seeded.group, u"Who's in for Saturday? Forecast says sun all day."_s);
    carol.say(seeded.group, u"Me! Which trail?"_s);
    bob.say(seeded.group, u"The ridge loop? It's about 14 km."_s);
    // System lines (#18) between the messages: "Alice Johnson added Dave Okafor", "… made
    // Dave Okafor an admin".
    alice.call("POST", u"/conversations/%1/members"_s.arg(seeded.group),
               {{u"username"_s, u"dave"_s}});
    dave.say(seeded.group, u"Count me in. I can drive two people."_s);
    alice.call("PUT", u"/conversations/%1/members/%2/role"_s.arg(seeded.group, daveId),
               {{u"role"_s, u"admin"_s}});
    carol.say(seeded.group, u"I'll bring snacks."_s);
    alice.call("PATCH", u"/conversations/%1"_s.arg(seeded.group),
               {{u"description"_s, u"Saturday's ridge loop, 14 km. Meet at the station at 8."_s}});
    carol.showImage(seeded.group, u"ridge.png"_s, png(ridgePhoto()),
                    u"The view from the top last time"_s);
    carol.sendImage("PUT", u"/users/me/avatar"_s,
                    png(portrait(QColor(0xf6, 0xc9, 0x8e), QColor(0x8a, 0x4b, 0x2b))));
    alice.sendImage("PUT", u"/users/me/avatar"_s,
                    png(portrait(QColor(0xb9, 0xd8, 0xf5), QColor(0x3d, 0x5a, 0x80))));

    // A group alice is not in yet, and its invite link (the join dialog's preview).
    const QString bookClub = dave.call("POST", u"/conversations"_s,
                                       {{u"type"_s, u"group"_s},
                                        {u"title"_s, u"Book club"_s},
                                        {u"usernames"_s, QJsonArray{u"bob"_s, u"carol"_s}}})
                                 .value(u"id"_s)
                                 .toString();
    seeded.inviteUrl = dave.call("POST", u"/conversations/%1/invites"_s.arg(bookClub), {})
                           .value(u"url"_s)
                           .toString();

    bob.say(seeded.dmWithBob, u"Hey Alice, do you have a minute?"_s);
    alice.say(seeded.dmWithBob, u"Sure, what's up?"_s);
    bob.say(seeded.dmWithBob, u"The *release build* is failing on the packaging step:\n```\n"
                              "dpkg-deb: error: natter.svg: No such file\n```"_s);
    bob.showImage(seeded.dmWithBob, u"build-log.png"_s, png(buildLogScreenshot()));
    bob.say(seeded.dmWithBob, u"Something about a missing icon in the _.deb_."_s);
    alice.say(seeded.dmWithBob, u"> a missing icon\nAh, I moved the SVG yesterday. "
                                "I'll fix the `install` rule."_s);
    const QString last = alice.say(seeded.dmWithBob,
                                   u"Should be green in ten minutes.\nI'll ping you when it is."_s);
    // Bob has read everything: alice's last messages show the read ticks.
    bob.call("POST", u"/messages/%1/read"_s.arg(last));

    dave.say(dmDave, u"Are we still on for lunch tomorrow?"_s);
    // #12: a reply, reactions, an edited and a deleted message, a mention.
    const QString time = alice.say(dmDave, u"Yes! 12:30 at the noodle place?"_s);
    alice.call("PATCH", u"/messages/%1"_s.arg(time),
               {{u"body_text"_s, u"Yes! 12:45 at the noodle place?"_s}});
    const QString perfect = dave.reply(dmDave, time, u"Perfect, see you there 🍜"_s);
    dave.react(time, u"👍"_s);
    alice.react(perfect, u"❤️"_s);
    dave.react(perfect, u"❤️"_s);
    const QString oops = dave.say(dmDave, u"Oops, wrong chat"_s);
    dave.call("DELETE", u"/messages/%1"_s.arg(oops));
    const QString table = dave.say(dmDave, u"@alice can you book a table for four?"_s);
    alice.call("POST", u"/messages/%1/read"_s.arg(table));
    // An unread mention in another conversation: the "@" badge in the list.
    carol.say(dmCarol, u"@alice one more thing: could you send me the notes too?"_s);
    return seeded;
}

class Camera
{
public:
    Camera(QQuickWindow *window, QString dir) : m_window(window), m_dir(std::move(dir)) {}

    void shoot(const QString &name)
    {
        wait(600); // let animations (popups open in ~200 ms) and late answers settle
        const QImage image = m_window->grabWindow();
        const QString path = QDir(m_dir).filePath(u"desktop-%1.png"_s.arg(name));
        if (image.isNull() || !image.save(path))
            std::fprintf(stderr, "could not save %s\n", qPrintable(path));
        else
            std::printf("saved %s\n", qPrintable(path));
    }

private:
    QQuickWindow *m_window;
    QString m_dir;
};

//! The X pointer (Xvfb has one, in the middle of the screen) off the window, so no message
//! shows its hover actions by accident; or onto the message whose text starts with `text`.
void pointAway(QQuickWindow *window)
{
    QCursor::setPos(window->screen(), window->screen()->geometry().bottomRight());
}

void pointAt(QQuickWindow *window, const QString &text)
{
    auto *list = window->findChild<QQuickItem *>(u"messageListView"_s);
    if (!list)
        return;
    const QList<QQuickItem *> rows = list->findChildren<QQuickItem *>();
    for (QQuickItem *row : rows) {
        if (!row->property("bodyText").toString().startsWith(text))
            continue;
        const QPointF middle = row->mapToGlobal(QPointF(60, row->height() / 2));
        QCursor::setPos(window->screen(), middle.toPoint());
        return;
    }
}

//! Every image in the window that is shown has its pixels (they load asynchronously).
bool imagesLoaded(QQuickWindow *window, const char *name)
{
    const QList<QObject *> images = window->findChildren<QObject *>(QString::fromLatin1(name));
    for (QObject *image : images) {
        auto *item = qobject_cast<QQuickItem *>(image);
        if (item && item->isVisible() && image->property("status").toInt() != 1)
            return false;
    }
    return !images.isEmpty();
}

QObject *find(QQuickWindow *window, const char *name)
{
    QObject *found = window->findChild<QObject *>(QString::fromLatin1(name));
    if (!found)
        std::fprintf(stderr, "no object named %s\n", name);
    return found;
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    if (argc < 3) {
        std::fprintf(stderr, "usage: natter-screenshots SERVER_URL OUT_DIR [--dark]\n");
        return 2;
    }
    const QUrl server(QString::fromLocal8Bit(argv[1]));
    const QString out = QString::fromLocal8Bit(argv[2]);
    const bool dark = argc > 3 && qstrcmp(argv[3], "--dark") == 0;
    if (dark)
        qputenv("NATTER_THEME", "dark");
    QDir().mkpath(out);
    AppShell::prepareApplication();

    const Seeded seeded = dark ? Seeded{} : seed(server);
    // Bob has the app open too: "online" in his DM's header, "typing…" in the list (#18).
    ApiClient bobApi;
    bobApi.setBaseUrl(server);
    RealtimeClient bobSocket(&bobApi);
    if (!dark) {
        bool signedIn = false;
        bobApi.devLogin(u"bob"_s, &bobApi,
                        [&](const natter::Result<SignInResult> &) { signedIn = true; });
        waitFor([&] { return signedIn; });
        bobSocket.start();
        waitFor([&] { return bobSocket.state() == RealtimeClient::State::Online; });
    }

    QTemporaryDir data;
    Session::Options options;
    options.dataDir = data.path();
    options.keychain = TokenStore::Mode::MemoryOnly;
    Session session(std::move(options));
    AppShell shell(&session);
    if (!shell.load())
        return 1;
    QQuickWindow *window = shell.window();
    window->resize(1100, 700);
    session.start();
    // Xvfb has no window manager to focus the window; read receipts (and the badges they
    // clear) only follow an active window, as for a user looking at it.
    window->requestActivate();
    pointAway(window);
    Camera camera(window, out);

    if (!dark) {
        waitFor([&] { return session.state() == Session::State::NeedsServer; });
        camera.shoot(u"server"_s);
    }
    session.setServer(server.toString());
    waitFor([&] { return session.state() == Session::State::SignedOut; });
    if (!dark)
        camera.shoot(u"signin"_s);

    session.devSignIn(u"alice"_s);
    waitFor([&] { return session.state() == Session::State::Ready; });
    waitFor([&] { return session.conversations()->model()->count() >= 4; });
    const auto idOf = [&](const QString &title) {
        const auto *model = session.conversations()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->index(row).data(ConversationListModel::TitleRole).toString() == title)
                return model->index(row).data(ConversationListModel::IdRole).toString();
        }
        return QString();
    };
    waitFor([&] { return !idOf(u"Bob Martin"_s).isEmpty(); });
    session.chat()->open(idOf(u"Bob Martin"_s));
    waitFor([&] { return session.chat()->messages() && session.chat()->messages()->count() >= 8; });
    waitFor([&] { return imagesLoaded(window, "messageImagePicture"); });
    wait(800); // receipts
    camera.shoot(dark ? u"chat-dark"_s : u"chat"_s);
    if (dark)
        return 0;

    session.chat()->open(idOf(u"Weekend hike"_s));
    waitFor([&] { return session.chat()->messages()->count() >= 6; });
    waitFor([&] { return imagesLoaded(window, "messageImagePicture"); });
    session.chat()->composing();
    camera.shoot(u"group"_s);

    // Images (#13): the full-size viewer, then one waiting above the composer.
    if (QObject *viewer = find(window, "imageViewer")) {
        const QVariantMap image = session.chat()
                                      ->messages()
                                      ->index(session.chat()->messages()->count() - 1)
                                      .data(MessageListModel::AttachmentsRole)
                                      .toList()
                                      .value(0)
                                      .toMap();
        QMetaObject::invokeMethod(viewer, "show", Q_ARG(QVariant, image.value(u"source"_s)),
                                  Q_ARG(QVariant, image.value(u"width"_s)),
                                  Q_ARG(QVariant, image.value(u"height"_s)),
                                  Q_ARG(QVariant, image.value(u"name"_s)));
        waitFor([&] { return imagesLoaded(window, "viewerImage"); });
        camera.shoot(u"image-viewer"_s);
        QMetaObject::invokeMethod(viewer, "close");
    }
    session.attachments()->addImage(png(ridgePhoto()), u"ridge-again.png"_s);
    session.attachments()->addImage(png(buildLogScreenshot()), u"log.png"_s);
    if (QObject *input = find(window, "composerInput"))
        input->setProperty("text", u"Two more from the trip"_s);
    waitFor([&] { return !session.attachments()->uploading(); });
    camera.shoot(u"attach-preview"_s);
    session.attachments()->clear();
    if (QObject *input = find(window, "composerInput"))
        input->setProperty("text", QString());

    // Invites (#14): a pasted link, previewed.
    if (QObject *join = find(window, "joinInviteDialog")) {
        session.invites()->preview(seeded.inviteUrl);
        QMetaObject::invokeMethod(join, "open");
        waitFor([&] { return session.invites()->state() == InviteController::State::Previewed; });
        camera.shoot(u"join-invite"_s);
        QMetaObject::invokeMethod(join, "close");
    }

    if (QObject *members = find(window, "membersPanel")) {
        QMetaObject::invokeMethod(members, "open");
        camera.shoot(u"members"_s);
        QMetaObject::invokeMethod(members, "close");
    }

    // #18: the group's settings as its admin sees them, with Bob online.
    if (QObject *groupSettings = find(window, "groupSettingsDialog")) {
        QMetaObject::invokeMethod(groupSettings, "open");
        waitFor([&] { return !session.group()->description().isEmpty(); });
        camera.shoot(u"group-settings"_s);
        QMetaObject::invokeMethod(groupSettings, "close");
    }
    // The list: Bob typing in his DM (not the open chat), a pinned group, a muted chat with a
    // quiet dot for its unread message, and a conversation's menu.
    session.preferences()->setPinned(seeded.group, true);
    session.preferences()->mute(idOf(u"Carol Diaz"_s), 0);
    waitFor([&] {
        const auto *model = session.conversations()->model();
        const int row = model->indexOf(QUuid::fromString(idOf(u"Carol Diaz"_s)));
        return row >= 0 && model->index(row).data(ConversationListModel::MutedRole).toBool() &&
               model->index(0).data(ConversationListModel::IdRole).toString() == seeded.group;
    });
    bobSocket.sendTyping(QUuid::fromString(seeded.dmWithBob), true);
    waitFor([&] {
        const auto *model = session.conversations()->model();
        const int row = model->indexOf(QUuid::fromString(seeded.dmWithBob));
        return !model->index(row).data(ConversationListModel::TypingTextRole).toString().isEmpty();
    });
    camera.shoot(u"list-typing"_s);
    if (QObject *menu = find(window, "conversationMenu")) {
        menu->setProperty("conversationId", idOf(u"Dave Okafor"_s));
        menu->setProperty("x", 120);
        menu->setProperty("y", 330);
        QMetaObject::invokeMethod(menu, "open");
        camera.shoot(u"conversation-menu"_s);
        QMetaObject::invokeMethod(menu, "close");
    }
    bobSocket.sendTyping(QUuid::fromString(seeded.dmWithBob), false);
    // Archived: out of the list, behind "Archived (1)".
    session.preferences()->setArchived(idOf(u"Dave Okafor"_s), true);
    waitFor([&] { return session.conversations()->model()->archivedCount() == 1; });
    camera.shoot(u"archived-row"_s);
    session.conversations()->filtered()->setShowArchived(true);
    camera.shoot(u"archived"_s);
    session.conversations()->filtered()->setShowArchived(false);
    session.preferences()->setArchived(idOf(u"Dave Okafor"_s), false);
    session.preferences()->unmute(idOf(u"Carol Diaz"_s));
    waitFor([&] { return session.conversations()->model()->archivedCount() == 0; });

    if (QObject *search = find(window, "userSearchDialog")) {
        QMetaObject::invokeMethod(search, "open");
        wait(300);
        if (QObject *field = find(window, "userSearchField"))
            field->setProperty("text", u"a"_s);
        waitFor([&] { return session.people()->results()->count() > 0; });
        camera.shoot(u"user-search"_s);
        QMetaObject::invokeMethod(search, "close");
    }

    if (QObject *profile = find(window, "profileDialog")) {
        QMetaObject::invokeMethod(profile, "show", Q_ARG(QVariant, u"carol"_s));
        waitFor([&] { return session.people()->profile().contains(u"id"_s); });
        camera.shoot(u"profile"_s);
        QMetaObject::invokeMethod(profile, "close");
    }

    if (QObject *group = find(window, "newGroupDialog")) {
        QMetaObject::invokeMethod(group, "open");
        wait(300);
        if (QObject *title = find(window, "groupTitleField"))
            title->setProperty("text", u"Book club"_s);
        group->setProperty("chosen", QStringList{u"bob"_s, u"dave"_s});
        if (QObject *field = find(window, "groupSearchField"))
            field->setProperty("text", u"c"_s);
        waitFor([&] { return session.people()->results()->count() > 0; });
        camera.shoot(u"new-group"_s);
        QMetaObject::invokeMethod(group, "close");
    }

    if (QObject *switcher = find(window, "quickSwitcher")) {
        QMetaObject::invokeMethod(switcher, "open");
        wait(300);
        if (QObject *field = find(window, "switcherField"))
            field->setProperty("text", u"o"_s);
        camera.shoot(u"quick-switcher"_s);
        QMetaObject::invokeMethod(switcher, "close");
    }

    if (QObject *settings = find(window, "settingsDialog")) {
        // This tool has no tray (a QGuiApplication); the settings look as they do with one.
        session.tray()->setAvailable(true);
        QMetaObject::invokeMethod(settings, "open");
        camera.shoot(u"settings"_s);
        QMetaObject::invokeMethod(settings, "close");
    }

    // #12: a reply being written, reactions, an edited and a deleted message, a mention.
    session.chat()->open(idOf(u"Dave Okafor"_s));
    waitFor([&] { return session.chat()->messages()->count() >= 6; });
    // Replying to Dave's answer: the quote shows above the composer.
    const MessageListModel *messages = session.chat()->messages();
    for (int row = 0; row < messages->rowCount(); ++row) {
        const QModelIndex index = messages->index(row);
        if (index.data(MessageListModel::BodyTextRole).toString().startsWith(u"Perfect"_s))
            session.chat()->draft()->replyTo(
                index.data(MessageListModel::MessageIdRole).toString());
    }
    // The pointer on Dave's answer: its hover actions show.
    pointAt(window, u"Perfect"_s);
    camera.shoot(u"conversation-features"_s);
    pointAway(window);
    session.chat()->draft()->cancel();

    if (QObject *search = find(window, "searchDialog")) {
        QMetaObject::invokeMethod(search, "show", Q_ARG(QVariant, true));
        wait(300);
        if (QObject *field = find(window, "searchField"))
            field->setProperty("text", u"noodle"_s);
        waitFor([&] { return session.search()->results()->count() > 0; });
        camera.shoot(u"search"_s);
        // Enter: the message in its conversation, outlined.
        QMetaObject::invokeMethod(search, "openCurrent");
        camera.shoot(u"search-jump"_s);
    }

    // Carol's conversation, opened with her mention unread: "New messages" above it.
    session.chat()->open(idOf(u"Carol Diaz"_s));
    waitFor([&] { return session.chat()->messages()->count() >= 3; });
    camera.shoot(u"new-messages"_s);

    // #12: the full emoji picker from the composer, recent ones first, then a search.
    for (const QString &emoji : {u"🎉"_s, u"😂"_s, u"❤️"_s, u"👍"_s})
        session.emojis()->remember(emoji);
    if (QObject *button = find(window, "emojiButton")) {
        QMetaObject::invokeMethod(button, "clicked");
        camera.shoot(u"emoji-picker"_s);
        if (QObject *field = find(window, "emojiSearchField"))
            field->setProperty("text", u"heart"_s);
        camera.shoot(u"emoji-picker-search"_s);
        if (QObject *picker = find(window, "emojiPicker"))
            QMetaObject::invokeMethod(picker, "close");
    }

    // #12: a conversation with 30 unread messages opens at the first of them, not the newest.
    {
        Rest frank(server);
        frank.signIn(u"frank"_s, u"Frank Lee"_s);
        const QString dmFrank = frank
                                    .call("POST", u"/conversations"_s,
                                          {{u"type"_s, u"dm"_s}, {u"username"_s, u"alice"_s}})
                                    .value(u"id"_s)
                                    .toString();
        frank.say(dmFrank, u"Hi Alice, I'm taking over the release notes from Bob."_s);
        frank.say(dmFrank, u"I'll send you my notes as I go."_s);
        // Alice reads those two (the conversation in her list first, so the list keeps the mark).
        const auto frankInList = [&] {
            return session.conversations()->model()->find(QUuid::fromString(dmFrank));
        };
        waitFor([&] { return frankInList().has_value(); });
        session.chat()->open(dmFrank);
        waitFor([&] { return frankInList() && frankInList()->lastReadSeq >= 2; });
        session.chat()->close();
        wait(500);
        for (int i = 1; i <= 30; ++i)
            frank.say(dmFrank,
                      u"Note %1: %2"_s.arg(i).arg(i % 3 == 0 ? u"packaging checked"_s
                                                             : u"changelog entry written"_s));
        waitFor([&] { return frankInList() && frankInList()->unreadCount >= 30; });
        session.chat()->open(dmFrank);
        waitFor([&] { return !session.chat()->openingAtUnread(); });
        camera.shoot(u"opened-at-unread"_s);
    }

    session.signOut();
    session.devSignIn(u"erin"_s);
    waitFor([&] { return session.state() == Session::State::NeedsUsername; });
    camera.shoot(u"username"_s);

    // A server that does not answer: the address page says what failed.
    session.changeServer();
    waitFor([&] { return session.state() == Session::State::NeedsServer; });
    session.setServer(u"127.0.0.1:9"_s); // the discard port: nothing listens
    waitFor([&] { return !session.errorText().isEmpty(); });
    camera.shoot(u"server-unreachable"_s);
    return 0;
}
