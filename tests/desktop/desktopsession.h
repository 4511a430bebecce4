// SPDX-License-Identifier: Apache-2.0
#pragma once
// A desktop app's Session in a test, without a window, against a real server: made, signed in
// as a user would, and its conversations opened. One set-up for every desktop test class, so a
// change to how the app signs in is made once.

#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/session.h"
#include "serverprocess.h"

#include <QSignalSpy>
#include <QStringList>
#include <QTest>

#include <memory>

namespace natter::testing {

//! How long a session may take to reach a state the test waits for (sign-in, online, a
//! conversation opening); only how long a failing test takes to say so.
constexpr int kSessionTimeoutMs = 20000;

//! A Session on `dataDir`: tokens in memory only, no browser, reconnecting and resending after
//! 100 ms to 1 s so a test that cuts the connection does not wait out the real backoff.
inline std::unique_ptr<desktop::Session> newSession(const QString &dataDir)
{
    desktop::Session::Options options;
    options.dataDir = dataDir;
    options.keychain = desktop::TokenStore::Mode::MemoryOnly;
    options.openBrowser = [](const QUrl &) { return false; };
    auto session = std::make_unique<desktop::Session>(std::move(options));
    session->realtime()->setBackoff(desktop::Backoff(100, 1000));
    session->outbox()->setBackoff(desktop::Backoff(100, 1000));
    return session;
}

//! The development sign-in of `session` at `server` as `name`, username claimed when asked.
inline void signInAs(desktop::Session *session, const ServerProcess &server, const QString &name)
{
    using State = desktop::Session::State;
    if (session->state() != State::Ready) {
        session->setServer(server.url({}).toString());
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), State::SignedOut, kSessionTimeoutMs);
        session->devSignIn(name);
    }
    QTRY_VERIFY_WITH_TIMEOUT(session->state() == State::NeedsUsername ||
                                 session->state() == State::Ready,
                             kSessionTimeoutMs);
    if (session->state() == State::NeedsUsername)
        session->claimUsername(name);
    QTRY_COMPARE_WITH_TIMEOUT(session->state(), State::Ready, kSessionTimeoutMs);
}

//! Whether signedInSession waits for the realtime connection too (not when the test's server
//! has none, or the test watches the connection come up itself).
enum class WaitOnline
{
    No,
    Yes
};

//! A started Session on `dataDir`, signed in at `server` as `name` (username claimed) and,
//! unless told otherwise, online.
inline std::unique_ptr<desktop::Session> signedInSession(const ServerProcess &server,
                                                         const QString &name,
                                                         const QString &dataDir,
                                                         WaitOnline online = WaitOnline::Yes)
{
    auto session = newSession(dataDir);
    session->start();
    signInAs(session.get(), server, name);
    if (online == WaitOnline::Yes) {
        [&] {
            QTRY_COMPARE_WITH_TIMEOUT(session->connection(), desktop::Session::Connection::Online,
                                      kSessionTimeoutMs);
        }();
    }
    return session;
}

//! The id of the conversation `from` was asked to open by `request`, opened in its chat; empty
//! when none opened in time.
template <typename Request> QString openWhenAsked(desktop::Session *from, Request request)
{
    QSignalSpy opened(from->conversations(), &desktop::ConversationsController::openRequested);
    request(from->conversations());
    [&] { QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kSessionTimeoutMs); }();
    if (opened.isEmpty())
        return {};
    const QString id = opened.at(0).at(0).toString();
    from->chat()->open(id);
    return id;
}

//! `from` opens its DM with `username`, creating it if new; the DM's id.
inline QString openDm(desktop::Session *from, const QString &username)
{
    return openWhenAsked(from, [&](desktop::ConversationsController *conversations) {
        conversations->startDirectMessage(username);
    });
}

//! `from` creates a group called `title` with `usernames` and opens it; the group's id.
inline QString openGroup(desktop::Session *from, const QString &title, const QStringList &usernames)
{
    return openWhenAsked(from, [&](desktop::ConversationsController *conversations) {
        conversations->createGroup(title, usernames);
    });
}

} // namespace natter::testing
