// SPDX-License-Identifier: Apache-2.0
#include "app/session.h"

#include "app/accountcontroller.h"
#include "app/attachmentdraft.h"
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/groupsettings.h"
#include "app/invitecontroller.h"
#include "app/listtyping.h"
#include "app/messagesearch.h"
#include "app/notifier.h"
#include "app/peoplecontroller.h"
#include "app/preferencescontroller.h"
#include "app/presencecontroller.h"
#include "app/traysettings.h"
#include "core/errortext.h"
#include "core/logging.h"
#include "emoji/emojipickermodel.h"
#include "media/messagesummary.h"
#include "models/conversationstate.h"
#include "natter/validation.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

//! No scheme typed: a server on this computer is plain http (as `make dev` runs it), anything
//! else https. Nothing is downgraded behind the user's back: what failed is said instead.
QString withScheme(const QString &typed)
{
    if (typed.contains(u"://"_s))
        return typed;
    const QString host = QUrl(u"http://"_s + typed).host();
    const bool local = host == "localhost"_L1 || host == "::1"_L1 || host.startsWith(u"127."_s);
    return (local ? u"http://"_s : u"https://"_s) + typed;
}

//! Images from the server kept on disk, at most this much (least recently used go first).
constexpr qint64 kImageCacheBytes = qint64(256) * 1024 * 1024;

QString imageCacheDir(const Session::Options &options)
{
    const QString base =
        options.cacheDir.isEmpty() ? QDir(options.dataDir).filePath(u"cache"_s) : options.cacheDir;
    return QDir(base).filePath(u"images"_s);
}

} // namespace

QString Session::cacheFilePath(const QString &dataDir, const QString &serverUrl)
{
    const QByteArray hash = QCryptographicHash::hash(serverUrl.toUtf8(), QCryptographicHash::Sha1);
    return QDir(dataDir).filePath(
        u"cache-%1.sqlite"_s.arg(QString::fromLatin1(hash.toHex().left(12))));
}

