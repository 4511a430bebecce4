// SPDX-License-Identifier: Apache-2.0
// Session's wiring of images, invites and the account (#13, #14), apart from the rest of the
// session so each part reads on its own.
#include "app/accountcontroller.h"
#include "app/attachmentdraft.h"
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/invitecontroller.h"
#include "app/session.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

void Session::wireMedia()
{
    m_chat->setAttachmentDraft(m_attachments);
    // A draft belongs to the conversation it was started in.
    connect(m_chat, &ChatController::conversationChanged, m_attachments, &AttachmentDraft::clear);

    connect(m_invites, &InviteController::joined, this, [this](const Conversation &conversation) {
        m_conversations->remember(conversation);
        m_chat->open(conversation.idString());
    });

    connect(m_account, &AccountController::userUpdated, this, &Session::setUser);
    connect(m_account, &AccountController::avatarSaved, this,
            [this] { Q_EMIT notice(u"Your picture is saved."_s); });
    connect(m_account, &AccountController::exported, this, [this](const QString &path) {
        Q_EMIT notice(u"Your data is saved in %1."_s.arg(path));
    });
    connect(m_account, &AccountController::accountDeleted, this, [this] {
        // The server closes the sockets with 4003 too; signing out first makes that a goodbye
        // rather than "you were signed out by someone".
        signOut();
        Q_EMIT notice(u"Your account has been deleted."_s);
    });
}

} // namespace natter::desktop
