// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "api/apiclient.h"
#include "api/transferclient.h"
#include "app/signinflow.h"
#include "auth/tokenstore.h"
#include "media/imagecache.h"
#include "models/userdirectory.h"
#include "realtime/deliveredacker.h"
#include "realtime/realtimeclient.h"
#include "store/localcache.h"
#include "store/outbox.h"

#include <functional>
#include <memory>
#include <QObject>
#include <QSettings>
#include <QTimer>
#include <QVariantList>

namespace natter::desktop {

class AccountController;
class TraySettings;
class EmojiPickerModel;
class GroupSettings;
class PreferencesController;
class PresenceController;
class ListTyping;
class AttachmentDraft;
class ChatController;
class ConversationsController;
class MessageSearch;
class InviteController;
class PeopleController;
class Notifier;

//! The signed-in session: which server, who the user is, the tokens, the connection. It owns
//! the clients and the local cache, and the three controllers the screens use (conversations,
//! the open chat, people). What the QML sees of the app goes through here.
class Session final : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(QString serverUrl READ serverUrl NOTIFY serverUrlChanged)
    Q_PROPERTY(QVariantList providers READ providers NOTIFY providersChanged)
    Q_PROPERTY(bool devLoginAvailable READ devLoginAvailable NOTIFY providersChanged)
    //! The server answered the providers question (an empty answer means "no sign-in method",
    //! not "unreachable").
    Q_PROPERTY(bool providersKnown READ providersKnown NOTIFY providersChanged)
    //! Why the server cannot be used right now ("Cannot reach http://…: Connection refused."),
    //! empty while it can; retried with backoff, `retryNow()` skips the wait.
    Q_PROPERTY(QString serverProblem READ serverProblem NOTIFY serverProblemChanged)
    Q_PROPERTY(int retryInSeconds READ retryInSeconds NOTIFY retryInSecondsChanged)
    Q_PROPERTY(int unsentCount READ unsentCount NOTIFY unsentCountChanged)
    //! `/me`'s `suggested_username` while the user has none (pre-fills the username page).
    Q_PROPERTY(QString suggestedUsername READ suggestedUsername NOTIFY suggestedUsernameChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorText READ errorText NOTIFY errorTextChanged)
    Q_PROPERTY(QString userId READ userId NOTIFY userChanged)
    Q_PROPERTY(QString username READ username NOTIFY userChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY userChanged)
    Q_PROPERTY(QString avatarUrl READ avatarUrl NOTIFY userChanged)
    Q_PROPERTY(Connection connection READ connection NOTIFY connectionChanged)
    Q_PROPERTY(bool keychainAvailable READ keychainAvailable NOTIFY keychainChanged)
    Q_PROPERTY(QString keychainMessage READ keychainMessage NOTIFY keychainChanged)
    Q_PROPERTY(bool windowActive READ windowActive WRITE setWindowActive NOTIFY windowActiveChanged)
    Q_PROPERTY(QString windowTitle READ windowTitle NOTIFY windowTitleChanged)
    Q_PROPERTY(natter::desktop::ConversationsController *conversations READ conversations CONSTANT)
    Q_PROPERTY(natter::desktop::ChatController *chat READ chat CONSTANT)
    Q_PROPERTY(natter::desktop::PeopleController *people READ people CONSTANT)
    //! Ctrl+F / Ctrl+Shift+F (#12).
    Q_PROPERTY(natter::desktop::MessageSearch *search READ search CONSTANT)
    //! Images attached to the composer, invites, and the account's own actions (#13, #14).
    Q_PROPERTY(natter::desktop::AttachmentDraft *attachments READ attachments CONSTANT)
    Q_PROPERTY(natter::desktop::InviteController *invites READ invites CONSTANT)
    Q_PROPERTY(natter::desktop::AccountController *account READ account CONSTANT)
    //! Close to tray (#18). moc needs the whole type for a property.
    Q_PROPERTY(natter::desktop::TraySettings *tray READ tray CONSTANT)
    Q_MOC_INCLUDE("app/traysettings.h")
    //! The full emoji picker, its recent emojis remembered in natter.ini (#12).
    Q_PROPERTY(natter::desktop::EmojiPickerModel *emojis READ emojis CONSTANT)
    Q_MOC_INCLUDE("emoji/emojipickermodel.h")
    //! The open group's name, description and admins (#18).
    Q_PROPERTY(natter::desktop::GroupSettings *group READ group CONSTANT)
    Q_MOC_INCLUDE("app/groupsettings.h")
    //! Mute, pin and archive (#18).
    Q_PROPERTY(natter::desktop::PreferencesController *preferences READ preferences CONSTANT)
    Q_MOC_INCLUDE("app/preferencescontroller.h")
    //! Online / last seen and the privacy switch (#18).
    Q_PROPERTY(natter::desktop::PresenceController *presence READ presence CONSTANT)
    Q_MOC_INCLUDE("app/presencecontroller.h")

public:
    enum class State
    {
        NeedsServer,
        SignedOut,
        SigningIn,
        NeedsUsername,
        Ready
    };
    Q_ENUM(State)
    enum class Connection
    {
        Offline,
        Connecting,
        Online
    };
    Q_ENUM(Connection)

