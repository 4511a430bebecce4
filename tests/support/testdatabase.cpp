// SPDX-License-Identifier: Apache-2.0
#include "testdatabase.h"

#include "db/migrator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QUuid>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {
namespace {

bool adminExec(const server::DatabaseSettings &admin, const QString &statement, QString *error)
{
    const QString name = u"natter-test-admin-"_s + QUuid::createUuid().toString(QUuid::Id128);
    bool ok = false;
    {
        QSqlDatabase db = admin.open(name);
        if (db.isOpen()) {
            QSqlQuery query(db);
            ok = query.exec(statement);
            if (!ok && error)
                *error = query.lastError().text();
        } else if (error) {
            *error = db.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}

} // namespace

TestDatabase::TestDatabase(Schema schema)
{
    const QString url = qEnvironmentVariable("NATTER_TEST_DATABASE_URL");
    auto admin = server::DatabaseSettings::parse(url);
    if (url.isEmpty() || !admin) {
        m_error = u"NATTER_TEST_DATABASE_URL is not set; run the tests with `make test`"_s;
        return;
    }
    m_admin = admin.value();
    const QString name = u"natter_test_"_s + QUuid::createUuid().toString(QUuid::Id128).left(16);
    if (!adminExec(m_admin, u"CREATE DATABASE %1"_s.arg(name), &m_error))
        return;
    m_settings = m_admin.withDatabase(name);
    m_valid = true;
    if (schema == Schema::Migrated) {
        QSqlDatabase db = connection();
        auto version = server::Migrator().up(db);
        if (!version) {
            m_error = version.error().message;
            m_valid = false;
        }
    }
}

TestDatabase::~TestDatabase()
{
    // Connections of other threads cannot be closed from here; removing them closes them.
    for (const QString &name : std::as_const(m_connectionNames))
        QSqlDatabase::removeDatabase(name);
    if (!m_settings.database.isEmpty())
        adminExec(m_admin, u"DROP DATABASE IF EXISTS %1 WITH (FORCE)"_s.arg(m_settings.database),
                  nullptr);
}

QString TestDatabase::url() const
{
    return u"host=%1 port=%2 user=%3 dbname=%4"_s.arg(m_settings.host,
                                                      QString::number(m_settings.port),
                                                      m_settings.user, m_settings.database) +
           (m_settings.password.isEmpty() ? QString() : u" password="_s + m_settings.password);
}

QSqlDatabase TestDatabase::connection()
{
    const QString name =
        u"%1-%2"_s.arg(m_settings.database, QString::number(quintptr(QThread::currentThreadId())));
    {
        QMutexLocker locker(&m_mutex);
        if (!m_connectionNames.contains(name))
            m_connectionNames.append(name);
    }
    QSqlDatabase db = QSqlDatabase::database(name, false);
    if (db.isValid() && db.isOpen())
        return db;
    return m_settings.open(name);
}

} // namespace natter::testing