Session::Session(Options options, QObject *parent)
    : QObject(parent), m_options(std::move(options)),
      m_settings(QDir(m_options.dataDir).filePath(u"natter.ini"_s), QSettings::IniFormat),
      m_realtime(&m_api), m_deliveredAcker(&m_realtime), m_outbox(&m_cache, &m_api),
      m_tokens(m_options.keychain), m_signIn(&m_api, m_options.openBrowser),
      m_conversations(
          new ConversationsController({&m_api, &m_realtime, &m_cache, &m_directory}, this)),
      m_people(new PeopleController(&m_api, &m_directory, this)),
      m_chat(new ChatController(
          {&m_api, &m_realtime, &m_cache, &m_outbox, &m_directory, m_conversations, m_people},
          this)),
      m_search(new MessageSearch({&m_api, m_chat, m_conversations, &m_directory}, this)),
      m_transfers(&m_api), m_images(&m_transfers, imageCacheDir(m_options), kImageCacheBytes),
      m_attachments(new AttachmentDraft(&m_api, &m_transfers,
                                        imageCacheDir(m_options) + u"/../drafts"_s, this)),
      m_invites(new InviteController(&m_api, this)),
      m_account(new AccountController(&m_api, &m_transfers, this)),
      m_tray(new TraySettings(&m_settings, this)), m_emojis(new EmojiPickerModel(this)),
      m_group(new GroupSettings(&m_api, &m_transfers, m_chat, m_conversations, this)),
      m_preferences(
          new PreferencesController(&m_api, &m_realtime, m_conversations->model(), &m_cache, this)),
      m_presence(new PresenceController(&m_api, &m_realtime, m_chat, this)),
      m_listTyping(new ListTyping(&m_realtime, m_conversations->model(), &m_directory, this))
{
    m_emojis->setSettings(&m_settings);
    wireMedia();
    QDir().mkpath(m_options.dataDir);
    m_serverRetry.setSingleShot(true);
    connect(&m_serverRetry, &QTimer::timeout, this, &Session::contactServer);
    m_retryCountdown.setInterval(1000);
    connect(&m_retryCountdown, &QTimer::timeout, this, &Session::retryInSecondsChanged);
    connect(&m_outbox, &Outbox::queued, this, &Session::unsentCountChanged);
    connect(&m_outbox, &Outbox::discarded, this, &Session::unsentCountChanged);
    connect(&m_outbox, &Outbox::sent, this, &Session::unsentCountChanged);

    connect(&m_api, &ApiClient::refreshTokenChanged, &m_tokens, &TokenStore::write);
    connect(&m_api, &ApiClient::sessionExpired, this, [this] {
        // Only the tokens are gone: the cache and the unsent messages wait, hidden, for this
        // user to sign in again.
        m_api.clearTokens();
        m_tokens.remove();
        showSignedOut();
        setError(u"Your session has ended. Please sign in again."_s);
    });
    connect(&m_realtime, &RealtimeClient::signInEnded, this, [this] {
        // As an expired session: the tokens go, the cache and the outbox wait for this user.
        m_api.clearTokens();
        m_tokens.remove();
        showSignedOut();
        setError(u"You were signed out (on another device, or by an administrator). Please "
                 "sign in again."_s);
    });
    connect(&m_tokens, &TokenStore::availabilityChanged, this, &Session::keychainChanged);
    connect(&m_realtime, &RealtimeClient::stateChanged, this, &Session::connectionChanged);
    connect(&m_realtime, &RealtimeClient::connected, this, [this] {
        m_outbox.resume();
        m_conversations->refresh();
    });
    connect(&m_realtime, &RealtimeClient::messageReceived, this,
            [this](const Message &message) { m_chat->ingest({message}, Timeline::Source::Live); });
    connect(m_chat, &ChatController::messageArrived, this, &Session::onMessage);
    connect(m_chat, &ChatController::messageArrived, m_listTyping, &ListTyping::messageArrived);
    connect(m_chat, &ChatController::storedUpTo, &m_deliveredAcker, &DeliveredAcker::stored);
    connect(m_conversations->model(), &ConversationListModel::totalUnreadChanged, this,
            &Session::windowTitleChanged);
    connect(m_people, &PeopleController::blockedChanged, m_chat,
            &ChatController::peerBlockedChanged);

    connect(&m_signIn, &SignInFlow::finished, this, &Session::finishSignIn);
    connect(&m_signIn, &SignInFlow::failed, this, [this](const QString &reason) {
        cancelSignIn();
        setError(reason);
    });
}

Session::~Session()
{
    m_realtime.stop();
}

void Session::start()
{
    QString url = m_settings.value(u"server/url"_s).toString();
    if (url.isEmpty())
        url = qEnvironmentVariable("NATTER_SERVER_URL");
    if (url.isEmpty()) {
        setState(State::NeedsServer);
        return;
    }
    applyServer(url);
}

Session::Connection Session::connection() const
{
    switch (m_realtime.state()) {
    case RealtimeClient::State::Online:
        return Connection::Online;
    case RealtimeClient::State::Connecting:
        return Connection::Connecting;
    default:
        return Connection::Offline;
    }
}

void Session::setWindowActive(bool active)
{
    if (m_windowActive == active)
        return;
    m_windowActive = active;
    Q_EMIT windowActiveChanged();
    m_chat->setWindowActive(active);
}

QString Session::windowTitle() const
{
    const int unread = m_conversations->model()->totalUnread();
    return unread > 0 ? u"(%1) Natter"_s.arg(unread) : u"Natter"_s;
}

void Session::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged();
}

void Session::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void Session::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

