// SPDX-License-Identifier: Apache-2.0
#include "db/databasesettings.h"

#include <QRegularExpression>
#include <QUrl>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

Result<DatabaseSettings> parseKeywordForm(const QString &text)
{
    static const QRegularExpression pair(u"(\\w+)\\s*=\\s*('(?:[^'\\\\]|\\\\.)*'|\\S+)"_s);
    DatabaseSettings settings;
    auto matches = pair.globalMatch(text);
    while (matches.hasNext()) {
        const auto match = matches.next();
        QString value = match.captured(2);
        if (value.startsWith(u'\'') && value.endsWith(u'\''))
            value = value.mid(1, value.size() - 2).replace(u"\\'"_s, u"'"_s);
        const QString key = match.captured(1);
        if (key == "host"_L1)
            settings.host = value;
        else if (key == "port"_L1)
            settings.port = value.toInt();
        else if (key == "user"_L1)
            settings.user = value;
        else if (key == "password"_L1)
            settings.password = value;
        else if (key == "dbname"_L1)
            settings.database = value;
    }
    if (settings.database.isEmpty())
        return ApiError::validation(u"DATABASE_URL"_s, u"names no database (dbname=...)"_s);
    return settings;
}

Result<DatabaseSettings> parseUrlForm(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return ApiError::validation(u"DATABASE_URL"_s, u"is not a valid URL"_s);
    DatabaseSettings settings;
    settings.host = url.host();
    settings.port = url.port(5432);
    settings.user = url.userName(QUrl::FullyDecoded);
    settings.password = url.password(QUrl::FullyDecoded);
    settings.database = url.path(QUrl::FullyDecoded).mid(1);
    const QUrlQuery query(url);
    if (query.hasQueryItem(u"host"_s))
        settings.host = query.queryItemValue(u"host"_s, QUrl::FullyDecoded);
    if (query.hasQueryItem(u"port"_s))
        settings.port = query.queryItemValue(u"port"_s).toInt();
    if (settings.database.isEmpty())
        return ApiError::validation(u"DATABASE_URL"_s, u"names no database (/dbname)"_s);
    return settings;
}

} // namespace

Result<DatabaseSettings> DatabaseSettings::parse(const QString &url)
{
    const QString trimmed = url.trimmed();
    if (trimmed.startsWith("postgres://"_L1) || trimmed.startsWith("postgresql://"_L1))
        return parseUrlForm(trimmed);
    if (trimmed.contains(u'='))
        return parseKeywordForm(trimmed);
    return ApiError::validation(u"DATABASE_URL"_s,
                                u"must start with postgres:// or be 'key=value' pairs"_s);
}

QSqlDatabase DatabaseSettings::open(const QString &connectionName) const
{
    QSqlDatabase db = QSqlDatabase::contains(connectionName)
                          ? QSqlDatabase::database(connectionName, false)
                          : QSqlDatabase::addDatabase(u"QPSQL"_s, connectionName);
    db.setHostName(host);
    db.setPort(port);
    db.setUserName(user);
    db.setPassword(password);
    db.setDatabaseName(database);
    // A down database must fail fast, not hold a worker for libpq's default of forever:
    // connect_timeout for a database that does not answer a connect; tcp_user_timeout for a
    // network that stops carrying packets mid-query (a cut drops them silently, and the kernel
    // would retransmit for ~15 minutes before giving up); keepalives for a connection that
    // sits idle meanwhile (the LISTEN one). None of them fires for a slow query: PostgreSQL's
    // kernel acknowledges the packets while the query runs. tst_chaos cuts the network.
    // libpq prints NOTICEs ("relation ... already exists, skipping") raw on stderr, between
    // the JSON log lines; the server has no use for them.
    db.setConnectOptions(u"connect_timeout=3;tcp_user_timeout=5000;keepalives=1;"
                         "keepalives_idle=5;keepalives_interval=1;keepalives_count=3;"
                         "application_name=natter-server;"
                         "options=-cclient_min_messages=warning"_s);
    db.open();
    return db;
}

DatabaseSettings DatabaseSettings::withDatabase(const QString &name) const
{
    DatabaseSettings copy = *this;
    copy.database = name;
    return copy;
}

} // namespace natter::server
