// SPDX-License-Identifier: Apache-2.0
#include "natter/systemevent.h"

#include <array>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace natter {
namespace {

constexpr std::array kNames{
    std::pair{SystemEvent::Kind::MemberAdded, "member_added"},
    std::pair{SystemEvent::Kind::MemberJoined, "member_joined"},
    std::pair{SystemEvent::Kind::MemberLeft, "member_left"},
    std::pair{SystemEvent::Kind::MemberRemoved, "member_removed"},
    std::pair{SystemEvent::Kind::Renamed, "renamed"},
    std::pair{SystemEvent::Kind::DescriptionChanged, "description_changed"},
    std::pair{SystemEvent::Kind::AdminPromoted, "admin_promoted"},
    std::pair{SystemEvent::Kind::AdminDemoted, "admin_demoted"},
    std::pair{SystemEvent::Kind::AvatarChanged, "avatar_changed"},
    std::pair{SystemEvent::Kind::AvatarRemoved, "avatar_removed"},
};

QJsonValue idValue(const QUuid &id)
{
    return id.isNull() ? QJsonValue() : QJsonValue(id.toString(QUuid::WithoutBraces));
}

} // namespace

QString SystemEvent::kindName(Kind kind)
{
    for (const auto &[known, name] : kNames) {
        if (known == kind)
            return QString::fromLatin1(name);
    }
    return u"other"_s;
}

QJsonObject SystemEvent::toJson() const
{
    QJsonObject object{{u"event"_s, kindName(kind)},
                       {u"actor_id"_s, idValue(actorId)},
                       {u"user_id"_s, idValue(userId)}};
    if (kind == Kind::Renamed)
        object.insert(u"title"_s, title);
    if (kind == Kind::DescriptionChanged)
        object.insert(u"description"_s, description);
    return object;
}

SystemEvent SystemEvent::fromJson(const QJsonObject &object)
{
    SystemEvent event;
    event.kind = Kind::Other;
    const QString name = object.value(u"event"_s).toString();
    for (const auto &[known, text] : kNames) {
        if (name == QLatin1StringView(text))
            event.kind = known;
    }
    event.actorId = QUuid::fromString(object.value(u"actor_id"_s).toString());
    event.userId = QUuid::fromString(object.value(u"user_id"_s).toString());
    event.title = object.value(u"title"_s).toString();
    event.description = object.value(u"description"_s).toString();
    return event;
}

} // namespace natter
