// SPDX-License-Identifier: Apache-2.0
#include "logging.h"

#include "natter/timestamps.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMutex>

#include <cstdio>

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

void writeLine(QJsonObject line)
{
    static QMutex mutex;
    const QByteArray bytes = QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n';
    QMutexLocker locker(&mutex);
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stderr);
    std::fflush(stderr);
}

QJsonObject baseLine(const char *category, QtMsgType level, const QString &message)
{
    return {
        {u"ts"_s, formatTimestamp(QDateTime::currentDateTimeUtc())},
        {u"level"_s, levelName(level)},
        {u"category"_s, QString::fromLatin1(category)},
        {u"msg"_s, message},
    };
}

void jsonMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    writeLine(baseLine(context.category ? context.category : "default", type, message));
    if (type == QtFatalMsg)
        std::abort();
}

} // namespace

void installJsonMessageHandler()
{
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
    writeLine(line);
}

} // namespace natter::server::logging