void Session::setServer(const QString &input)
{
    const QString typed = input.trimmed();
    const QUrl url(withScheme(typed), QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty() ||
        (url.scheme() != "http"_L1 && url.scheme() != "https"_L1)) {
        setError(
            u"That does not look like a server address (for example https://chat.example.org)."_s);
        return;
    }
    setError({});
    const QString normalized =
        url.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveQuery | QUrl::RemoveFragment)
            .toString();
    // Ask before remembering: a wrong address is said on this page, with what failed.
    setBusy(true);
    m_api.setBaseUrl(QUrl(normalized));
    m_api.providers(this, [this, typed, normalized](Result<QJsonObject> answer) {
        setBusy(false);
        if (!answer && answer.error().code == ErrorCode::Unavailable) {
            QString text = u"Could not reach %1: %2"_s.arg(normalized, answer.error().message);
            if (!typed.contains(u"://"_s) && normalized.startsWith(u"https:"_s))
                text += u" If this server uses plain http, type http:// in front."_s;
            setError(text);
            return;
        }
        if (!answer || !answer->contains(u"providers"_s)) {
            setError(u"%1 answered, but it is not a Natter server."_s.arg(normalized));
            return;
        }
        m_settings.setValue(u"server/url"_s, normalized);
        m_settings.sync();
        applyServer(normalized);
    });
}

void Session::changeServer()
{
    goOffline();
    m_serverRetry.stop();
    m_retryCountdown.stop();
    setServerProblem({});
    m_chat->resetForUser();
    m_deliveredAcker.clear();
    m_conversations->clear();
    m_api.clearTokens();
    m_user = User{};
    Q_EMIT userChanged();
    m_cache.close();
    m_settings.remove(u"server/url"_s);
    m_serverUrl.clear();
    Q_EMIT serverUrlChanged();
    setError({});
    setState(State::NeedsServer);
}

void Session::retryNow()
{
    if (m_online) {
        m_realtime.reconnectNow();
        return;
    }
    m_serverBackoff.reset();
    contactServer();
}

int Session::retryInSeconds() const
{
    return m_serverRetry.isActive() ? (m_serverRetry.remainingTime() + 999) / 1000 : 0;
}

void Session::setServerProblem(const QString &text)
{
    if (m_serverProblem == text)
        return;
    m_serverProblem = text;
    Q_EMIT serverProblemChanged();
}

void Session::contactServer()
{
    m_serverRetry.stop();
    m_retryCountdown.stop();
    Q_EMIT retryInSecondsChanged();
    fetchProviders();
    if (m_api.hasSession() && !m_online)
        resumeSession();
}

void Session::serverReached()
{
    m_serverBackoff.reset();
    setServerProblem({});
}

void Session::serverUnreachable(const ApiError &error)
{
    setServerProblem(u"Cannot reach %1: %2"_s.arg(m_serverUrl, error.message));
    if (m_serverRetry.isActive())
        return; // the other call of this attempt already scheduled the next one
    m_serverRetry.start(m_serverBackoff.nextDelayMs());
    m_retryCountdown.start();
    Q_EMIT retryInSecondsChanged();
}

void Session::applyServer(const QString &url)
{
    m_serverUrl = url;
    Q_EMIT serverUrlChanged();
    m_api.setBaseUrl(QUrl(url));
    m_tokens.setAccount(url);
    if (auto opened = m_cache.open(cacheFilePath(m_options.dataDir, url)); !opened)
        qCWarning(lcStore) << "no local cache:" << opened.error().message;
    m_providersKnown = false;
    m_providers.clear();
    Q_EMIT providersChanged();

    // Content first: what was cached is on screen before the network answers.
    if (auto cached = m_cache.loadUser(); cached && cached->hasUsername()) {
        setUser(*cached);
        m_conversations->loadFromCache();
        setState(State::Ready);
    } else {
        setState(State::SignedOut);
    }
    setBusy(true);
    m_tokens.read(this, [this](const QString &refreshToken) {
        setBusy(false);
        if (refreshToken.isEmpty()) {
            // Not signed in (or no keychain kept the token): hide the cached content but keep
            // it, with the outbox, for when this same user signs in again.
            showSignedOut();
        } else {
            m_api.setTokens({}, refreshToken, 0);
        }
        contactServer();
    });
}

void Session::resumeSession()
{
    m_api.refresh(this, [this](Status status) {
        if (!status) {
            if (status.error().code == ErrorCode::Unauthorized)
                return; // sessionExpired() already showed the sign-in page
            // Offline: keep showing the cache (with the banner) and try again with backoff.
            qCInfo(lcApp) << "server not reachable yet; retrying";
            serverUnreachable(status.error());
            return;
        }
        m_api.me(this, [this](Result<QJsonObject> answer) {
            if (!answer) {
                serverUnreachable(answer.error());
                return;
            }
            auto me = User::fromJson(*answer);
            if (!me)
                return;
            serverReached();
            setUser(*me);
            enterSignedIn();
        });
    });
}

