// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

namespace natter::testing {

//! A network namespace of its own, joined to this one by two veth pairs: a second machine
//! with one network for its clients and another for its database, for tests that cut the
//! network between a server and PostgreSQL while its clients still reach it. The server runs
//! inside (ServerProcess::runInNamespace) and listens on serverAddress(); PostgreSQL listens
//! on databaseAddress(); cutDatabase() takes that link down, so packets vanish as on a pulled
//! cable: no reset, no error, the peer just stops answering. Needs root (CAP_NET_ADMIN);
//! check isValid().
class NetworkNamespace final
{
public:
    NetworkNamespace();
    ~NetworkNamespace();
    NetworkNamespace(const NetworkNamespace &) = delete;
    NetworkNamespace &operator=(const NetworkNamespace &) = delete;

    [[nodiscard]] bool isValid() const { return m_error.isEmpty(); }
    //! Why it could not be made (not root, no `ip`, namespaces refused).
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString name() const { return m_name; }
    //! The namespace's address on the clients' link.
    [[nodiscard]] QString serverAddress() const { return m_serverAddress; }
    //! This side's address on the database link (where PostgreSQL listens).
    [[nodiscard]] QString databaseAddress() const { return m_databaseAddress; }
    //! The database link's /30, for pg_hba.conf.
    [[nodiscard]] QString databaseSubnet() const { return m_databaseSubnet; }

    //! Takes the database link down: everything on it is dropped silently.
    [[nodiscard]] bool cutDatabase();
    //! Brings it up again.
    [[nodiscard]] bool mendDatabase();

private:
    //! A veth pair from here into the namespace on `network` (a /30's first address); sets
    //! the outer and inner addresses. False (and error()) when `ip` refused.
    bool link(const QString &outerName, const QString &innerName, const QString &network,
              QString &outerAddress, QString &innerAddress);
    bool ip(const QStringList &arguments);

    QString m_name;
    QString m_databaseLink;
    QString m_serverAddress;
    QString m_databaseAddress;
    QString m_databaseSubnet;
    QString m_error;
};

} // namespace natter::testing
