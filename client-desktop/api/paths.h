// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QUrl>
#include <QUuid>

//! Every REST path of the contract the app calls (docs/api.md), relative to `/api/v1`: the one
//! place a path is spelled. Only api/ uses them; the rest of the app calls ApiClient's typed
//! methods.
namespace natter::desktop::paths {

using namespace Qt::Literals::StringLiterals;

inline QString segment(const QString &value)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(value));
}

inline QString segment(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

inline QString providers()
{
    return u"/auth/providers"_s;
}
inline QString providerStart(const QString &providerId)
{
    return u"/auth/%1/start"_s.arg(segment(providerId));
}
inline QString devLogin()
{
    return u"/auth/dev/login"_s;
}
inline QString tokenExchange()
{
    return u"/auth/token"_s;
}
inline QString refresh()
{
    return u"/auth/refresh"_s;
}
inline QString logout()
{
    return u"/auth/logout"_s;
}
inline QString socket()
{
    return u"/ws"_s;
}

inline QString me()
{
    return u"/me"_s;
}
inline QString myProfile()
{
    return u"/users/me"_s;
}
inline QString myUsername()
{
    return u"/users/me/username"_s;
}
inline QString userSearch()
{
    return u"/users/search"_s;
}
inline QString user(const QString &username)
{
    return u"/users/"_s + segment(username);
}

inline QString conversations()
{
    return u"/conversations"_s;
}
inline QString conversation(const QUuid &id)
{
    return u"/conversations/"_s + segment(id);
}
inline QString members(const QUuid &id)
{
    return conversation(id) + u"/members"_s;
}
inline QString member(const QUuid &id, const QUuid &userId)
{
    return members(id) + u'/' + segment(userId);
}
inline QString receipts(const QUuid &id)
{
    return conversation(id) + u"/receipts"_s;
}
inline QString messages(const QUuid &id)
{
    return conversation(id) + u"/messages"_s;
}
inline QString messageRead(const QUuid &messageId)
{
    return u"/messages/%1/read"_s.arg(segment(messageId));
}

// Conversation features (#12): changes to messages, and message search.
inline QString message(const QUuid &messageId)
{
    return u"/messages/"_s + segment(messageId);
}
inline QString reaction(const QUuid &messageId, const QString &emoji)
{
    return message(messageId) + u"/reactions/"_s + segment(emoji);
}
inline QString changes(const QUuid &conversationId)
{
    return conversation(conversationId) + u"/changes"_s;
}
inline QString messageSearch()
{
    return u"/search/messages"_s;
}

inline QString blocks()
{
    return u"/blocks"_s;
}
inline QString block(const QString &username)
{
    return blocks() + u'/' + segment(username);
}
inline QString reports()
{
    return u"/reports"_s;
}

// Images, invites and the account (#13, #14). Uploads are sent by TransferClient, which
// takes whole server paths: apiPrefix() + one of these.
inline QString apiPrefix()
{
    return u"/api/v1"_s;
}
inline QString uploads()
{
    return u"/uploads"_s;
}
inline QString uploadThumbnail(const QUuid &id)
{
    return uploads() + u'/' + segment(id) + u"/thumbnail"_s;
}
//! A group's picture (#18): `PUT` an image, `DELETE` for initials (admins).
inline QString groupPicture(const QUuid &conversationId)
{
    return conversation(conversationId) + u"/avatar"_s;
}
inline QString myAvatar()
{
    return u"/users/me/avatar"_s;
}
inline QString myExport()
{
    return u"/users/me/export"_s;
}
inline QString invite(const QString &code)
{
    return u"/invites/"_s + segment(code);
}
inline QString inviteJoin(const QString &code)
{
    return invite(code) + u"/join"_s;
}

// Group management, preferences and presence privacy (#18).
inline QString memberRole(const QUuid &id, const QUuid &userId)
{
    return member(id, userId) + u"/role"_s;
}
inline QString conversationPreferences(const QUuid &id)
{
    return conversation(id) + u"/preferences"_s;
}
inline QString myPrivacy()
{
    return u"/users/me/privacy"_s;
}

} // namespace natter::desktop::paths
