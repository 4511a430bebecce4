// SPDX-License-Identifier: Apache-2.0
#include "models/messagepresentation.h"

#include "models/userdirectory.h"

#include <QCoreApplication>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop::presentation {
namespace {

QString namesInWords(QStringList names)
{
    if (names.size() <= 1)
        return names.value(0);
    const QString last = names.takeLast();
    return QCoreApplication::translate("MessagePresentation", "%1 and %2")
        .arg(names.join(u", "_s), last);
}

} // namespace

QVariantList reactionChips(const QList<Reaction> &reactions, const QUuid &me,
                           const UserDirectory *directory)
{
    QVariantList chips;
    for (const Reaction &reaction : reactions) {
        if (reaction.userIds.isEmpty())
            continue;
        QStringList names;
        bool mine = false;
        for (const QUuid &userId : reaction.userIds) {
            if (userId == me)
                mine = true;
            else
                names.append(directory ? directory->displayName(userId) : QString());
        }
        if (mine)
            names.append(QCoreApplication::translate("MessagePresentation", "you"));
        chips.append(QVariantMap{{u"emoji"_s, reaction.emoji},
                                 {u"count"_s, int(reaction.userIds.size())},
                                 {u"mine"_s, mine},
                                 {u"who"_s, namesInWords(names)}});
    }
    return chips;
}

QVariantMap replyQuote(const Message &message, const UserDirectory *directory)
{
    if (!message.replyTo)
        return {};
    const ReplyPreview &reply = *message.replyTo;
    return {{u"id"_s, reply.id.toString(QUuid::WithoutBraces)},
            {u"seq"_s, reply.seq},
            {u"senderName"_s, directory ? directory->displayName(reply.senderId) : QString()},
            {u"text"_s, reply.bodyPreview},
            {u"deleted"_s, reply.deleted}};
}

QSet<QString> mentionedUsernames(const Message &message, const UserDirectory *directory)
{
    QSet<QString> names;
    for (const QUuid &id : message.mentions) {
        if (const auto user = directory ? directory->find(id) : std::nullopt;
            user && !user->username.isEmpty())
            names.insert(user->username.toLower());
    }
    return names;
}

} // namespace natter::desktop::presentation
