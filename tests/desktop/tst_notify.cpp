// SPDX-License-Identifier: Apache-2.0
// Desktop notifications over the real D-Bus session bus (the test runs under
// dbus-run-session): a stand-in notification daemon owns org.freedesktop.Notifications on its
// own connection and thread, as a desktop's would, and records every Notify call; two real
// Sessions chat through a real natter-server.
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/notifier.h"
#include "app/preferencescontroller.h"
#include "app/session.h"
#include "desktopsession.h"
#include "httpclient.h"
#include "models/messagelistmodel.h"
#include "serverprocess.h"
#include "testdatabase.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;
using namespace natter::testing;
using natter::testing::ServerProcess;
using natter::testing::TestDatabase;

namespace {

constexpr int kTimeoutMs = 15000;

//! What the desktop's notification daemon would receive.
class NotificationDaemon final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    [[nodiscard]] QStringList received() const
    {
        QMutexLocker lock(&m_mutex);
        return m_received;
    }

public Q_SLOTS:
    uint Notify(const QString &appName, uint replacesId, const QString &appIcon,
                const QString &summary, const QString &body, const QStringList &actions,
                const QVariantMap &hints, int timeout)
    {
        Q_UNUSED(appName);
        Q_UNUSED(replacesId);
        Q_UNUSED(appIcon);
        Q_UNUSED(actions);
        Q_UNUSED(hints);
        Q_UNUSED(timeout);
        QMutexLocker lock(&m_mutex);
        m_received.append(summary + u": "_s + body);
        return uint(m_received.size());
    }

private:
    mutable QMutex m_mutex;
    QStringList m_received;
};

} // namespace

class TestNotify : public QObject
{
    Q_OBJECT

private:
    TestDatabase m_database;
    ServerProcess m_server;
    QThread m_daemonThread;
    NotificationDaemon *m_daemon = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        if (!QDBusConnection::sessionBus().isConnected())
            QSKIP("no D-Bus session bus (run under dbus-run-session)");
        QVERIFY2(m_database.isValid(), qPrintable(m_database.error()));
        QVERIFY(m_server.start(m_database.url()));

