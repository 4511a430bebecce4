// SPDX-License-Identifier: Apache-2.0
// natter-bench: measures the desktop app as a user meets it (see docs/benchmarks.md).
//   natter-bench seed DIR       writes a data folder: a signed-in user, 20 cached conversations
//   natter-bench run DIR        starts the app on it and prints one JSON line:
//     cold start to the first painted, non-empty conversation list (from process start),
//     resident memory with 20 conversations and 10,000 messages loaded into the models,
//     and frame times while scrolling a 5,000-message history from the bottom to the top.
// The server URL points at a closed port: the app must paint from its cache, as it does
// before any network answers.
#include "app/chatcontroller.h"
#include "app/conversationscontroller.h"
#include "app/session.h"
#include "ui/appshell.h"

#include <algorithm>
#include <cstdio>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QTimer>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;
using namespace natter;
using namespace natter::desktop;

namespace {

const QString kServer = u"http://127.0.0.1:9"_s; // discard port: nothing answers
constexpr int kConversations = 20;
constexpr int kMessages = 10000;
constexpr int kBigConversationMessages = 5000;

//! Milliseconds since this process was started by the kernel (exec), from /proc.
double msSinceProcessStart()
{
    QFile stat(u"/proc/self/stat"_s);
    QFile uptime(u"/proc/uptime"_s);
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble(); // field 22 of stat
    const double upSeconds = uptime.readAll().split(' ').value(0).toDouble();
    return (upSeconds - startTicks / double(sysconf(_SC_CLK_TCK))) * 1000.0;
}

double residentMb()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    }
    return -1;
}

User makeUser(int i)
{
    User user;
    user.id = QUuid::fromString(u"00000000-0000-0000-0000-%1"_s.arg(i + 1, 12, 10, QChar(u'0')));
    user.username = u"user%1"_s.arg(i);
    user.displayName = u"User %1"_s.arg(i);
    user.createdAt = QDateTime::currentDateTimeUtc().addDays(-100);
    return user;
}

QUuid conversationId(int i)
{
    return QUuid::fromString(u"00000000-0000-0000-0001-%1"_s.arg(i + 1, 12, 10, QChar(u'0')));
}

//! How many history messages conversation `i` gets: 5,000 in the first, the rest spread.
int historyCount(int i)
{
    const int rest = kMessages - kBigConversationMessages;
    return i == 0 ? kBigConversationMessages
                  : rest / (kConversations - 1) + (i <= rest % (kConversations - 1) ? 1 : 0);
}

QList<Message> makeMessages(const QUuid &conversation, int firstSeq, int count, const QUuid &me,
                            const QUuid &other)
{
    QList<Message> messages;
    messages.reserve(count);
    const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-qint64(firstSeq + count) * 90);
    for (int seq = firstSeq; seq < firstSeq + count; ++seq) {
        Message m;
        m.id = QUuid::createUuid();
        m.conversationId = conversation;
        m.seq = seq;
        m.senderId = seq % 3 == 0 ? me : other;
        m.bodyText =
            seq % 7 == 0
                ? u"A longer message number %1, the kind that wraps over two or three lines in "
                  "the chat view so the delegates are not all one height."_s.arg(seq)
                : u"Message %1"_s.arg(seq);
        m.createdAt = start.addSecs(qint64(seq) * 90);
        messages.append(m);
    }
    return messages;
}

