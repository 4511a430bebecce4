// SPDX-License-Identifier: Apache-2.0
#include "chat/systemlines.h"

#include "db/messagerepository.h"
#include "db/userrepository.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::chat {
namespace {

//! The name a sentence uses: the display name, or "Someone" for an account that is gone.
Result<QString> nameOf(QSqlDatabase &db, const QUuid &userId)
{
    if (userId.isNull())
        return u"Someone"_s;
    auto user = UserRepository(db).findById(userId);
    if (!user)
        return user.error();
    if (!user.value() || user.value()->displayName.isEmpty())
        return u"Someone"_s;
    return user.value()->displayName;
}

//! The sentence as it reads today; clients that know the event may word it themselves.
QString sentence(const SystemEvent &event, const QString &actor, const QString &user)
{
    using Kind = SystemEvent::Kind;
    switch (event.kind) {
    case Kind::MemberAdded:
        return u"%1 added %2"_s.arg(actor, user);
    case Kind::MemberJoined:
        return u"%1 joined with an invite link"_s.arg(user);
    case Kind::MemberLeft:
        return u"%1 left"_s.arg(user);
    case Kind::MemberRemoved:
        return u"%1 removed %2"_s.arg(actor, user);
    case Kind::Renamed:
        return u"%1 renamed the group to \u201c%2\u201d"_s.arg(actor, event.title);
    case Kind::DescriptionChanged:
        return event.description.isEmpty() ? u"%1 removed the group description"_s.arg(actor)
                                           : u"%1 changed the group description"_s.arg(actor);
    case Kind::AdminPromoted:
        return event.actorId.isNull() ? u"%1 is now an admin"_s.arg(user)
                                      : u"%1 made %2 an admin"_s.arg(actor, user);
    case Kind::AdminDemoted:
        return event.actorId == event.userId ? u"%1 is no longer an admin"_s.arg(actor)
                                             : u"%1 removed %2 as admin"_s.arg(actor, user);
    case Kind::AvatarChanged:
        return u"%1 changed the group picture"_s.arg(actor);
    case Kind::AvatarRemoved:
        return u"%1 removed the group picture"_s.arg(actor);
    case Kind::Other:
        break;
    }
    return {};
}

} // namespace

Result<Message> recordSystemLine(QSqlDatabase &db, const QUuid &conversationId,
                                 const SystemEvent &event)
{
    auto actor = nameOf(db, event.actorId);
    if (!actor)
        return actor.error();
    auto user = nameOf(db, event.userId);
    if (!user)
        return user.error();
    auto message = MessageRepository(db).appendSystem(conversationId, event.actorId,
                                                      sentence(event, *actor, *user), event);
    if (!message)
        return message.error();
    if (auto published = realtime::publishMessageNew(db, message.value()); !published)
        return published.error();
    return message;
}

} // namespace natter::server::chat
