// SPDX-License-Identifier: Apache-2.0
#include "http/admincontroller.h"

#include "admin/adminactions.h"
#include "admin/auditlog.h"
#include "admin/instanceadmins.h"
#include "admin/reportqueue.h"
#include "auth/accountstate.h"
#include "config.h"
#include "db/rows.h"
#include "db/userrepository.h"
#include "http/adminroutes.h"
#include "http/requestfields.h"
#include "natter/jsonfields.h"
#include "natter/timestamps.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr int kPageSize = 50;
constexpr int kNoteMaxLength = 1000;

Result<int> pageLimit(const HttpRequest &request)
{
    const QString text = request.queryValue(u"limit"_s);
    if (text.isEmpty())
        return kPageSize;
    bool ok = false;
    const int limit = text.toInt(&ok);
    if (!ok || limit < 1 || limit > 100)
        return ApiError::validation(u"limit"_s, u"must be 1-100"_s);
    return limit;
}

Result<admin::ReportFilter> reportFilter(const HttpRequest &request)
{
    admin::ReportFilter filter;
    const QString status = request.queryValue(u"status"_s);
    if (status.isEmpty() || status == "open"_L1)
        filter.open = true;
    else if (status == "resolved"_L1)
        filter.open = false;
    else if (status != "all"_L1)
        return ApiError::validation(u"status"_s, u"must be open, resolved or all"_s);
    const QString before = request.queryValue(u"before"_s);
    if (!before.isEmpty()) {
        filter.before = parseTimestamp(before);
        if (!filter.before.isValid())
            return ApiError::validation(u"before"_s, u"must be a time (RFC 3339)"_s);
    }
    auto limit = pageLimit(request);
    if (!limit)
        return limit.error();
    filter.limit = limit.value();
    return filter;
}

Result<HttpReply> listReports(QSqlDatabase &db, const HttpRequest &request)
{
    auto filter = reportFilter(request);
    if (!filter)
        return filter.error();
    auto reports = admin::ReportQueue(db).list(filter.value());
    if (!reports)
        return reports.error();
    QJsonArray items;
    for (const admin::ReportView &report : reports.value())
        items.append(report.toJson());
    const bool more = reports->size() == filter->limit;
    return HttpReply::json(
        200, {{u"reports"_s, items},
              {u"next_before"_s,
               more ? QJsonValue(formatTimestamp(reports->constLast().createdAt)) : QJsonValue()}});
}

//! The optional `note` of an action body (an empty body is no note).
Result<QString> noteOf(const HttpRequest &request)
{
    if (request.body.trimmed().isEmpty())
        return QString();
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    auto note = JsonFields(body.value()).optionalString(u"note"_s);
    if (!note)
        return note.error();
    const QString text = note.value().value_or(QString()).trimmed();
    if (text.size() > kNoteMaxLength)
        return ApiError::validation(u"note"_s, u"at most 1000 characters"_s);
    return text;
}

Result<HttpReply> resolve(QSqlDatabase &db, const User &caller, const HttpRequest &request)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto body = jsonBody(request);
    if (!body)
        return body.error();
    auto action = JsonFields(body.value()).requiredString(u"action"_s);
    if (!action)
        return action.error();
    const auto resolution = admin::resolutionNamed(action.value());
    if (!resolution)
        return ApiError::validation(u"action"_s,
                                    u"must be dismiss, delete_message or suspend_user"_s);
    auto note = noteOf(request);
    if (!note)
        return note.error();
    auto report = admin::resolveReport(db, caller, id.value(), *resolution, note.value());
    if (!report)
        return report.error();
    return HttpReply::json(200, report->toJson());
}

//! The user page: the account, whether it is suspended or an admin, and every report about it.
Result<HttpReply> userPage(QSqlDatabase &db, const QUuid &userId, const QStringList &admins)
{
    auto account = loadAccount(db, userId);
    if (!account)
        return account.error();
    if (!account.value())
        return ApiError::notFound(u"No such user."_s);
    auto isAdmin = admin::InstanceAdmins(db, admins).isAdmin(account.value()->user);
    if (!isAdmin)
        return isAdmin.error();
    admin::ReportFilter filter;
    filter.reportedUserId = userId;
    auto reports = admin::ReportQueue(db).list(filter);
    if (!reports)
        return reports.error();
    QJsonArray items;
    for (const admin::ReportView &report : reports.value())
        items.append(report.toJson());
    QJsonObject user = account.value()->user.toJson();
    user.insert(u"suspended"_s, account.value()->suspended);
    user.insert(u"deleted"_s, account.value()->deleted);
    user.insert(u"is_admin"_s, isAdmin.value());
    return HttpReply::json(200, {{u"user"_s, user}, {u"reports"_s, items}});
}

