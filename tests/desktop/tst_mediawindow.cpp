// SPDX-License-Identifier: Apache-2.0
// Issue 13's "done when" in the whole window (the same AppShell as `natter`) against a real
// natter-server and PostgreSQL: a web user sends a screenshot, the desktop user's timeline
// shows its thumbnail in a box of the image's proportions, a click opens it full size, Esc
// closes it; and the attach button opens a file dialog that loads.
#include "app/chatcontroller.h"
#include "app/invitecontroller.h"
#include "desktopwindow.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QPainter>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using natter::testing::HttpClient;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;
using natter::testing::visibleItemsNamed;

namespace {

constexpr int kTimeoutMs = 20000;

QByteArray screenshotPng()
{
    QImage image(1000, 500, QImage::Format_RGB32);
    image.fill(QColor(0x20, 0x22, 0x27));
    QPainter painter(&image);
    painter.fillRect(QRect(100, 100, 400, 200), QColor(0x5b, 0x4c, 0xf0));
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

//! Qt Quick's Image status, as the QML enum: Ready is 1.
constexpr int kImageReady = 1;

//! Warnings the QML engine printed (a dialog that fails to load says so only here).
QStringList g_qmlWarnings;
void collectWarnings(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (type == QtWarningMsg && (message.contains(u"qrc:/"_s) || message.contains(u".qml"_s)))
        g_qmlWarnings.append(message);
    if (type == QtFatalMsg)
        abort();
    Q_UNUSED(context);
    fprintf(stderr, "%s\n", qPrintable(message));
}

} // namespace

class TestMediaWindow : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_database;
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase()
    {
        qInstallMessageHandler(collectWarnings);
        QVERIFY2(m_database.isValid(), qPrintable(m_database.error()));
        QVERIFY(m_server.start(m_database.url()));
    }

    void aPastedScreenshotArrivesAsAThumbnailThatOpensFullSize()
    {
        QTemporaryDir dir;
        Session::Options options;
        options.dataDir = dir.path();
        options.keychain = TokenStore::Mode::MemoryOnly;
        options.openBrowser = [](const QUrl &) { return false; };
        Session session(std::move(options));
        AppShell shell(&session);
        QVERIFY(shell.load());
        QQuickWindow *window = shell.window();
        window->resize(1000, 700);
        session.start();
        window->requestActivate();
        QVERIFY(QTest::qWaitForWindowExposed(window));

        session.setServer(m_server.url({}).toString());
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedOut, kTimeoutMs);
        session.devSignIn(u"lena"_s);
        QTRY_VERIFY_WITH_TIMEOUT(session.state() == Session::State::NeedsUsername, kTimeoutMs);
        session.claimUsername(u"lena"_s);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Ready, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(session.connection(), Session::Connection::Online, kTimeoutMs);

