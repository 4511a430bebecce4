// SPDX-License-Identifier: Apache-2.0
#include "app/qmltypes.h"

#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/peoplecontroller.h"
#include "app/session.h"

#include <QQmlEngine>

namespace natter::desktop {

void registerQmlTypes(Session *session)
{
    constexpr auto uri = "Natter.Core";
    const auto why = QStringLiteral("Owned by the Session");
    qmlRegisterUncreatableType<ChatController>(uri, 1, 0, "ChatController", why);
    qmlRegisterUncreatableType<ConversationsController>(uri, 1, 0, "ConversationsController", why);
    qmlRegisterUncreatableType<PeopleController>(uri, 1, 0, "PeopleController", why);
    qmlRegisterUncreatableType<MessageListModel>(uri, 1, 0, "MessageList", why);
    qmlRegisterUncreatableType<ConversationListModel>(uri, 1, 0, "ConversationList", why);
    qmlRegisterUncreatableType<ConversationFilterModel>(uri, 1, 0, "ConversationFilter", why);
    qmlRegisterUncreatableType<MemberListModel>(uri, 1, 0, "MemberList", why);
    qmlRegisterUncreatableType<UserSearchModel>(uri, 1, 0, "UserSearch", why);
    qmlRegisterSingletonInstance(uri, 1, 0, "Session", session);
}

} // namespace natter::desktop
