// SPDX-License-Identifier: Apache-2.0
#pragma once
// The whole desktop window (AppShell, as `natter` shows it) in a test, against a real server:
// opening it, signing in as a user would, a web user over REST, and finding items on screen.

#include "app/session.h"
#include "desktopsession.h"
#include "httpclient.h"
#include "serverprocess.h"
#include "ui/appshell.h"

#include <QJsonObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QTest>
#include <QUuid>

#include <memory>

namespace natter::testing {

using namespace Qt::Literals::StringLiterals;

constexpr int kWindowTimeoutMs = 15000;

//! A Session and the window that shows it, with its data under one folder.
struct WindowApp
{
    std::unique_ptr<desktop::Session> session;
    std::unique_ptr<desktop::AppShell> shell;

    [[nodiscard]] QQuickWindow *window() const { return shell->window(); }

    //! Opens the app on `dataDir` (token in memory only, no browser) and activates its window.
    static WindowApp open(const QString &dataDir)
    {
        desktop::Session::Options options;
        options.dataDir = dataDir;
        options.keychain = desktop::TokenStore::Mode::MemoryOnly;
        options.openBrowser = [](const QUrl &) { return false; };
        WindowApp app;
        app.session = std::make_unique<desktop::Session>(std::move(options));
        app.shell = std::make_unique<desktop::AppShell>(app.session.get());
        if (!app.shell->load())
            return app;
        app.session->start();
        app.window()->requestActivate();
        (void)QTest::qWaitForWindowActive(app.window());
        return app;
    }
};

//! Signs `web` in over REST as `name`, username claimed.
inline void webSignIn(HttpClient &web, const ServerProcess &server, const QString &name)
{
    const auto login = web.postJson(server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, name}});
    web.setBearer(login.json().value(u"access_token"_s).toString());
    web.put(server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, name}});
}

//! `web` writes `count` messages ("<prefix> 1", …) into `dm`, starting a DM with `username`
//! when `dm` is empty; the conversation's id, empty when something failed.
inline QString webWrites(HttpClient &web, const ServerProcess &server, const QString &username,
                         int count, const QString &prefix, QString dm = {})
{
    if (dm.isEmpty()) {
        const auto created = web.postJson(server.url(u"/api/v1/conversations"_s),
                                          {{u"type"_s, u"dm"_s}, {u"username"_s, username}});
        dm = created.json().value(u"id"_s).toString();
    }
    for (int i = 1; i <= count && !dm.isEmpty(); ++i) {
        const auto sent = web.postJson(
            server.url(u"/api/v1/conversations/%1/messages"_s.arg(dm)),
            {{u"body_text"_s, u"%1 %2"_s.arg(prefix).arg(i)},
             {u"client_msg_id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)}});
        if (sent.status != 201)
            return {};
    }
    return dm;
}

//! Visible items called `name`, through the visual tree (a ListView's delegates are not QObject
//! children of the window).
inline void collectVisible(QQuickItem *item, const QString &name, QList<QQuickItem *> &found)
{
    if (!item->isVisible())
        return;
    if (item->objectName() == name)
        found.append(item);
    const QList<QQuickItem *> children = item->childItems();
    for (QQuickItem *child : children)
        collectVisible(child, name, found);
}

inline QList<QQuickItem *> visibleItemsNamed(QQuickWindow *window, const QString &name)
{
    QList<QQuickItem *> found;
    // Popups too: Qt Quick Controls' overlay is a child of the content item.
    collectVisible(window->contentItem(), name, found);
    return found;
}

//! The item's middle, in window coordinates.
inline QPoint centerOf(QQuickItem *item)
{
    return item->mapToScene(QPointF(item->width() / 2, item->height() / 2)).toPoint();
}

//! Waits for a visible item called `name` and clicks its middle; false when none showed.
[[nodiscard]] inline bool clickWhenShown(QQuickWindow *window, const QString &name)
{
    if (!QTest::qWaitFor([&] { return !visibleItemsNamed(window, name).isEmpty(); },
                         kWindowTimeoutMs))
        return false;
    QTest::mouseClick(window, Qt::LeftButton, {},
                      centerOf(visibleItemsNamed(window, name).constFirst()));
    return true;
}

//! The name of the item that has the keys.
inline QString focusedName(QQuickWindow *window)
{
    QQuickItem *item = window->activeFocusItem();
    if (!item)
        return {};
    // An unnamed item by its type and its parent's name, so a failure says where focus went.
    return !item->objectName().isEmpty()
               ? item->objectName()
               : u"<%1 in %2>"_s.arg(QString::fromLatin1(item->metaObject()->className()),
                                     item->parentItem() ? item->parentItem()->objectName()
                                                        : QString());
}

//! QTest::keyClicks exists for widgets only.
inline void typeText(QQuickWindow *window, const QString &text)
{
    for (const QChar c : text)
        QTest::keyClick(window, c.toLatin1());
}

} // namespace natter::testing