        // The web user (REST, as the web app) starts a DM and pastes a screenshot into it.
        HttpClient web;
        const auto login =
            web.postJson(m_server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, u"max"_s}});
        web.setBearer(login.json().value(u"access_token"_s).toString());
        web.put(m_server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, u"max"_s}});
        const QString dm = web.postJson(m_server.url(u"/api/v1/conversations"_s),
                                        {{u"type"_s, u"dm"_s}, {u"username"_s, u"lena"_s}})
                               .json()
                               .value(u"id"_s)
                               .toString();
        QVERIFY(!dm.isEmpty());
        session.chat()->open(dm);
        const auto upload = web.post(m_server.url(u"/api/v1/uploads?name=screenshot.png"_s),
                                     screenshotPng(), "image/png");
        QCOMPARE(upload.status, 201);
        const auto sent = web.postJson(
            m_server.url(u"/api/v1/conversations/%1/messages"_s.arg(dm)),
            {{u"body_text"_s, u"look"_s},
             {u"client_msg_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
             {u"attachment_ids"_s, QJsonArray{upload.json().value(u"id"_s).toString()}}});
        QCOMPARE(sent.status, 201);

        // The thumbnail arrives, in a 2:1 box at most 320 wide, reserved before the pixels.
        QTRY_COMPARE_WITH_TIMEOUT(visibleItemsNamed(window, u"messageImagePicture"_s).size(), 1,
                                  kTimeoutMs);
        QQuickItem *picture = visibleItemsNamed(window, u"messageImagePicture"_s).constFirst();
        QCOMPARE(picture->width(), 320.0);
        QCOMPARE(picture->height(), 160.0);
        QTRY_COMPARE_WITH_TIMEOUT(picture->property("status").toInt(), kImageReady, kTimeoutMs);
        QVERIFY(picture->property("source").toString().endsWith(u"/thumbnail"_s));

        // A click opens the viewer with the full image; Esc closes it.
        QQuickItem *tile = visibleItemsNamed(window, u"messageImage"_s).constFirst();
        const QPointF centre = tile->mapToScene(QPointF(tile->width() / 2, tile->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, centre.toPoint());
        auto *viewer = window->findChild<QObject *>(u"imageViewer"_s);
        QVERIFY(viewer);
        QTRY_VERIFY_WITH_TIMEOUT(viewer->property("opened").toBool(), kTimeoutMs);
        auto *full = window->findChild<QQuickItem *>(u"viewerImage"_s);
        QVERIFY(full);
        QTRY_COMPARE_WITH_TIMEOUT(full->property("status").toInt(), kImageReady, kTimeoutMs);
        QVERIFY(!full->property("source").toString().endsWith(u"/thumbnail"_s));
        QTest::keyClick(window, Qt::Key_Escape);
        QTRY_VERIFY_WITH_TIMEOUT(!viewer->property("visible").toBool(), kTimeoutMs);

        // The attach button opens a file dialog that loads (its QML needs
        // Qt.labs.folderlistmodel where no native dialog is available).
        auto *attach = window->findChild<QQuickItem *>(u"attachButton"_s);
        QVERIFY(attach);
        const QPointF at = attach->mapToScene(QPointF(attach->width() / 2, attach->height() / 2));
        g_qmlWarnings.clear();
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, at.toPoint());
        QTest::qWait(500);
        QVERIFY2(g_qmlWarnings.isEmpty(), qPrintable(g_qmlWarnings.join(u'\n')));
    }

    //! `natter natter://invite/CODE`: the join dialog opens over the window with the preview,
    //! Join puts the user in the group, which opens.
    void aNatterUrlOpensTheJoinDialog()
    {
        HttpClient web;
        const auto login =
            web.postJson(m_server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, u"olga"_s}});
        web.setBearer(login.json().value(u"access_token"_s).toString());
        web.put(m_server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, u"olga"_s}});
        const QString group =
            web.postJson(m_server.url(u"/api/v1/conversations"_s), {{u"type"_s, u"group"_s},
                                                                    {u"title"_s, u"Choir"_s},
                                                                    {u"usernames"_s, QJsonArray{}}})
                .json()
                .value(u"id"_s)
                .toString();
        QVERIFY(!group.isEmpty());
        const QString code =
            web.postJson(m_server.url(u"/api/v1/conversations/%1/invites"_s.arg(group)), {})
                .json()
                .value(u"code"_s)
                .toString();
        QVERIFY(!code.isEmpty());

        QTemporaryDir dir;
        Session::Options options;
        options.dataDir = dir.path();
        options.keychain = TokenStore::Mode::MemoryOnly;
        options.openBrowser = [](const QUrl &) { return false; };
        Session session(std::move(options));
        AppShell shell(&session);
        QVERIFY(shell.load());
        QQuickWindow *window = shell.window();
        window->resize(1000, 700);
        session.start();
        QVERIFY(QTest::qWaitForWindowExposed(window));
        session.setServer(m_server.url({}).toString());
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::SignedOut, kTimeoutMs);
        session.devSignIn(u"pia"_s);
        QTRY_VERIFY_WITH_TIMEOUT(session.state() == Session::State::NeedsUsername, kTimeoutMs);
        session.claimUsername(u"pia"_s);
        QTRY_COMPARE_WITH_TIMEOUT(session.state(), Session::State::Ready, kTimeoutMs);

        // What main.cpp does with the command line's natter: URL.
        QVERIFY(session.invites()->openUrl(u"natter://invite/"_s + code));
        auto *dialog = window->findChild<QObject *>(u"joinInviteDialog"_s);
        QVERIFY(dialog);
        QTRY_VERIFY_WITH_TIMEOUT(dialog->property("opened").toBool(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(visibleItemsNamed(window, u"inviteTitle"_s).size(), 1,
                                  kTimeoutMs);
        QCOMPARE(
            visibleItemsNamed(window, u"inviteTitle"_s).constFirst()->property("text").toString(),
            u"Choir"_s);
        QCOMPARE(visibleItemsNamed(window, u"inviteLinkField"_s)
                     .constFirst()
                     ->property("text")
                     .toString(),
                 u"natter://invite/"_s + code);

        QList<QQuickItem *> join;
        natter::testing::collectVisible(
            qvariant_cast<QQuickItem *>(dialog->property("contentItem")), u"dialogPrimaryButton"_s,
            join);
        QCOMPARE(join.size(), 1);
        QTRY_VERIFY_WITH_TIMEOUT(join.constFirst()->isEnabled(), kTimeoutMs);
        const QPointF at = join.constFirst()->mapToScene(
            QPointF(join.constFirst()->width() / 2, join.constFirst()->height() / 2));
        QTest::mouseClick(window, Qt::LeftButton, Qt::NoModifier, at.toPoint());
        QTRY_COMPARE_WITH_TIMEOUT(session.chat()->conversationId(), group, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog->property("visible").toBool(), kTimeoutMs);
    }
};

QTEST_MAIN(TestMediaWindow)
#include "tst_mediawindow.moc"
