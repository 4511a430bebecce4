// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"

#include <QObject>
#include <QtQml/qqmlregistration.h>
#include <QUrl>

namespace natter::desktop {

class ApiClient;

//! Joining a group from an invite (#14): a link pasted into "Join with a link"
//! (`https://host/invite/CODE`, or the code alone) or a `natter://invite/CODE` URL the desktop
//! file hands the app. First the preview (title, member count, no sign-in needed), then Join,
//! which lands in the conversation. Expired, revoked and used-up links are said in the
//! server's own sentence.
class InviteController final : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Reached through the Session singleton")
    Q_PROPERTY(State state READ state NOTIFY changed)
    Q_PROPERTY(QString title READ title NOTIFY changed)
    Q_PROPERTY(int memberCount READ memberCount NOTIFY changed)
    Q_PROPERTY(QString errorText READ errorText NOTIFY changed)
    //! The code of the invite being looked at (empty before one was given).
    Q_PROPERTY(QString code READ code NOTIFY changed)
    //! What was given to `preview`, as given (the dialog's field shows it).
    Q_PROPERTY(QString link READ link NOTIFY changed)

public:
    enum class State
    {
        Empty,   //!< nothing asked yet
        Loading, //!< fetching the preview
        Previewed,
        Joining,
        Failed
    };
    Q_ENUM(State)

    explicit InviteController(ApiClient *api, QObject *parent = nullptr);

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString title() const { return m_title; }
    [[nodiscard]] int memberCount() const { return m_memberCount; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] QString code() const { return m_code; }
    [[nodiscard]] QString link() const { return m_link; }

    //! The invite code in what a person pastes: a link of any Natter server
    //! (`…/invite/CODE`, with or without a query or a trailing slash), a `natter:` URL
    //! (`natter://invite/CODE`, `natter:invite/CODE`) or the code itself. Empty when there is
    //! none.
    [[nodiscard]] static QString codeFrom(const QString &text);

    //! Shows the preview of the invite in `text`.
    Q_INVOKABLE void preview(const QString &text);
    //! Joins the previewed invite's group; `joined` on success.
    Q_INVOKABLE void join();
    Q_INVOKABLE void reset();
    //! A `natter:` URL from the command line or the desktop file: previews it and asks for the
    //! dialog to be shown. False when the argument is not an invite link (a bare code is not
    //! taken here: any other argument could look like one).
    bool openUrl(const QString &url);

Q_SIGNALS:
    void changed();
    //! The app was started with an invite: the join dialog should show.
    void dialogRequested();
    //! The server made the user a member: the list learns the group and it opens.
    void joined(const natter::Conversation &conversation);

private:
    void fail(const QString &text);

    ApiClient *m_api;
    State m_state = State::Empty;
    QString m_code;
    QString m_link;
    QString m_title;
    int m_memberCount = 0;
    QString m_errorText;
    //! Bumped by each preview: an older preview's late answer is dropped.
    quint64 m_generation = 0;
};

} // namespace natter::desktop