    struct Options
    {
        //! Where settings and the cache live (QStandardPaths::AppDataLocation in the app).
        QString dataDir;
        TokenStore::Mode keychain = TokenStore::Mode::Keychain;
        //! Opens the system browser; tests replace it to follow the redirect themselves.
        std::function<bool(const QUrl &)> openBrowser;
        //! Where images from the server are cached (QStandardPaths::CacheLocation in the app;
        //! `dataDir`/cache when empty).
        QString cacheDir;
    };

    explicit Session(Options options, QObject *parent = nullptr);
    ~Session() override;

    //! Reads the remembered server and session and shows cached content at once.
    void start();

    [[nodiscard]] State state() const { return m_state; }
    [[nodiscard]] QString serverUrl() const { return m_serverUrl; }
    [[nodiscard]] QVariantList providers() const { return m_providers; }
    [[nodiscard]] bool devLoginAvailable() const { return m_devLoginAvailable; }
    [[nodiscard]] bool providersKnown() const { return m_providersKnown; }
    [[nodiscard]] QString serverProblem() const { return m_serverProblem; }
    [[nodiscard]] int retryInSeconds() const;
    [[nodiscard]] QString suggestedUsername() const { return m_suggestedUsername; }
    [[nodiscard]] int unsentCount() const { return int(m_outbox.items().size()); }
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString errorText() const { return m_errorText; }
    [[nodiscard]] QString userId() const { return m_user.idString(); }
    [[nodiscard]] QString username() const { return m_user.username; }
    [[nodiscard]] QString displayName() const { return UserDirectory::displayNameOf(m_user); }
    [[nodiscard]] QString avatarUrl() const { return m_user.avatarUrl; }
    [[nodiscard]] const User &user() const { return m_user; }
    [[nodiscard]] Connection connection() const;
    [[nodiscard]] bool keychainAvailable() const { return m_tokens.available(); }
    [[nodiscard]] QString keychainMessage() const { return m_tokens.unavailableReason(); }
    [[nodiscard]] bool windowActive() const { return m_windowActive; }
    void setWindowActive(bool active);
    [[nodiscard]] QString windowTitle() const;

    [[nodiscard]] ConversationsController *conversations() const { return m_conversations; }
    [[nodiscard]] ChatController *chat() const { return m_chat; }
    [[nodiscard]] PeopleController *people() const { return m_people; }
    [[nodiscard]] MessageSearch *search() const { return m_search; }
    [[nodiscard]] AttachmentDraft *attachments() const { return m_attachments; }
    [[nodiscard]] InviteController *invites() const { return m_invites; }
    [[nodiscard]] AccountController *account() const { return m_account; }
    [[nodiscard]] TraySettings *tray() const { return m_tray; }
    [[nodiscard]] EmojiPickerModel *emojis() const { return m_emojis; }
    [[nodiscard]] GroupSettings *group() const { return m_group; }
    [[nodiscard]] PreferencesController *preferences() const { return m_preferences; }
    [[nodiscard]] PresenceController *presence() const { return m_presence; }
    [[nodiscard]] TransferClient *transfers() { return &m_transfers; }
    [[nodiscard]] ImageCache *images() { return &m_images; }
    [[nodiscard]] ApiClient *api() { return &m_api; }
    [[nodiscard]] RealtimeClient *realtime() { return &m_realtime; }
    [[nodiscard]] LocalCache *cache() { return &m_cache; }
    [[nodiscard]] Outbox *outbox() { return &m_outbox; }
    [[nodiscard]] UserDirectory *directory() { return &m_directory; }
    [[nodiscard]] TokenStore *tokens() { return &m_tokens; }
    void setServerBackoff(const Backoff &backoff) { m_serverBackoff = backoff; }
    //! The cache file of `serverUrl` under `dataDir` (one per server).
    [[nodiscard]] static QString cacheFilePath(const QString &dataDir, const QString &serverUrl);
    void setNotifier(Notifier *notifier) { m_notifier = notifier; }

