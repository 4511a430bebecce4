// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/uploadrepository.h"
#include "natter/conversation.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

//! A group's picture, set and removed by its admins (issue 18). The picture itself arrives as
//! a user's avatar does (UploadConnection::processAvatar: checked, stripped, made small); here
//! it becomes the group's, with a system line ("Ana changed the group picture") in the same
//! transaction, which is also how every member's clients hear of it (they reload the conversation,
//! as for a rename).
namespace natter::server::chat {

//! Makes stored upload `row` (its files already in the store) the picture of group
//! `conversationId`, in place of any earlier one (whose files the upload sweep removes).
//! Admins only: `not_found` for non-members, `validation_failed` (400) for a DM (it shows the other
//! member's own picture), `forbidden` for members. Returns the conversation as the caller
//! sees it. On an error nothing is recorded and the caller removes the files.
[[nodiscard]] Result<Conversation> setGroupAvatar(QSqlDatabase &db, const User &caller,
                                                  const QUuid &conversationId, UploadRow row);

//! Whether user `callerId` may change the picture of `conversationId` (the rules above),
//! asked before an upload's body is read; setGroupAvatar() asks again when recording it.
[[nodiscard]] Status mayChangeGroupPicture(QSqlDatabase &db, const QUuid &callerId,
                                           const QUuid &conversationId);

//! Removes the picture of group `conversationId` (the same rules); no picture: no change and
//! no line.
[[nodiscard]] Result<Conversation> removeGroupAvatar(QSqlDatabase &db, const User &caller,
                                                     const QUuid &conversationId);

} // namespace natter::server::chat