void Session::fetchProviders()
{
    m_api.providers(this, [this](Result<QJsonObject> answer) {
        if (!answer && answer.error().code == ErrorCode::Unavailable) {
            serverUnreachable(answer.error());
            return;
        }
        if (!m_api.hasSession())
            serverReached();
        m_providersKnown = true;
        QVariantList providers;
        m_devLoginAvailable = false;
        if (answer) {
            const QJsonArray array = answer->value(u"providers"_s).toArray();
            for (const auto &value : array) {
                const QJsonObject provider = value.toObject();
                // The development login has no browser step: it gets its own name field.
                if (provider.value(u"id"_s).toString() == "dev"_L1) {
                    m_devLoginAvailable = true;
                    continue;
                }
                providers.append(QVariantMap{{u"id"_s, provider.value(u"id"_s).toString()},
                                             {u"name"_s, provider.value(u"name"_s).toString()}});
            }
        }
        m_providers = providers;
        Q_EMIT providersChanged();
    });
}

void Session::signInWith(const QString &providerId)
{
    setError({});
    if (const QString problem = m_signIn.startInBrowser(providerId); !problem.isEmpty()) {
        setError(problem);
        return;
    }
    setState(State::SigningIn);
}

void Session::devSignIn(const QString &name)
{
    setError({});
    setBusy(true);
    m_signIn.devLogin(name);
}

void Session::cancelSignIn()
{
    m_signIn.cancel();
    setBusy(false);
    if (m_state == State::SigningIn)
        setState(State::SignedOut);
}

void Session::finishSignIn(const Result<SignInResult> &result)
{
    setBusy(false);
    if (!result) {
        if (result.error().code == ErrorCode::NotFound)
            setError(u"This server does not offer that sign-in."_s);
        else
            setError(describe(result.error()));
        if (m_state == State::SigningIn)
            setState(State::SignedOut);
        return;
    }
    // Another account than the cached one: what was fetched for it is not ours to see; its
    // unsent messages stay queued under its name, for it alone to send.
    if (auto cached = m_cache.loadUser(); cached && cached->id != result->user.id) {
        m_cache.clearFetched();
        m_chat->resetForUser();
        m_deliveredAcker.clear();
    }
    setUser(result->user);
    enterSignedIn();
}

void Session::setUser(const User &user)
{
    const bool sameUser = m_user.id == user.id;
    m_user = user;
    m_conversations->setMyUserId(user.id);
    m_listTyping->setMyUserId(user.id);
    m_people->setMyUserId(user.id);
    m_chat->setMyUserId(user.id);
    m_directory.insert(user);
    if (m_cache.isOpen() && !user.id.isNull())
        m_cache.saveUser(user);
    if (!sameUser) {
        m_outbox.setOwner(user.id);
        Q_EMIT unsentCountChanged();
        m_chat->resetForUser();
        m_deliveredAcker.clear();
    }
    Q_EMIT userChanged();
}

void Session::enterSignedIn()
{
    if (!m_user.hasUsername()) {
        setState(State::NeedsUsername);
        fetchSuggestedUsername();
        return;
    }
    setState(State::Ready);
    goOnline();
}

void Session::fetchSuggestedUsername()
{
    m_api.me(this, [this](Result<QJsonObject> answer) {
        if (!answer)
            return;
        const QString suggestion = answer->value(u"suggested_username"_s).toString();
        if (suggestion == m_suggestedUsername)
            return;
        m_suggestedUsername = suggestion;
        Q_EMIT suggestedUsernameChanged();
    });
}

void Session::goOnline()
{
    if (m_online)
        return;
    m_online = true;
    m_outbox.resume();
    m_realtime.start();
    m_conversations->refresh();
    m_people->refreshBlocks();
}