        // The daemon answers from its own thread and connection, so the app's blocking call
        // gets its reply as it would from a real desktop.
        m_daemon = new NotificationDaemon;
        m_daemon->moveToThread(&m_daemonThread);
        m_daemonThread.start();
        bool registered = false;
        QMetaObject::invokeMethod(
            m_daemon,
            [&] {
                QDBusConnection bus =
                    QDBusConnection::connectToBus(QDBusConnection::SessionBus, u"daemon"_s);
                registered = bus.registerService(u"org.freedesktop.Notifications"_s) &&
                             bus.registerObject(u"/org/freedesktop/Notifications"_s, m_daemon,
                                                QDBusConnection::ExportAllSlots);
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(registered);
    }

    void cleanupTestCase()
    {
        if (m_daemon) {
            QMetaObject::invokeMethod(
                m_daemon, [] { QDBusConnection::disconnectFromBus(u"daemon"_s); },
                Qt::BlockingQueuedConnection);
            m_daemonThread.quit();
            m_daemonThread.wait();
            delete m_daemon;
        }
    }

    // #16 item 5: a message in an unfocused window raises a notification; one in the
    // conversation open in the focused window does not.
    void notifiesOnlyWhenTheWindowIsNotFocused()
    {
        QTemporaryDir aliceDir, bobDir;
        auto alice = signedInSession(m_server, u"alice"_s, aliceDir.path());
        auto bob = signedInSession(m_server, u"bob"_s, bobDir.path());
        Notifier notifier;
        bob->setNotifier(&notifier);
        QSignalSpy bobReceived(bob->realtime(), &RealtimeClient::messageReceived);

        QSignalSpy opened(alice->conversations(), &ConversationsController::openRequested);
        alice->conversations()->startDirectMessage(u"bob"_s);
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        const QString dm = opened.at(0).at(0).toString();
        alice->chat()->open(dm);

        bob->setWindowActive(false);
        QVERIFY(alice->chat()->send(u"while you were away"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 1, kTimeoutMs);
        QCOMPARE(m_daemon->received().at(0), u"alice: while you were away"_s);

        // Bob is looking at the conversation: nothing pops up.
        bob->setWindowActive(true);
        bob->chat()->open(dm);
        QVERIFY(alice->chat()->send(u"you are reading this"_s));
        QTRY_COMPARE_WITH_TIMEOUT(bobReceived.size(), 2, kTimeoutMs);

        // Away again: the next one notifies, and the one read in place never did.
        bob->setWindowActive(false);
        QVERIFY(alice->chat()->send(u"and away again"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), 2, kTimeoutMs);
        QCOMPARE(m_daemon->received().at(1), u"alice: and away again"_s);
        bob->setNotifier(nullptr);
    }

    // #12: a mention notifies even in a focused window, unless that conversation is open;
    // other messages there do not.
    void mentionNotifiesEvenWhenTheWindowIsFocused()
    {
        QTemporaryDir carolDir, daveDir;
        auto carol = signedInSession(m_server, u"carol"_s, carolDir.path());
        auto dave = signedInSession(m_server, u"dave"_s, daveDir.path());
        Notifier notifier;
        dave->setNotifier(&notifier);
        const qsizetype before = m_daemon->received().size();
        QSignalSpy daveReceived(dave->realtime(), &RealtimeClient::messageReceived);

        QSignalSpy opened(carol->conversations(), &ConversationsController::openRequested);
        carol->conversations()->createGroup(u"Lunch"_s, {u"dave"_s});
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        const QString group = opened.at(0).at(0).toString();
        carol->chat()->open(group);

        dave->setWindowActive(true); // focused, but the group is not the open conversation
        QVERIFY(carol->chat()->send(u"who is in?"_s));
        QTRY_COMPARE_WITH_TIMEOUT(daveReceived.size(), 1, kTimeoutMs);
        QVERIFY(carol->chat()->send(u"@Dave are you?"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), before + 1, kTimeoutMs);
        QCOMPARE(m_daemon->received().constLast(),
                 u"carol mentioned you in Lunch: @Dave are you?"_s);
        QCOMPARE(daveReceived.size(), 2);

        // Looking at the group: a mention there needs no notification.
        dave->chat()->open(group);
        QVERIFY(carol->chat()->send(u"@dave thanks"_s));
        QTRY_COMPARE_WITH_TIMEOUT(daveReceived.size(), 3, kTimeoutMs);
        // The app notifies (a blocking D-Bus call) while taking the message in, before this
        // spy, connected after the app, hears of it: nothing more can come for it.
        QCOMPARE(m_daemon->received().size(), before + 1);
        dave->setNotifier(nullptr);
    }

    // #18: a muted conversation raises no notification (nor counts in the title), except a
    // mention of me; unmuted, it notifies again.
    void mutedConversationStaysQuietUnlessItNamesMe()
    {
        QTemporaryDir fionaDir, gusDir;
        auto fiona = signedInSession(m_server, u"fiona"_s, fionaDir.path());
        auto gus = signedInSession(m_server, u"gus"_s, gusDir.path());
        Notifier notifier;
        gus->setNotifier(&notifier);
        const qsizetype before = m_daemon->received().size();
        QSignalSpy gusReceived(gus->realtime(), &RealtimeClient::messageReceived);

        QSignalSpy opened(fiona->conversations(), &ConversationsController::openRequested);
        fiona->conversations()->createGroup(u"Choir"_s, {u"gus"_s});
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        const QString group = opened.at(0).at(0).toString();
        fiona->chat()->open(group);
        const ConversationListModel *list = gus->conversations()->model();
        QTRY_VERIFY_WITH_TIMEOUT(list->indexOf(QUuid::fromString(group)) >= 0, kTimeoutMs);
        gus->preferences()->mute(group, 8);
        QTRY_VERIFY_WITH_TIMEOUT(list->index(list->indexOf(QUuid::fromString(group)))
                                     .data(ConversationListModel::MutedRole)
                                     .toBool(),
                                 kTimeoutMs);

        gus->setWindowActive(false);
        QVERIFY(fiona->chat()->send(u"rehearsal moved to 7"_s));
        QTRY_COMPARE_WITH_TIMEOUT(gusReceived.size(), 1, kTimeoutMs);
        // (Notified while taking the message in, before this spy heard of it.)
        QCOMPARE(m_daemon->received().size(), before);
        QCOMPARE(gus->windowTitle(), u"Natter"_s);
        QVERIFY(fiona->chat()->send(u"@gus can you bring the scores?"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), before + 1, kTimeoutMs);
        QCOMPARE(m_daemon->received().constLast(),
                 u"fiona mentioned you in Choir: @gus can you bring the scores?"_s);

        gus->preferences()->unmute(group);
        QTRY_COMPARE_WITH_TIMEOUT(gus->windowTitle(), u"(2) Natter"_s, kTimeoutMs);
        QVERIFY(fiona->chat()->send(u"thanks!"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), before + 2, kTimeoutMs);
        QCOMPARE(m_daemon->received().constLast(), u"fiona in Choir: thanks!"_s);
        gus->setNotifier(nullptr);
    }

    // #18: a click on our notification (the service's ActionInvoked "default") asks for the
    // window at that conversation; a click on someone else's bubble does not.
    void clickingTheNotificationOpensItsConversation()
    {
        Notifier notifier;
        QSignalSpy activated(&notifier, &Notifier::activated);
        notifier.notify(u"ana"_s, u"lunch?"_s, u"c0ffee00-0000-4000-8000-000000000001"_s);
        const uint ours = uint(m_daemon->received().size()); // the daemon's ids count up
        auto click = [this](uint id) {
            QMetaObject::invokeMethod(
                m_daemon,
                [id] {
                    QDBusMessage signal = QDBusMessage::createSignal(
                        u"/org/freedesktop/Notifications"_s, u"org.freedesktop.Notifications"_s,
                        u"ActionInvoked"_s);
                    signal << id << u"default"_s;
                    QDBusConnection(u"daemon"_s).send(signal);
                },
                Qt::BlockingQueuedConnection);
        };
        click(ours + 100); // another application's notification
        click(ours);
        QTRY_COMPARE_WITH_TIMEOUT(activated.size(), 1, kTimeoutMs);
        QCOMPARE(activated.at(0).at(0).toString(), u"c0ffee00-0000-4000-8000-000000000001"_s);
    }

    // #18: a system line ("frank added gina") lands in the timeline as a system row, counts
    // as unread, and never notifies; the message after it does.
    void systemLineDoesNotNotify()
    {
        QTemporaryDir frankDir, erinDir, ginaDir;
        auto frank = signedInSession(m_server, u"frank"_s, frankDir.path());
        auto erin = signedInSession(m_server, u"erin"_s, erinDir.path());
        auto gina = signedInSession(m_server, u"gina"_s, ginaDir.path());
        Notifier notifier;
        erin->setNotifier(&notifier);
        erin->setWindowActive(false);
        QSignalSpy erinReceived(erin->realtime(), &RealtimeClient::messageReceived);

        QSignalSpy opened(frank->conversations(), &ConversationsController::openRequested);
        frank->conversations()->createGroup(u"Hike"_s, {u"erin"_s});
        QTRY_COMPARE_WITH_TIMEOUT(opened.size(), 1, kTimeoutMs);
        const QString group = opened.at(0).at(0).toString();
        frank->chat()->open(group);
        const qsizetype before = m_daemon->received().size();

        QSignalSpy added(frank->chat(), &ChatController::memberAdded);
        frank->chat()->addMember(u"gina"_s);
        QTRY_COMPARE_WITH_TIMEOUT(added.size(), 1, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(!erinReceived.isEmpty(), kTimeoutMs);
        QVERIFY(erinReceived.constLast().at(0).value<Message>().isSystem());

        QVERIFY(frank->chat()->send(u"boots on"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_daemon->received().size(), before + 1, kTimeoutMs);
        QCOMPARE(m_daemon->received().constLast(), u"frank in Hike: boots on"_s);

        // Erin's timeline: the system line as its own kind of row, then the message.
        erin->chat()->open(group);
        MessageListModel *rows = erin->chat()->messages();
        QTRY_COMPARE_WITH_TIMEOUT(rows->count(), 2, kTimeoutMs);
        const QModelIndex line = rows->index(0);
        QVERIFY(rows->data(line, MessageListModel::IsSystemRole).toBool());
        QCOMPARE(rows->data(line, MessageListModel::SystemEventRole).toString(), u"member_added"_s);
        QCOMPARE(rows->data(line, MessageListModel::BodyTextRole).toString(),
                 u"frank added gina"_s);
        QVERIFY(!rows->data(rows->index(1), MessageListModel::IsSystemRole).toBool());
        // After a system line the sender's name shows again.
        QVERIFY(rows->data(rows->index(1), MessageListModel::ShowSenderRole).toBool());
        erin->setNotifier(nullptr);
        Q_UNUSED(gina);
    }
};

QTEST_MAIN(TestNotify)
#include "tst_notify.moc"
