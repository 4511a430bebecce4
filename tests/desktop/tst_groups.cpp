// SPDX-License-Identifier: Apache-2.0
// Issue 18 in the desktop app, between desktop apps (one Session each, with its own cache and
// socket) against a real natter-server and PostgreSQL: a group run by its admins (rename,
// description, roles, the last admin's hand-over, removing and adding people); mute, pin and
// archive following the user to their other device; online / last seen and its privacy
// switch; "typing…" in the conversation list.
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/groupsettings.h"
#include "app/preferencescontroller.h"
#include "app/presencecontroller.h"
#include "app/session.h"
#include "core/presencetext.h"
#include "desktopsession.h"
#include "httpclient.h"
#include "models/conversationlistmodel.h"
#include "models/conversationstate.h"
#include "models/grouppicture.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QBuffer>
#include <QImage>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using namespace natter::testing;
using natter::testing::HttpClient;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;

namespace {

constexpr int kTimeoutMs = 15000;

//! The system lines of a conversation's timeline, oldest first.
QStringList systemLinesOf(const MessageListModel *model)
{
    QStringList lines;
    for (int row = 0; model && row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        if (index.data(MessageListModel::IsSystemRole).toBool())
            lines.append(index.data(MessageListModel::SystemEventRole).toString());
    }
    return lines;
}

//! A role of the row of `conversationId` in the list.
QVariant roleOf(const ConversationListModel *list, const QString &conversationId, int role)
{
    const int row = list->indexOf(QUuid::fromString(conversationId));
    return row < 0 ? QVariant() : list->index(row).data(role);
}

QString idAt(const ConversationListModel *list, int row)
{
    return list->index(row).data(ConversationListModel::IdRole).toString();
}

//! The conversation ids a filtered list shows, top first.
QStringList filteredIds(const ConversationFilterModel *shown)
{
    QStringList ids;
    for (int row = 0; row < shown->rowCount(); ++row)
        ids.append(shown->idAt(row));
    return ids;
}

} // namespace

class TestGroups : public QObject
{
    Q_OBJECT

private:
    struct App
    {
        std::unique_ptr<QTemporaryDir> dir;
        std::unique_ptr<Session> session;
        Session *operator->() const { return session.get(); }
        Session *get() const { return session.get(); }
    };

    App signedIn(const QString &name)
    {
        App app;
        app.dir = std::make_unique<QTemporaryDir>();
        app.session = signedInSession(m_server, name, app.dir->path());
        return app;
    }

    //! `session` has `conversationId` in its list (told by the socket) and opens it.
    void openWhenListed(Session *session, const QString &conversationId)
    {
        QTRY_VERIFY_WITH_TIMEOUT(
            session->conversations()->model()->find(QUuid::fromString(conversationId)), kTimeoutMs);
        session->chat()->open(conversationId);
    }

    [[nodiscard]] static bool listed(Session *session, const QString &conversationId)
    {
        return session->conversations()
            ->model()
            ->find(QUuid::fromString(conversationId))
            .has_value();
    }

