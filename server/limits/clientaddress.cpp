// SPDX-License-Identifier: Apache-2.0
#include "limits/clientaddress.h"

#include "http/httprequest.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! IPv4-mapped IPv6 (`::ffff:1.2.3.4`, how a dual-stack socket reports IPv4 peers) as IPv4.
QHostAddress normalized(const QHostAddress &address)
{
    bool isV4 = false;
    const quint32 v4 = address.toIPv4Address(&isV4);
    return isV4 ? QHostAddress(v4) : address;
}

} // namespace

TrustedProxies::TrustedProxies()
{
    m_ranges = {{QHostAddress(QHostAddress::LocalHost), 8},
                {QHostAddress(QHostAddress::LocalHostIPv6), 128}};
}

Result<TrustedProxies> TrustedProxies::parse(const QString &text)
{
    TrustedProxies proxies;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty())
        return proxies;
    proxies.m_ranges.clear();
    if (trimmed == "none"_L1)
        return proxies;
    const QStringList entries = trimmed.split(u',', Qt::SkipEmptyParts);
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed();
        auto range = entry.contains(u'/') ? QHostAddress::parseSubnet(entry)
                                          : QPair<QHostAddress, int>{QHostAddress(entry), -1};
        if (range.first.isNull())
            return ApiError::validation(
                u"NATTER_TRUSTED_PROXIES"_s,
                u"'%1' is not an address or range like 10.0.0.0/8"_s.arg(entry));
        if (range.second < 0)
            range.second = range.first.protocol() == QAbstractSocket::IPv6Protocol ? 128 : 32;
        proxies.m_ranges.append(range);
    }
    return proxies;
}

bool TrustedProxies::contains(const QHostAddress &address) const
{
    const QHostAddress peer = normalized(address);
    for (const auto &range : m_ranges) {
        if (peer.isInSubnet(range))
            return true;
    }
    return false;
}

QHostAddress TrustedProxies::clientOf(const HttpRequest &request) const
{
    QHostAddress client = normalized(request.remoteAddress);
    if (!contains(client))
        return client;
    // Each proxy appends the address it got the request from; read from the right, past
    // our own proxies, to the first address nobody we trust vouches beyond.
    const QList<QByteArray> hops = request.header("x-forwarded-for"_ba).split(',');
    for (auto hop = hops.crbegin(); hop != hops.crend(); ++hop) {
        const QHostAddress address(QString::fromLatin1(hop->trimmed()));
        if (address.isNull())
            break;
        client = normalized(address);
        if (!contains(client))
            break;
    }
    return client;
}

} // namespace natter::server
