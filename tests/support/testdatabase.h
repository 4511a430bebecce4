// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/databasesettings.h"

#include <QMutex>
#include <QSqlDatabase>
#include <QString>

namespace natter::testing {

//! A database of its own for one test: created empty on the test cluster named by
//! NATTER_TEST_DATABASE_URL (make test starts one), migrated unless asked not to, and dropped
//! when the object goes away.
class TestDatabase final
{
public:
    enum class Schema
    {
        Migrated,
        Empty
    };

    explicit TestDatabase(Schema schema = Schema::Migrated);
    ~TestDatabase();
    TestDatabase(const TestDatabase &) = delete;
    TestDatabase &operator=(const TestDatabase &) = delete;

    [[nodiscard]] bool isValid() const { return m_valid; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] const server::DatabaseSettings &settings() const { return m_settings; }
    //! The libpq keyword form, for a server's DATABASE_URL.
    [[nodiscard]] QString url() const;
    //! A connection on the calling thread (one per thread, closed with the object).
    //! Thread-safe, so concurrency tests can call it from each of their threads.
    [[nodiscard]] QSqlDatabase connection();

private:
    server::DatabaseSettings m_admin;
    server::DatabaseSettings m_settings;
    QMutex m_mutex;
    QStringList m_connectionNames;
    bool m_valid = false;
    QString m_error;
};

} // namespace natter::testing
