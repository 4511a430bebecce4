// SPDX-License-Identifier: Apache-2.0
// ApiClient's endpoints for running a group, the caller's mute/pin/archive of a conversation
// and presence privacy (#18).
#include "api/apiclient.h"
#include "api/paths.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

void ApiClient::updateGroup(const QUuid &conversationId, const QJsonObject &changes,
                            QObject *context, ApiCallback callback)
{
    patch(paths::conversation(conversationId), changes, context, std::move(callback));
}

void ApiClient::setMemberRole(const QUuid &conversationId, const QUuid &userId, bool admin,
                              QObject *context, ApiCallback callback)
{
    put(paths::memberRole(conversationId, userId), {{u"role"_s, admin ? u"admin"_s : u"member"_s}},
        context, std::move(callback));
}

void ApiClient::removeGroupPicture(const QUuid &conversationId, QObject *context,
                                   ApiCallback callback)
{
    del(paths::groupPicture(conversationId), context, std::move(callback));
}

void ApiClient::updatePreferences(const QUuid &conversationId, const QJsonObject &changes,
                                  QObject *context, ApiCallback callback)
{
    patch(paths::conversationPreferences(conversationId), changes, context, std::move(callback));
}

void ApiClient::presencePrivacy(QObject *context, ApiCallback callback)
{
    get(paths::myPrivacy(), {}, context, std::move(callback));
}

void ApiClient::setPresencePrivacy(bool hidden, QObject *context, ApiCallback callback)
{
    put(paths::myPrivacy(), {{u"hide_presence"_s, hidden}}, context, std::move(callback));
}

} // namespace natter::desktop