    //! First run (or "change server"): tries the address as typed (no scheme: http for this
    //! computer, https elsewhere), and remembers it once the server answered.
    Q_INVOKABLE void setServer(const QString &url);
    //! Leaves this server without signing out: its token, cache and outbox stay, so coming
    //! back to the same address resumes where it was.
    Q_INVOKABLE void changeServer();
    //! Skips the wait before the next attempt to reach the server.
    Q_INVOKABLE void retryNow();
    //! RFC 8252 through the system browser (SignInFlow).
    Q_INVOKABLE void signInWith(const QString &providerId);
    Q_INVOKABLE void devSignIn(const QString &name);
    Q_INVOKABLE void cancelSignIn();
    Q_INVOKABLE void claimUsername(const QString &username);
    //! The display name (the picture: AccountController).
    Q_INVOKABLE void updateProfile(const QString &displayName);
    Q_INVOKABLE void signOut();
    Q_INVOKABLE void clearError() { setError({}); }

Q_SIGNALS:
    void stateChanged();
    void serverUrlChanged();
    void providersChanged();
    void busyChanged();
    void errorTextChanged();
    void userChanged();
    void connectionChanged();
    void keychainChanged();
    void windowActiveChanged();
    void windowTitleChanged();
    void serverProblemChanged();
    void retryInSecondsChanged();
    void unsentCountChanged();
    void suggestedUsernameChanged();
    //! Something the user should hear about that is not an error on the current screen.
    void notice(const QString &text);
    //! `updateProfile` succeeded: its dialog closes on this, not on any notice.
    void profileSaved();

private:
    void applyServer(const QString &url);
    void contactServer();
    void fetchProviders();
    void resumeSession();
    void serverReached();
    void serverUnreachable(const ApiError &error);
    void finishSignIn(const Result<SignInResult> &result);
    void setUser(const User &user);
    void enterSignedIn();
    void fetchSuggestedUsername();
    void goOnline();
    void goOffline();
    void showSignedOut();
    void setState(State state);
    void setBusy(bool busy);
    void setError(const QString &text);
    void setServerProblem(const QString &text);
    void onMessage(const Message &message);
    void wireMedia();

    Options m_options;
    QSettings m_settings;
    ApiClient m_api;
    RealtimeClient m_realtime;
    DeliveredAcker m_deliveredAcker;
    LocalCache m_cache;
    Outbox m_outbox;
    TokenStore m_tokens;
    UserDirectory m_directory;
    SignInFlow m_signIn;
    //! The next attempt to reach the server (providers, session), with backoff.
    QTimer m_serverRetry;
    QTimer m_retryCountdown;
    Backoff m_serverBackoff{1000, 30000};
    ConversationsController *m_conversations;
    PeopleController *m_people;
    ChatController *m_chat;
    MessageSearch *m_search;
    TransferClient m_transfers;
    ImageCache m_images;
    AttachmentDraft *m_attachments;
    InviteController *m_invites;
    AccountController *m_account;
    TraySettings *m_tray;
    EmojiPickerModel *m_emojis;
    GroupSettings *m_group;
    PreferencesController *m_preferences;
    PresenceController *m_presence;
    //! "typing…" in the conversation list (#18).
    ListTyping *m_listTyping;
    Notifier *m_notifier = nullptr;

    State m_state = State::NeedsServer;
    QString m_serverUrl;
    QVariantList m_providers;
    bool m_devLoginAvailable = false;
    bool m_providersKnown = false;
    QString m_serverProblem;
    QString m_suggestedUsername;
    bool m_busy = false;
    QString m_errorText;
    User m_user;
    bool m_windowActive = true;
    bool m_online = false;
};

} // namespace natter::desktop