Result<HttpReply> findUser(QSqlDatabase &db, const HttpRequest &request, const QStringList &admins)
{
    const QString username = request.queryValue(u"username"_s).trimmed().toLower();
    if (username.isEmpty())
        return ApiError::validation(u"username"_s, u"is required"_s);
    auto user = UserRepository(db).findByUsername(username);
    if (!user)
        return user.error();
    if (!user.value())
        return ApiError::notFound(u"No user is called '%1'."_s.arg(username));
    return userPage(db, user.value()->id, admins);
}

using UserChange = Status (*)(QSqlDatabase &, const User &, const QUuid &, const QString &);

Status suspend(QSqlDatabase &db, const User &admin, const QUuid &userId, const QString &note)
{
    return admin::suspendUser(db, admin, userId, note);
}

Result<HttpReply> changeUser(QSqlDatabase &db, const User &caller, const HttpRequest &request,
                             UserChange change, const QStringList &admins)
{
    auto id = fields::pathUuid(request, u"id"_s);
    if (!id)
        return id.error();
    auto note = noteOf(request);
    if (!note)
        return note.error();
    if (auto changed = change(db, caller, id.value(), note.value()); !changed)
        return changed.error();
    return userPage(db, id.value(), admins);
}

Result<HttpReply> audit(QSqlDatabase &db, const HttpRequest &request)
{
    qint64 before = 0;
    if (const QString text = request.queryValue(u"before"_s); !text.isEmpty()) {
        bool ok = false;
        before = text.toLongLong(&ok);
        if (!ok || before < 1)
            return ApiError::validation(u"before"_s, u"must be an entry id"_s);
    }
    auto limit = pageLimit(request);
    if (!limit)
        return limit.error();
    auto entries = admin::AuditLog(db).list(before, limit.value());
    if (!entries)
        return entries.error();
    QJsonArray items;
    for (const admin::AuditEntry &entry : entries.value())
        items.append(entry.toJson());
    const bool more = entries->size() == limit.value();
    return HttpReply::json(
        200, {{u"entries"_s, items},
              {u"next_before"_s,
               more ? QJsonValue(QString::number(entries->constLast().id)) : QJsonValue()}});
}

} // namespace

void AdminController::registerRoutes(Router &router)
{
    AdminRoutes routes(router, m_api);
    const QStringList admins = m_api.config().admins;
    routes.add(u"GET"_s, u"/api/v1/admin/reports"_s,
               [](QSqlDatabase &db, const User &, const HttpRequest &request) {
                   return listReports(db, request);
               });
    routes.add(u"POST"_s, u"/api/v1/admin/reports/{id}/resolve"_s, resolve);
    routes.add(u"GET"_s, u"/api/v1/admin/users"_s,
               [admins](QSqlDatabase &db, const User &, const HttpRequest &request) {
                   return findUser(db, request, admins);
               });
    routes.add(
        u"GET"_s, u"/api/v1/admin/users/{id}"_s,
        [admins](QSqlDatabase &db, const User &, const HttpRequest &request) -> Result<HttpReply> {
            auto id = fields::pathUuid(request, u"id"_s);
            if (!id)
                return id.error();
            return userPage(db, id.value(), admins);
        });
    routes.add(u"POST"_s, u"/api/v1/admin/users/{id}/suspend"_s,
               [admins](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return changeUser(db, caller, request, suspend, admins);
               });
    routes.add(u"POST"_s, u"/api/v1/admin/users/{id}/unsuspend"_s,
               [admins](QSqlDatabase &db, const User &caller, const HttpRequest &request) {
                   return changeUser(db, caller, request, admin::unsuspendUser, admins);
               });
    routes.add(u"GET"_s, u"/api/v1/admin/audit"_s,
               [](QSqlDatabase &db, const User &, const HttpRequest &request) {
                   return audit(db, request);
               });
}

} // namespace natter::server
