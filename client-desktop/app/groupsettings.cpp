// SPDX-License-Identifier: Apache-2.0
#include "app/groupsettings.h"

#include "api/apiclient.h"
#include "api/transferclient.h"
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "core/errortext.h"
#include "media/imageprep.h"
#include "models/grouppicture.h"
#include "natter/validation.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr qsizetype kDescriptionMax = 500;

} // namespace

GroupSettings::GroupSettings(ApiClient *api, TransferClient *transfers, ChatController *chat,
                             ConversationsController *conversations, QObject *parent)
    : QObject(parent), m_api(api), m_transfers(transfers), m_chat(chat),
      m_conversations(conversations)
{
    connect(chat, &ChatController::detailsChanged, this, &GroupSettings::changed);
    connect(chat, &ChatController::conversationChanged, this, [this] { setError({}); });
    // Roles change in the member list (a promotion, the server's hand-over) without the
    // conversation's details being fetched again.
    MemberListModel *members = chat->members();
    connect(members, &QAbstractItemModel::rowsInserted, this, &GroupSettings::changed);
    connect(members, &QAbstractItemModel::rowsRemoved, this, &GroupSettings::changed);
    connect(members, &QAbstractItemModel::modelReset, this, &GroupSettings::changed);
}

QString GroupSettings::description() const
{
    const auto conversation =
        m_conversations->model()->find(QUuid::fromString(m_chat->conversationId()));
    return conversation ? conversation->description : QString();
}

QString GroupSettings::pictureUrl() const
{
    const auto conversation =
        m_conversations->model()->find(QUuid::fromString(m_chat->conversationId()));
    return conversation ? groupPictureOf(*conversation) : QString();
}

bool GroupSettings::canManage() const
{
    return m_chat->isGroup() && m_chat->amAdmin();
}

void GroupSettings::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void GroupSettings::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void GroupSettings::save(const QString &title, const QString &description)
{
    const QUuid conversationId = QUuid::fromString(m_chat->conversationId());
    if (conversationId.isNull())
        return;
    auto checkedTitle = validation::groupTitle(u"title"_s, title);
    if (!checkedTitle) {
        setError(describe(checkedTitle.error()));
        return;
    }
    const QString newDescription = description.trimmed();
    if (newDescription.size() > kDescriptionMax) {
        setError(u"The description can be at most %1 characters long."_s.arg(kDescriptionMax));
        return;
    }
    QJsonObject changes;
    if (*checkedTitle != m_chat->title())
        changes.insert(u"title"_s, *checkedTitle);
    if (newDescription != this->description())
        changes.insert(u"description"_s, newDescription);
    setError({});
    if (changes.isEmpty()) {
        Q_EMIT saved();
        return;
    }
    setBusy(true);
    m_api->updateGroup(conversationId, changes, this, [this](Result<QJsonObject> answer) {
        setBusy(false);
        if (!answer) {
            setError(answer.error().code == ErrorCode::Forbidden
                         ? u"Only the group's admins can change its name and description."_s
                         : describe(answer.error()));
            return;
        }
        if (auto conversation = Conversation::fromJson(*answer))
            m_conversations->remember(*conversation);
        Q_EMIT changed();
        Q_EMIT saved();
    });
}

void GroupSettings::setAdmin(const QString &userId, bool admin)
{
    const QUuid conversationId = QUuid::fromString(m_chat->conversationId());
    const QUuid user = QUuid::fromString(userId);
    if (conversationId.isNull() || user.isNull())
        return;
    setError({});
    setBusy(true);
    m_api->setMemberRole(
        conversationId, user, admin, this, [this, conversationId](Result<QJsonObject> answer) {
            setBusy(false);
            if (!answer) {
                setError(answer.error().code == ErrorCode::Conflict
                             ? u"A group needs an admin: make someone else admin first."_s
                             : describe(answer.error()));
                return;
            }
            auto member = Member::fromJson(*answer);
            if (member && m_chat->isOpen(conversationId))
                m_chat->members()->addMember(*member);
        });
}

void GroupSettings::uploadPicture(const QUrl &file)
{
    const QUuid conversationId = QUuid::fromString(m_chat->conversationId());
    if (conversationId.isNull())
        return;
    auto square = imageprep::squareAvatar(file.toLocalFile());
    if (!square) {
        setError(square.error().message);
        return;
    }
    setError({});
    setBusy(true);
    // The new picture reaches the list and header like a rename: through the system line.
    m_transfers->uploadGroupPicture(
        conversationId, *square, "image/png"_ba, this, [this](Result<QByteArray> answer) {
            setBusy(false);
            if (answer)
                return;
            setError(answer.error().code == ErrorCode::PayloadTooLarge ? imageprep::tooLargeText()
                                                                       : describe(answer.error()));
        });
}

void GroupSettings::removePicture()
{
    const QUuid conversationId = QUuid::fromString(m_chat->conversationId());
    if (conversationId.isNull())
        return;
    setError({});
    setBusy(true);
    m_api->removeGroupPicture(conversationId, this, [this](Result<QJsonObject> answer) {
        setBusy(false);
        if (!answer)
            setError(describe(answer.error()));
    });
}

} // namespace natter::desktop