void Session::goOffline()
{
    m_online = false;
    m_realtime.stop();
    m_outbox.pause();
}

void Session::claimUsername(const QString &input)
{
    auto username = validation::username(u"username"_s, input.trimmed());
    if (!username) {
        setError(describe(username.error()));
        return;
    }
    setError({});
    setBusy(true);
    m_api.claimUsername(*username, this, [this](Result<QJsonObject> answer) {
        setBusy(false);
        if (!answer) {
            setError(answer.error().code == ErrorCode::Conflict
                         ? u"That username is taken. Try another one."_s
                         : describe(answer.error()));
            return;
        }
        if (auto user = User::fromJson(*answer)) {
            setUser(*user);
            enterSignedIn();
        }
    });
}

void Session::updateProfile(const QString &displayName)
{
    auto name = validation::displayName(u"display_name"_s, displayName);
    if (!name) {
        setError(describe(name.error()));
        return;
    }
    setError({});
    setBusy(true);
    m_api.updateProfile(*name, this, [this](Result<QJsonObject> answer) {
        setBusy(false);
        if (!answer) {
            setError(describe(answer.error()));
            return;
        }
        if (auto user = User::fromJson(*answer)) {
            setUser(*user);
            Q_EMIT profileSaved();
            Q_EMIT notice(u"Profile saved."_s);
        }
    });
}

void Session::showSignedOut()
{
    goOffline();
    m_chat->close();
    m_conversations->clear();
    m_user = User{};
    Q_EMIT userChanged();
    if (!m_serverUrl.isEmpty())
        setState(State::SignedOut);
}

void Session::signOut()
{
    goOffline();
    m_api.logout(this, [](Status) {});
    m_api.clearTokens();
    m_tokens.remove();
    // Signing out is the one way (besides Discard) that unsent messages go: the settings
    // dialog says how many before it is confirmed.
    if (m_cache.isOpen())
        m_cache.erase(m_user.id.isNull() ? m_outbox.owner() : m_user.id);
    Q_EMIT unsentCountChanged();
    m_chat->resetForUser();
    m_deliveredAcker.clear();
    // Private images must not outlive the session on a shared computer.
    m_images.clear();
    m_attachments->clear();
    showSignedOut();
}

void Session::onMessage(const Message &message)
{
    const bool mine = message.senderId == m_user.id;
    // A system line (#18) means the title, description, members or roles changed; one we
    // have not heard of yet is new to us.
    if (message.isSystem() || !m_conversations->model()->find(message.conversationId))
        m_conversations->refresh();
    // Unread even in the open conversation: the chat's markRead takes it off once the list
    // has shown it (read means seen, not "arrived while the chat was open").
    m_conversations->model()->applyMessage(message, !mine);
    // A mention (#12) notifies even while the window is focused, unless the user is looking
    // at that conversation.
    const bool mentionsMe = message.mentions.contains(m_user.id);
    // Muted (#18): no notification, unless it names me (as the web app and Slack do).
    const auto listed = m_conversations->model()->find(message.conversationId);
    const bool muted = listed && conversationstate::isMuted(*listed);
    const bool notify = mentionsMe ? !(m_windowActive && m_chat->isOpen(message.conversationId))
                                   : !m_windowActive && !muted;
    // A system line is nobody talking to you: it counts as unread but never notifies.
    if (!mine && notify && !message.isSystem() && m_notifier) {
        const auto conversation = m_conversations->model()->find(message.conversationId);
        const QString sender = m_directory.displayName(message.senderId);
        const bool group = conversation && conversation->type == ConversationType::Group;
        const QString where = group ? m_conversations->model()->titleOf(*conversation) : QString();
        QString title = sender;
        if (mentionsMe)
            title = group ? u"%1 mentioned you in %2"_s.arg(sender, where)
                          : u"%1 mentioned you"_s.arg(sender);
        else if (group)
            title = u"%1 in %2"_s.arg(sender, where);
        m_notifier->notify(title, messageSummary(message),
                           message.conversationId.toString(QUuid::WithoutBraces));
    }
}

} // namespace natter::desktop
