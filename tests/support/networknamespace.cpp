// SPDX-License-Identifier: Apache-2.0
#include "networknamespace.h"

#include <QCoreApplication>
#include <QProcess>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {
namespace {

//! A /30 of 10.<second>.0.0/16 picked by the process id, so that test runs side by side
//! (other worktrees, other suites) never share a network.
QString networkFor(qint64 pid, int second)
{
    return u"10.%1.%2.%3"_s.arg(second).arg(pid % 250).arg((pid / 250) % 64 * 4);
}

//! The address `offset` past a /30's first one.
QString addressIn(const QString &network, int offset)
{
    return network.section(u'.', 0, 2) + u'.' +
           QString::number(network.section(u'.', 3).toInt() + offset);
}

} // namespace

NetworkNamespace::NetworkNamespace()
{
    const qint64 pid = QCoreApplication::applicationPid();
    m_name = u"natter-test-%1"_s.arg(pid);
    m_databaseLink = u"ntd%1"_s.arg(pid);
    const QString databaseNetwork = networkFor(pid, 214);
    m_databaseSubnet = databaseNetwork + u"/30"_s;
    QString clientSide, databaseInner;
    const bool made = ip({u"netns"_s, u"add"_s, m_name}) &&
                      ip({u"-n"_s, m_name, u"link"_s, u"set"_s, u"lo"_s, u"up"_s}) &&
                      link(u"ntc%1"_s.arg(pid), u"ntci%1"_s.arg(pid), networkFor(pid, 213),
                           clientSide, m_serverAddress) &&
                      link(m_databaseLink, u"ntdi%1"_s.arg(pid), databaseNetwork, m_databaseAddress,
                           databaseInner);
    if (!made && m_error.isEmpty())
        m_error = u"could not set up the namespace"_s;
}

NetworkNamespace::~NetworkNamespace()
{
    // Deleting the namespace deletes the inner links, and with them the outer ones.
    QProcess::execute(u"ip"_s, {u"netns"_s, u"delete"_s, m_name});
}

bool NetworkNamespace::cutDatabase()
{
    return ip({u"link"_s, u"set"_s, m_databaseLink, u"down"_s});
}

bool NetworkNamespace::mendDatabase()
{
    return ip({u"link"_s, u"set"_s, m_databaseLink, u"up"_s});
}

bool NetworkNamespace::link(const QString &outerName, const QString &innerName,
                            const QString &network, QString &outerAddress, QString &innerAddress)
{
    outerAddress = addressIn(network, 1);
    innerAddress = addressIn(network, 2);
    return ip({u"link"_s, u"add"_s, outerName, u"type"_s, u"veth"_s, u"peer"_s, u"name"_s,
               innerName, u"netns"_s, m_name}) &&
           ip({u"addr"_s, u"add"_s, outerAddress + u"/30"_s, u"dev"_s, outerName}) &&
           ip({u"link"_s, u"set"_s, outerName, u"up"_s}) &&
           ip({u"-n"_s, m_name, u"addr"_s, u"add"_s, innerAddress + u"/30"_s, u"dev"_s,
               innerName}) &&
           ip({u"-n"_s, m_name, u"link"_s, u"set"_s, innerName, u"up"_s});
}

bool NetworkNamespace::ip(const QStringList &arguments)
{
    QProcess process;
    process.start(u"ip"_s, arguments);
    if (!process.waitForFinished(10000) || process.exitStatus() != QProcess::NormalExit ||
        process.exitCode() != 0) {
        m_error = u"ip %1: %2"_s.arg(
            arguments.join(u' '), QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
        return false;
    }
    return true;
}

} // namespace natter::testing
