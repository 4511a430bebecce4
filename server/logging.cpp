// SPDX-License-Identifier: Apache-2.0
#include "logging.h"

#include "natter/timestamps.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMutex>

#include <cstdio>

#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

Q_LOGGING_CATEGORY(lcHttp, "natter.http")
Q_LOGGING_CATEGORY(lcDb, "natter.db")
Q_LOGGING_CATEGORY(lcMigrate, "natter.migrate")
Q_LOGGING_CATEGORY(lcAuth, "natter.auth")
Q_LOGGING_CATEGORY(lcRealtime, "natter.realtime")
Q_LOGGING_CATEGORY(lcServer, "natter.server")

namespace natter::server::logging {
namespace {

QString levelName(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return u"debug"_s;
    case QtInfoMsg:
        return u"info"_s;
    case QtWarningMsg:
        return u"warning"_s;
    case QtCriticalMsg:
        return u"error"_s;
    case QtFatalMsg:
        return u"fatal"_s;
    }
    return u"info"_s;
}

//! True when stderr is the journal stream systemd gave us: JOURNAL_STREAM names its device and
//! inode (a shell redirect under the same unit inherits the variable, not the stream).
bool stderrIsJournal()
{
    const QList<QByteArray> stream = qgetenv("JOURNAL_STREAM").split(':');
    struct stat info
    {
    };
    if (stream.size() != 2 || ::fstat(STDERR_FILENO, &info) != 0)
        return false;
    return stream[0].toULongLong() == quint64(info.st_dev) &&
           stream[1].toULongLong() == quint64(info.st_ino);
}

//! Decided once at start (installJsonMessageHandler), read by every line.
bool g_journal = false;

//! The sd-daemon prefix journald turns into the entry's priority (`journalctl -p warning`).
const char *journalPriority(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return "<7>";
    case QtInfoMsg:
        return "<6>";
    case QtWarningMsg:
        return "<4>";
    case QtCriticalMsg:
        return "<3>";
    case QtFatalMsg:
        return "<2>";
    }
    return "<6>";
}

void writeLine(const QJsonObject &line, QtMsgType level)
{
    static QMutex mutex;
    QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    if (g_journal)
        bytes.prepend(journalPriority(level));
    QMutexLocker locker(&mutex);
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

QJsonObject baseLine(const char *category, QtMsgType level, const QString &message)
{
    QJsonObject line{
        {u"level"_s, levelName(level)},
        {u"category"_s, QString::fromLatin1(category)},
        {u"msg"_s, message},
    };
    // journald stamps every entry itself (`journalctl -o short-iso-precise`); a second time
    // in the line would only be noise.
    if (!g_journal)
        line.insert(u"ts"_s, formatTimestamp(QDateTime::currentDateTimeUtc()));
    return line;
}

//! Qt 6.4's HTTP server warns about every WebSocket upgrade it does not hand to its own
//! QWebSocketServer. HttpServer takes every accepted upgrade itself (realtime/ws), so the line
//! would be written once per socket: 5,000 lines for a reconnect storm, saying nothing.
bool isQtNoise(const char *category, const QString &message)
{
    return category && qstrcmp(category, "qt.httpserver") == 0 &&
           message.startsWith("WebSocket received but no slots connected"_L1);
}

void jsonMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (isQtNoise(context.category, message))
        return;
    writeLine(baseLine(context.category ? context.category : "default", type, message), type);
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void installJsonMessageHandler()
{
    g_journal = stderrIsJournal();
    qInstallMessageHandler(jsonMessageHandler);
}

void event(const QLoggingCategory &category, QtMsgType level, const QString &message,
           const QJsonObject &fields)
{
    if (!category.isEnabled(level))
        return;
    QJsonObject line = baseLine(category.categoryName(), level, message);
    for (auto it = fields.begin(); it != fields.end(); ++it)
        line.insert(it.key(), it.value());
    writeLine(line, level);
}

} // namespace natter::server::logging
