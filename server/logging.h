// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QLoggingCategory>

//! The server's logging categories, one per subsystem, declared in one place.
Q_DECLARE_LOGGING_CATEGORY(lcHttp)
Q_DECLARE_LOGGING_CATEGORY(lcDb)
Q_DECLARE_LOGGING_CATEGORY(lcMigrate)
Q_DECLARE_LOGGING_CATEGORY(lcAuth)
Q_DECLARE_LOGGING_CATEGORY(lcRealtime)
Q_DECLARE_LOGGING_CATEGORY(lcServer)

namespace natter::server::logging {

//! Turns every qDebug/qInfo/qWarning/qCritical into one JSON line on stderr:
//! `{"ts","level","category","msg"}`. When stderr is journald's stream (systemd sets
//! JOURNAL_STREAM), each line starts with its syslog priority (`<4>{...}`) and has no `ts`:
//! journald keeps both as fields of the entry.
void installJsonMessageHandler();

//! Writes one JSON line with structured fields (request ids, statuses, durations). Never pass
//! tokens, secrets or message bodies.
void event(const QLoggingCategory &category, QtMsgType level, const QString &message,
           const QJsonObject &fields);

} // namespace natter::server::logging