int seed(const QString &dir)
{
    QDir().mkpath(dir);
    QSettings settings(QDir(dir).filePath(u"natter.ini"_s), QSettings::IniFormat);
    settings.setValue(u"server/url"_s, kServer);
    settings.sync();
    LocalCache cache;
    if (!cache.open(Session::cacheFilePath(dir, kServer)).ok())
        return 1;
    cache.clearFetched();
    const User me = makeUser(0);
    cache.saveUser(me);
    QList<Conversation> conversations;
    for (int i = 0; i < kConversations; ++i) {
        const User other = makeUser(i + 1);
        Conversation c;
        c.id = conversationId(i);
        c.type = i % 4 == 0 ? ConversationType::Group : ConversationType::Dm;
        c.title = c.type == ConversationType::Group ? u"Group %1"_s.arg(i) : QString();
        c.createdAt = QDateTime::currentDateTimeUtc().addDays(-30);
        c.members = {Member{me, MemberRole::Admin, c.createdAt},
                     Member{other, MemberRole::Member, c.createdAt}};
        c.membersIncluded = true;
        // The cache holds the newest messages; the benchmark loads the older history later.
        const QList<Message> recent = makeMessages(
            c.id, historyCount(i) + 1, LocalCache::kKeepPerConversation, me.id, other.id);
        c.lastMessage = recent.constLast();
        c.lastMessage->createdAt = QDateTime::currentDateTimeUtc().addSecs(qint64(-60) * i);
        c.unreadCount = i % 3;
        conversations.append(c);
        cache.saveMessages(recent);
    }
    cache.saveConversations(conversations);
    std::printf("seeded %s\n", qPrintable(dir));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 3 && qstrcmp(argv[1], "seed") == 0) {
        QCoreApplication app(argc, argv);
        return seed(QString::fromLocal8Bit(argv[2]));
    }
    if (argc != 3 || qstrcmp(argv[1], "run") != 0) {
        std::fprintf(stderr, "usage: natter-bench seed DIR | run DIR\n");
        return 2;
    }

    // The same start-up as main.cpp.
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(u"Natter"_s);
    AppShell::prepareApplication();
    Session::Options options;
    options.dataDir = QString::fromLocal8Bit(argv[2]);
    options.keychain = TokenStore::Mode::MemoryOnly;
    Session session(std::move(options));
    // Stands in for the keychain: a signed-in user's stored token (tokens are per server).
    session.tokens()->setAccount(kServer);
    session.tokens()->setMemoryToken(u"bench-offline-token"_s);
    AppShell shell(&session);
    if (!shell.load())
        return 1;
    session.start();
    QQuickWindow *window = shell.window();
    window->resize(1100, 720);

    QJsonObject result;
    auto *list = window->findChild<QQuickItem *>(u"conversationListView"_s);
    // frameSwapped comes from the render thread, queued: several may be waiting already.
    bool painted = false;
    QObject::connect(window, &QQuickWindow::frameSwapped, &app, [&] {
        if (painted || !list || list->property("count").toInt() == 0)
            return;
        painted = true;
        result.insert(u"cold_start_ms"_s, msSinceProcessStart());
        result.insert(u"rss_after_first_paint_mb"_s, residentMb());
        QTimer::singleShot(0, &app, [&] {
            // 10,000 history messages in the models on top of the cached ones: 5,000 in one
            // conversation, the rest spread.
            const QUuid me = makeUser(0).id;
            int loaded = 0;
            for (int i = 0; i < kConversations; ++i) {
                MessageListModel *model = session.chat()->modelFor(conversationId(i));
                // Older than what the cache gave the model, as history pages would be.
                const QList<Message> messages =
                    makeMessages(conversationId(i), int(model->oldestSeq()) - historyCount(i),
                                 historyCount(i), me, makeUser(i + 1).id);
                model->prependHistory(messages);
                loaded += model->rowCount();
            }
            session.chat()->open(conversationId(0).toString(QUuid::WithoutBraces));
            result.insert(u"messages_loaded"_s, loaded);
            QTimer::singleShot(1500, &app, [&] {
                result.insert(u"rss_20_conversations_10k_messages_mb"_s, residentMb());
                auto *view = window->findChild<QQuickItem *>(u"messageListView"_s);
                if (!view) {
                    QGuiApplication::exit(1);
                    return;
                }
                // Scroll from the newest to the oldest, one step per frame, timing the frames.
                QMetaObject::invokeMethod(view, "positionViewAtEnd");
                auto frames = std::make_shared<QList<double>>();
                auto clock = std::make_shared<QElapsedTimer>();
                clock->start();
                auto steps = std::make_shared<int>(0);
                auto done = std::make_shared<bool>(false);
                QObject::connect(
                    window, &QQuickWindow::frameSwapped, &app,
                    [&, view, frames, clock, steps, done] {
                        if (*done)
                            return;
                        frames->append(double(clock->nsecsElapsed()) / 1e6);
                        clock->restart();
                        const double y = view->property("contentY").toDouble();
                        const double origin = view->property("originY").toDouble();
                        if (y <= origin + 1 || ++*steps > 20000) {
                            *done = true;
                            QList<double> sorted = *frames;
                            std::sort(sorted.begin(), sorted.end());
                            double sum = 0;
                            for (double f : sorted)
                                sum += f;
                            result.insert(u"scroll_frames"_s, int(sorted.size()));
                            result.insert(u"scroll_frame_avg_ms"_s, sum / double(sorted.size()));
                            result.insert(u"scroll_frame_p95_ms"_s,
                                          sorted.at(int(double(sorted.size()) * 0.95)));
                            result.insert(u"scroll_frame_max_ms"_s, sorted.constLast());
                            result.insert(u"scroll_rows_loaded"_s, view->property("count").toInt());
                            result.insert(u"rss_after_scroll_mb"_s, residentMb());
                            std::printf(
                                "%s\n",
                                QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
                            std::fflush(stdout);
                            QGuiApplication::exit(0);
                            return;
                        }
                        view->setProperty("contentY", std::max(origin, y - 600.0));
                        window->update();
                    });
                window->update();
            });
        });
    });
    return QGuiApplication::exec();
}