    TestDatabase m_database;
    ServerProcess m_server;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_database.isValid(), qPrintable(m_database.error()));
        QProcessEnvironment env;
        env.insert(u"NATTER_RATE_SIGNIN"_s, u"1000/1000"_s);
        QVERIFY(m_server.start(m_database.url(), env));
    }

    void adminsRunTheGroupAndTheLastOneHandsItOn()
    {
        App alice = signedIn(u"alice"_s);
        App bob = signedIn(u"bob"_s);
        App carol = signedIn(u"carol"_s);
        App dave = signedIn(u"dave"_s);
        const QString hike = openGroup(alice.get(), u"Hike"_s, {u"bob"_s, u"carol"_s});
        QVERIFY(!hike.isEmpty());
        openWhenListed(bob.get(), hike);
        openWhenListed(carol.get(), hike);
        QTRY_COMPARE_WITH_TIMEOUT(bob->chat()->members()->count(), 3, kTimeoutMs);
        QVERIFY(alice->group()->canManage());
        QVERIFY(!bob->group()->canManage());

        // A member who is not admin cannot rename it: the server says no, the app says why.
        carol->group()->save(u"Carol's hike"_s, QString());
        QTRY_VERIFY_WITH_TIMEOUT(!carol->group()->errorText().isEmpty(), kTimeoutMs);
        QCOMPARE(carol->chat()->title(), u"Hike"_s);

        // The admin renames and describes it: everyone's header and settings follow, and the
        // timeline says so.
        QSignalSpy saved(alice->group(), &GroupSettings::saved);
        alice->group()->save(u"  Hike on Sunday "_s, u"Meet at the station at 8"_s);
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, kTimeoutMs);
        QCOMPARE(alice->group()->errorText(), QString());
        QCOMPARE(alice->chat()->title(), u"Hike on Sunday"_s);
        QTRY_COMPARE_WITH_TIMEOUT(bob->chat()->title(), u"Hike on Sunday"_s, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(bob->group()->description(), u"Meet at the station at 8"_s,
                                  kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(systemLinesOf(bob->chat()->messages()),
                                  (QStringList{u"renamed"_s, u"description_changed"_s}),
                                  kTimeoutMs);
        // Saving what is already there asks nothing of the server.
        alice->group()->save(u"Hike on Sunday"_s, u"Meet at the station at 8"_s);
        QCOMPARE(saved.size(), 2);
        QVERIFY(!alice->group()->busy());

        // Alice makes Bob admin; Bob's app learns it from the system line.
        alice->group()->setAdmin(bob->userId(), true);
        QTRY_VERIFY_WITH_TIMEOUT(bob->group()->canManage(), kTimeoutMs);
        // Bob takes Alice's role; then he cannot give up his own, the group's last.
        bob->group()->setAdmin(alice->userId(), false);
        QTRY_VERIFY_WITH_TIMEOUT(!alice->group()->canManage(), kTimeoutMs);
        bob->group()->setAdmin(bob->userId(), false);
        QTRY_COMPARE_WITH_TIMEOUT(bob->group()->errorText(),
                                  u"A group needs an admin: make someone else admin first."_s,
                                  kTimeoutMs);
        QVERIFY(bob->group()->canManage());

        // The last admin leaves: the longest-standing member (Alice, who created it) takes over.
        bob->chat()->leave();
        QTRY_VERIFY_WITH_TIMEOUT(!listed(bob.get(), hike), kTimeoutMs);
        QVERIFY(!bob->chat()->isOpen(QUuid::fromString(hike)));
        QTRY_VERIFY_WITH_TIMEOUT(alice->group()->canManage(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(alice->chat()->members()->count(), 2, kTimeoutMs);

        // She removes Carol and adds Dave.
        alice->chat()->removeMember(carol->userId());
        QTRY_VERIFY_WITH_TIMEOUT(!listed(carol.get(), hike), kTimeoutMs);
        alice->chat()->addMember(u"dave"_s);
        QTRY_VERIFY_WITH_TIMEOUT(listed(dave.get(), hike), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(alice->chat()->members()->count(), 2, kTimeoutMs);
        dave->chat()->open(hike);
        QTRY_COMPARE_WITH_TIMEOUT(dave->chat()->title(), u"Hike on Sunday"_s, kTimeoutMs);
        QVERIFY(!dave->group()->canManage());
    }

    void aTimedMuteEndsByItselfAndArchiveWaitsForANewMessage()
    {
        Conversation chat;
        chat.preferences.muted = true;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        chat.preferences.mutedUntil = now.addSecs(3600);
        QVERIFY(conversationstate::isMuted(chat, now));
        QVERIFY(!conversationstate::isMuted(chat, now.addSecs(3601)));
        QCOMPARE(conversationstate::nextMuteEnd({chat}, now), now.addSecs(3600));
        chat.preferences.mutedUntil = {}; // until turned back on
        QVERIFY(conversationstate::isMuted(chat, now.addYears(5)));

        Conversation archived;
        archived.preferences.archived = true;
        archived.preferences.archivedAtSeq = 4;
        Message last;
        last.seq = 4;
        archived.lastMessage = last;
        QVERIFY(conversationstate::isArchived(archived));
        archived.lastMessage->seq = 5; // a new message brings it back…
        QVERIFY(!conversationstate::isArchived(archived));
        archived.preferences.muted = true; // …unless it is muted
        QVERIFY(conversationstate::isArchived(archived));
    }

    void muteArchiveAndPinFollowTheUserToTheirOtherDevice()
    {
        App erin = signedIn(u"erin"_s);
        App erinLaptop = signedIn(u"erin"_s); // the same person on a second computer
        App frank = signedIn(u"frank"_s);
        QSignalSpy opened(frank->conversations(), &ConversationsController::openRequested);
        frank->conversations()->startDirectMessage(u"erin"_s);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        const QString dm = opened.at(0).at(0).toString();
        frank->chat()->open(dm);
        QVERIFY(frank->chat()->send(u"are you there?"_s));
        ConversationListModel *list = erin->conversations()->model();
        ConversationListModel *laptopList = erinLaptop->conversations()->model();
        QTRY_COMPARE_WITH_TIMEOUT(list->totalUnread(), 1, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(laptopList->totalUnread(), 1, kTimeoutMs);

        // Muted until turned back on: no badge count anywhere (title, tray), on both computers.
        erin->preferences()->mute(dm, 0);
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(list, dm, ConversationListModel::MutedRole).toBool(),
                                 kTimeoutMs);
        QCOMPARE(list->totalUnread(), 0);
        QCOMPARE(erin->windowTitle(), u"Natter"_s);
        QTRY_VERIFY_WITH_TIMEOUT(roleOf(laptopList, dm, ConversationListModel::MutedRole).toBool(),
                                 kTimeoutMs);
        QCOMPARE(laptopList->totalUnread(), 0);
        // The unread messages are still there, only not counted: the row shows a quiet dot.
        QCOMPARE(roleOf(list, dm, ConversationListModel::UnreadCountRole).toInt(), 1);
        QVERIFY(frank->chat()->send(u"hello??"_s));
        QTRY_COMPARE_WITH_TIMEOUT(roleOf(list, dm, ConversationListModel::UnreadCountRole).toInt(),
                                  2, kTimeoutMs);
        QCOMPARE(list->totalUnread(), 0);

        // Pinned: on top, above a conversation with newer activity.
        const QString later = openGroup(frank.get(), u"Later"_s, {u"erin"_s});
        QVERIFY(frank->chat()->send(u"newest"_s));
        QTRY_COMPARE_WITH_TIMEOUT(idAt(list, 0), later, kTimeoutMs);
        erin->preferences()->setPinned(dm, true);
        QTRY_COMPARE_WITH_TIMEOUT(idAt(list, 0), dm, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(idAt(laptopList, 0), dm, kTimeoutMs);
        QVERIFY(roleOf(laptopList, dm, ConversationListModel::PinnedRole).toBool());

        // Archived: out of the list (the archived view has it) until a new message comes.
        ConversationFilterModel *shown = erinLaptop->conversations()->filtered();
        erin->preferences()->setArchived(later, true);
        QTRY_COMPARE_WITH_TIMEOUT(laptopList->archivedCount(), 1, kTimeoutMs);
        QVERIFY(!filteredIds(shown).contains(later));
        shown->setShowArchived(true);
        QCOMPARE(filteredIds(shown), QStringList{later});
        shown->setShowArchived(false);
        QVERIFY(frank->chat()->send(u"still on for later?"_s));
        QTRY_VERIFY_WITH_TIMEOUT(filteredIds(shown).contains(later), kTimeoutMs);
        QCOMPARE(laptopList->archivedCount(), 0);

        // A muted conversation stays archived when a message comes.
        erin->preferences()->setArchived(dm, true);
        QTRY_COMPARE_WITH_TIMEOUT(laptopList->archivedCount(), 1, kTimeoutMs);
        frank->chat()->open(dm);
        QVERIFY(frank->chat()->send(u"ok, archived then"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(laptopList, dm, ConversationListModel::UnreadCountRole).toInt(), 3, kTimeoutMs);
        QVERIFY(!filteredIds(shown).contains(dm));

        // Unmuted on the laptop: counted again on both (3 here, 2 in "Later"), and the next
        // message unarchives it.
        QCOMPARE(list->totalUnread(), 2);
        erinLaptop->preferences()->unmute(dm);
        QTRY_COMPARE_WITH_TIMEOUT(list->totalUnread(), 5, kTimeoutMs);
        QVERIFY(frank->chat()->send(u"back"_s));
        QTRY_VERIFY_WITH_TIMEOUT(filteredIds(shown).contains(dm), kTimeoutMs);
        QCOMPARE(erin->preferences()->errorText(), QString());
    }

    void presenceTextSaysOnlineOrWhenLastSeen()
    {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        QCOMPARE(presenceText(std::nullopt, now, now), QString());
        QCOMPARE(presenceText(true, {}, now), u"online"_s);
        QCOMPARE(presenceText(false, now.addSecs(-20), now), u"last seen just now"_s);
        QCOMPARE(presenceText(false, now.addSecs(-5 * 60), now), u"last seen 5 min ago"_s);
        const QDateTime lastYear = now.addYears(-1);
        QVERIFY(
            presenceText(false, lastYear, now).endsWith(QString::number(lastYear.date().year())));
    }

    void aGroupShowsItsPictureWhereTheConversationCarriesOne()
    {
        Conversation group;
        group.type = ConversationType::Group;
        QCOMPARE(groupPictureOf(group), QString()); // none yet: initials
        group.avatarUrl = u"/api/v1/conversations/c1/avatar/a1"_s;
        QCOMPARE(groupPictureOf(group), u"/api/v1/conversations/c1/avatar/a1"_s);
        group.type = ConversationType::Dm; // a DM shows the other person's picture instead
        QCOMPARE(groupPictureOf(group), QString());
    }

    // A web admin sets the group's picture: the desktop member's list row and open chat's header
    // carry it at once (the system line makes the app fetch the group again), and lose it when
    // it is removed.
    void aPictureAnAdminSetsReachesTheListRow()
    {
        App hal = signedIn(u"hal"_s);
        HttpClient gil;
        const auto login =
            gil.postJson(m_server.url(u"/api/v1/auth/dev/login"_s), {{u"name"_s, u"gil"_s}});
        QCOMPARE(login.status, 200);
        gil.setBearer(login.json().value(u"access_token"_s).toString());
        QCOMPARE(gil.put(m_server.url(u"/api/v1/users/me/username"_s), {{u"username"_s, u"gil"_s}})
                     .status,
                 200);
        const auto created = gil.postJson(m_server.url(u"/api/v1/conversations"_s),
                                          {{u"type"_s, u"group"_s},
                                           {u"title"_s, u"Choir"_s},
                                           {u"usernames"_s, QJsonArray{u"hal"_s}}});
        QCOMPARE(created.status, 201);
        const QUuid choir = QUuid::fromString(created.json().value(u"id"_s).toString());
        ConversationListModel *list = hal->conversations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(list->find(choir).has_value(), kTimeoutMs);
        const auto pictureInList = [&] {
            return list->index(list->indexOf(choir))
                .data(ConversationListModel::PeerAvatarUrlRole)
                .toString();
        };
        QCOMPARE(pictureInList(), QString()); // initials

        QImage image(64, 64, QImage::Format_RGB32);
        image.fill(Qt::darkCyan);
        QByteArray png;
        QBuffer buffer(&png);
        QVERIFY(buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG"));
        const QUrl avatar = m_server.url(
            u"/api/v1/conversations/%1/avatar"_s.arg(choir.toString(QUuid::WithoutBraces)));
        hal->chat()->open(choir.toString(QUuid::WithoutBraces));
        QTRY_COMPARE_WITH_TIMEOUT(hal->chat()->title(), u"Choir"_s, kTimeoutMs);
        QSignalSpy header(hal->chat(), &ChatController::detailsChanged);
        QCOMPARE(gil.send("PUT", avatar, png, "image/png").status, 200);
        QTRY_VERIFY_WITH_TIMEOUT(pictureInList().contains(u"/avatar/"_s), kTimeoutMs);
        // The open chat's header shows it too, and says so to its binding.
        QVERIFY(header.size() > 0);
        QCOMPARE(hal->chat()->avatarUrl(), pictureInList());

        QCOMPARE(gil.del(avatar).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(pictureInList(), QString(), kTimeoutMs);
        QCOMPARE(hal->chat()->avatarUrl(), QString());
    }

    // A desktop admin chooses the group's picture from a file and removes it; a member's list
    // row follows, and a member who is not admin is refused in words.
    void anAdminSetsTheGroupPictureFromAFile()
    {
        App ivy = signedIn(u"ivy"_s);
        App jon = signedIn(u"jon"_s);
        const QString band = openGroup(ivy.get(), u"Band"_s, {u"jon"_s});
        QVERIFY(!band.isEmpty());
        openWhenListed(jon.get(), band);
        QTRY_VERIFY_WITH_TIMEOUT(ivy->group()->canManage(), kTimeoutMs);

        QTemporaryDir files;
        const QString path = files.filePath(u"band.png"_s);
        QImage image(300, 200, QImage::Format_RGB32);
        image.fill(Qt::darkMagenta);
        QVERIFY(image.save(path, "PNG"));
        ivy->group()->uploadPicture(QUrl::fromLocalFile(path));
        QTRY_VERIFY_WITH_TIMEOUT(ivy->group()->pictureUrl().contains(u"/avatar/"_s), kTimeoutMs);
        QVERIFY(ivy->group()->errorText().isEmpty());
        ConversationListModel *jonsList = jon->conversations()->model();
        const QUuid id = QUuid::fromString(band);
        QTRY_VERIFY_WITH_TIMEOUT(jonsList->find(id) && !jonsList->find(id)->avatarUrl.isEmpty(),
                                 kTimeoutMs);

        jon->group()->uploadPicture(QUrl::fromLocalFile(path)); // not an admin
        QTRY_VERIFY_WITH_TIMEOUT(!jon->group()->errorText().isEmpty(), kTimeoutMs);

        ivy->group()->removePicture();
        QTRY_COMPARE_WITH_TIMEOUT(ivy->group()->pictureUrl(), QString(), kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(jonsList->find(id) && jonsList->find(id)->avatarUrl.isEmpty(),
                                 kTimeoutMs);
    }

    void onlineAndLastSeenShowInTheDmAndTheMemberListUnlessHidden()
    {
        App gina = signedIn(u"gina"_s);
        App hank = signedIn(u"hank"_s);
        QSignalSpy opened(gina->conversations(), &ConversationsController::openRequested);
        gina->conversations()->startDirectMessage(u"hank"_s);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        const QString dm = opened.at(0).at(0).toString();
        gina->chat()->open(dm);
        QTRY_COMPARE_WITH_TIMEOUT(gina->presence()->peerStatus(), u"online"_s, kTimeoutMs);

        // Hank's app goes offline: after the server's grace period, "last seen just now".
        hank->realtime()->stop();
        QTRY_COMPARE_WITH_TIMEOUT(gina->presence()->peerStatus(), u"last seen just now"_s,
                                  kTimeoutMs);
        hank->realtime()->start();
        QTRY_COMPARE_WITH_TIMEOUT(gina->presence()->peerStatus(), u"online"_s, kTimeoutMs);

        // In a group, the member list says it for each member.
        const QString group = openGroup(gina.get(), u"Climbing"_s, {u"hank"_s});
        QVERIFY(!group.isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(gina->presence()->statusOf(hank->userId()), u"online"_s,
                                  kTimeoutMs);
        QCOMPARE(gina->presence()->statusOf(gina->userId()), QString());

        // Hank hides his: Gina no longer sees it, and Hank sees nobody's.
        QVERIFY(!hank->presence()->hidden());
        hank->presence()->setHidden(true);
        QTRY_VERIFY_WITH_TIMEOUT(hank->presence()->hidden(), kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(gina->presence()->statusOf(hank->userId()), QString(),
                                  kTimeoutMs);
        hank->chat()->open(group);
        QTest::qWait(500); // give a wrong answer the chance to arrive
        QCOMPARE(hank->presence()->statusOf(gina->userId()), QString());
        // Shown again: both see each other at once.
        hank->presence()->setHidden(false);
        QTRY_COMPARE_WITH_TIMEOUT(gina->presence()->statusOf(hank->userId()), u"online"_s,
                                  kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(hank->presence()->statusOf(gina->userId()), u"online"_s,
                                  kTimeoutMs);
        QCOMPARE(hank->presence()->errorText(), QString());
    }

    void theListSaysWhoIsTypingInChatsThatAreNotOpen()
    {
        App ivan = signedIn(u"ivan"_s);
        App judy = signedIn(u"judy"_s);
        App kim = signedIn(u"kim"_s);
        QSignalSpy opened(ivan->conversations(), &ConversationsController::openRequested);
        ivan->conversations()->startDirectMessage(u"judy"_s);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        const QString dm = opened.at(0).at(0).toString();
        ivan->chat()->open(dm);
        ConversationListModel *judyList = judy->conversations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(judyList->indexOf(QUuid::fromString(dm)) >= 0, kTimeoutMs);
        QVERIFY(!judy->chat()->hasConversation()); // Judy has no chat open

        ivan->chat()->composing();
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(judyList, dm, ConversationListModel::TypingTextRole).toString(), u"typing…"_s,
            kTimeoutMs);
        // Sending ends it at once.
        QVERIFY(ivan->chat()->send(u"see you at 6"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(judyList, dm, ConversationListModel::TypingTextRole).toString(), QString(),
            kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(judyList, dm, ConversationListModel::LastMessageTextRole).toString(),
            u"see you at 6"_s, kTimeoutMs);

        // A group names who types, and its preview names who wrote.
        const QString group = openGroup(kim.get(), u"Dinner"_s, {u"judy"_s});
        QTRY_VERIFY_WITH_TIMEOUT(judyList->indexOf(QUuid::fromString(group)) >= 0, kTimeoutMs);
        kim->chat()->composing();
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(judyList, group, ConversationListModel::TypingTextRole).toString(),
            u"kim is typing…"_s, kTimeoutMs);
        QVERIFY(kim->chat()->send(u"on my way"_s));
        QTRY_COMPARE_WITH_TIMEOUT(
            roleOf(judyList, group, ConversationListModel::LastMessageTextRole).toString(),
            u"kim: on my way"_s, kTimeoutMs);
        QCOMPARE(roleOf(judyList, group, ConversationListModel::TypingTextRole).toString(),
                 QString());
    }
};

QTEST_MAIN(TestGroups)
#include "tst_groups.moc"
