// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QString>
#include <QUuid>

namespace natter {

//! What a system line in a timeline records (issue 18): a change to a group, stored as a
//! message of kind "system" with the conversation's next seq. The message's `body_text` holds
//! the sentence as it read then ("Ana added Cara"); this holds the facts, for clients that
//! word it themselves.
struct SystemEvent
{
    enum class Kind
    {
        MemberAdded,        //!< actor added user
        MemberJoined,       //!< user joined by an invite link (actor == user)
        MemberLeft,         //!< user left (actor == user)
        MemberRemoved,      //!< actor removed user
        Renamed,            //!< actor renamed the group to `title`
        DescriptionChanged, //!< actor set the description to `description`
        AdminPromoted,      //!< actor made user an admin (actor null: handed on automatically)
        AdminDemoted,       //!< actor made user a member again
        AvatarChanged,      //!< actor set a new group picture
        AvatarRemoved,      //!< actor removed the group picture
        Other,              //!< an event newer than this build: show `body_text`
    };

    Kind kind = Kind::MemberAdded;
    QUuid actorId;
    QUuid userId;
    QString title;
    QString description;

    //! `{"event":"member_added","actor_id","user_id"?,"title"?,"description"?}`
    [[nodiscard]] QJsonObject toJson() const;
    //! An event this build does not know reads as Kind::Other.
    [[nodiscard]] static SystemEvent fromJson(const QJsonObject &object);
    [[nodiscard]] static QString kindName(Kind kind);

    friend bool operator==(const SystemEvent &, const SystemEvent &) = default;
};

} // namespace natter
