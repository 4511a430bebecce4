// SPDX-License-Identifier: Apache-2.0
// The doctor's checks of the way in: a local natter-server process, and the public URL through
// the proxy (TLS certificate, Natter behind it, WebSocket upgrades).
#include "ops/doctor.h"
#include "ops/httpprobe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

const QString kLocal = u"local server"_s;
const QString kTls = u"TLS certificate"_s;
const QString kProxy = u"proxy to Natter"_s;
const QString kSocket = u"WebSocket through the proxy"_s;
const QString kSocketPath = u"/api/v1/ws"_s;
//! A well-formed frame with a token no server accepts: Natter answers it with an error frame
//! and close code 4001, which proves frames travel both ways.
const QByteArray kProbeFrame = R"({"type":"auth","data":{"token":"natter-doctor-probe"}})"_ba;

QUrl publicUrl(const DoctorInput &input)
{
    if (input.config)
        return input.config->publicUrl;
    return QUrl(input.env.value(u"NATTER_PUBLIC_URL"_s).trimmed(), QUrl::StrictMode);
}

QString originOf(const QUrl &url)
{
    return url
        .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment |
                  QUrl::RemoveUserInfo | QUrl::StripTrailingSlash)
        .toString();
}

QUrl withPath(QUrl url, const QString &path)
{
    url.setPath(path);
    return url;
}

QUrl socketUrl(QUrl url)
{
    url.setScheme(url.scheme() == "https"_L1 ? u"wss"_s : u"ws"_s);
    return withPath(url, kSocketPath);
}

//! Natter's own health answer (not a proxy's error page): `{"status","db"}`.
std::optional<QJsonObject> natterHealth(const ProbeReply &reply)
{
    const QJsonObject body = QJsonDocument::fromJson(reply.body).object();
    if (!body.contains("status"_L1) || !body.contains("db"_L1))
        return std::nullopt;
    return body;
}

QSet<QString> expectedProviders(const Config &config)
{
    QSet<QString> ids;
    if (!config.githubClientId.isEmpty())
        ids.insert(u"github"_s);
    for (const OidcProviderConfig &oidc : config.oidcProviders)
        ids.insert(oidc.id);
    if (config.devLogin)
        ids.insert(u"dev"_s);
    return ids;
}

QSet<QString> servedProviders(const ProbeReply &reply)
{
    QSet<QString> ids;
    const QJsonArray list =
        QJsonDocument::fromJson(reply.body).object().value("providers"_L1).toArray();
    for (const auto &provider : list)
        ids.insert(provider.toObject().value("id"_L1).toString());
    return ids;
}

QString sortedList(const QSet<QString> &set)
{
    QStringList list(set.cbegin(), set.cend());
    list.sort();
    return list.isEmpty() ? u"none"_s : list.join(u", "_s);
}

CheckResult tlsCertificate(const QUrl &url, const ProbeReply &reply)
{
    const QString host = url.host();
    if (!reply.tlsErrors.isEmpty())
        return {kTls, Outcome::Fail,
                u"%1 offers a certificate that is not accepted: %2"_s.arg(
                    host, reply.tlsErrors.join(u"; "_s)),
                u"Caddy gets a certificate by itself once DNS for %1 points at this machine and "
                "ports 80 and 443 are open (see `journalctl -u caddy`); for a private CA, pass "
                "its root with --ca-file"_s.arg(host)};
    if (reply.status == 0)
        return {
            kTls, Outcome::Fail, u"%1 does not answer: %2"_s.arg(url.toString(), reply.error),
            u"check that DNS for %1 points at this machine's public address, that ports 80 "
            "and 443 are open in the cloud firewall (VCN security list) and in the machine's "
            "own (iptables/firewalld), and that Caddy runs (systemctl status caddy)"_s.arg(host)};
    const QSslCertificate &certificate = reply.peerCertificate;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime expires = certificate.expiryDate();
    const QString detail = u"valid for %1 until %2, issued by %3"_s.arg(
        host, expires.toString(Qt::ISODate),
        certificate.issuerInfo(QSslCertificate::CommonName).join(u", "_s));
    // ACME clients (Caddy too) renew with a third of the lifetime left; a quarter left means
    // renewing has been failing for a while. This holds for 90-day certificates and for the
    // 12-hour ones of Caddy's own CA alike.
    const qint64 lifetime = certificate.effectiveDate().secsTo(expires);
    const qint64 left = now.secsTo(expires);
    if (left < lifetime / 4)
        return {kTls, Outcome::Warn,
                detail + u" (%1 hours left)"_s.arg(QString::number(left / 3600)),
                u"Caddy renews a third of the lifetime ahead; see `journalctl -u caddy` for why "
                "it has not"_s};
    return {kTls, Outcome::Pass, detail, {}};
}

CheckResult proxyToNatter(const DoctorInput &input, const QUrl &url, const ProbeReply &health,
                          const HttpProbe &probe, const DoctorFindings &found)
{
    const auto body = natterHealth(health);
    const bool proxyError = health.status == 502 || health.status == 503 || health.status == 504;
    if (!body && proxyError && found.localServerUp && !found.databaseUp)
        return {kProxy, Outcome::Fail,
                u"%1 answered %2: the proxy's health check (/healthz) takes natter-server out "
                "while its database is down"_s.arg(url.toString(), QString::number(health.status)),
                u"see the database check above"_s};
    if (!body) {
        const QString fix =
            proxyError
                ? u"the proxy cannot reach natter-server: check `systemctl status 'natter@*'` and "
                  "that the Caddyfile's upstreams (NATTER_UPSTREAMS) name its ports"_s
                : u"does %1 point at this machine, and does its Caddyfile proxy to "
                  "natter-server?"_s.arg(url.host());
        return {kProxy, Outcome::Fail,
                u"%1 answered %2, not Natter"_s.arg(withPath(url, u"/healthz"_s).toString(),
                                                    QString::number(health.status)),
                fix};
    }
    if (body->value("db"_L1).toString() != "ok"_L1)
        return {kProxy, Outcome::Fail, u"Natter answers, but says its database is down"_s,
                u"see the database check above"_s};
    if (input.config) {
        const ProbeReply providers = probe.get(withPath(url, u"/api/v1/auth/providers"_s));
        const QSet<QString> served = servedProviders(providers);
        const QSet<QString> expected = expectedProviders(*input.config);
        if (served != expected)
            return {kProxy, Outcome::Fail,
                    u"a Natter answers, but it offers sign-in with %1 where this configuration "
                    "has %2: another Natter, or a server not restarted since the change"_s.arg(
                        sortedList(served), sortedList(expected)),
                    u"restart the service (systemctl restart 'natter@*'), and check that %1 "
                    "points at this machine"_s.arg(url.host())};
    }
    return {
        kProxy, Outcome::Pass, u"%1 reaches this Natter (database up)"_s.arg(url.toString()), {}};
}

CheckResult socketThroughProxy(const DoctorInput &input, const QUrl &url, const HttpProbe &probe,
                               const DoctorFindings &found)
{
    const QUrl target = socketUrl(url);
    const SocketProbeReply reply = probe.webSocket(target, originOf(url), kProbeFrame);
    if (reply.upgraded && reply.answered)
        return {kSocket,
                Outcome::Pass,
                u"%1 upgrades, and frames pass both ways"_s.arg(target.toString()),
                {}};
    if (reply.upgraded)
        return {kSocket, Outcome::Fail,
                u"%1 opened, but no frame came back"_s.arg(target.toString()),
                u"the proxy holds WebSocket frames back; with Caddy, remove any `flush_interval` "
                "or buffering directives from the Natter site"_s};
    if (reply.error.contains("403"_L1))
        return {kSocket, Outcome::Fail,
                u"natter-server refused the upgrade from origin %1 (%2)"_s.arg(originOf(url),
                                                                               reply.error),
                u"the server runs with another NATTER_PUBLIC_URL than %1 says: restart it "
                "(systemctl restart 'natter@*')"_s.arg(input.envFile)};
    if (found.localSocketWorks)
        return {kSocket, Outcome::Fail,
                u"the proxy does not pass the upgrade at %1 (%2), though natter-server on %3 "
                "accepts it"_s.arg(target.toString(), reply.error, input.localAddress),
                u"Caddy's reverse_proxy passes upgrades by itself: remove `header_up` lines that "
                "touch Connection or Upgrade; nginx needs `proxy_http_version 1.1`, `proxy_set_"
                "header Upgrade $http_upgrade` and `proxy_set_header Connection \"upgrade\"`"_s};
    return {kSocket, Outcome::Fail,
            u"%1 refused the upgrade: %2"_s.arg(target.toString(), reply.error),
            u"check the proxy's WebSocket support and that natter-server runs"_s};
}

} // namespace

QList<CheckResult> checkLocalServer(const DoctorInput &input, const HttpProbe &probe,
                                    DoctorFindings &found)
{
    if (input.localAddress.isEmpty())
        return {{kLocal, Outcome::Skip, u"no local address given (--local)"_s, {}}};
    const QUrl base(u"http://"_s + input.localAddress);
    const ProbeReply reply = probe.get(withPath(base, u"/healthz"_s));
    const QString port = QString::number(base.port());
    const QString logs =
        u"see `systemctl status natter@%1` and `journalctl -u natter@%1 -e`"_s.arg(port);
    const auto body = natterHealth(reply);
    if (!body)
        return {{kLocal, Outcome::Fail,
                 reply.status == 0
                     ? u"nothing answers on %1: %2"_s.arg(input.localAddress, reply.error)
                     : u"%1 answered %2, not Natter"_s.arg(input.localAddress,
                                                           QString::number(reply.status)),
                 logs}};
    found.localServerUp = true;
    // No Origin: the question here is only whether the server upgrades at all.
    found.localSocketWorks = probe.webSocket(socketUrl(base), {}, kProbeFrame).answered;
    if (body->value("db"_L1).toString() != "ok"_L1)
        return {{kLocal, Outcome::Fail,
                 u"natter-server on %1 answers, but its database is down"_s.arg(input.localAddress),
                 u"see the database check above and "_s + logs}};
    return {{kLocal,
             Outcome::Pass,
             u"natter-server answers on %1 (WebSocket %2)"_s.arg(
                 input.localAddress, found.localSocketWorks ? u"works"_s : u"refused"_s),
             {}}};
}

QList<CheckResult> checkPublicUrl(const DoctorInput &input, const HttpProbe &probe,
                                  DoctorFindings &found)
{
    const QUrl url = publicUrl(input);
    if (!url.isValid() || url.host().isEmpty())
        return {{kTls, Outcome::Skip, u"no valid public URL"_s, {}},
                {kProxy, Outcome::Skip, u"no valid public URL"_s, {}},
                {kSocket, Outcome::Skip, u"no valid public URL"_s, {}}};
    const ProbeReply health = probe.get(withPath(url, u"/healthz"_s));
    if (health.clockSkewSeconds)
        found.clock.append({url.host(), *health.clockSkewSeconds});

    QList<CheckResult> results;
    if (url.scheme() == "https"_L1)
        results.append(tlsCertificate(url, health));
    else
        results.append({kTls, Outcome::Skip, u"the public URL is not https"_s, {}});
    if (health.status == 0) {
        if (url.scheme() != "https"_L1)
            results.append({kProxy, Outcome::Fail,
                            u"%1 does not answer: %2"_s.arg(url.toString(), health.error),
                            u"check DNS, the firewalls and the proxy"_s});
        else
            results.append({kProxy, Outcome::Skip, u"no answer (see above)"_s, {}});
        results.append({kSocket, Outcome::Skip, u"no answer (see above)"_s, {}});
        return results;
    }
    results.append(proxyToNatter(input, url, health, probe, found));
    results.append(socketThroughProxy(input, url, probe, found));
    return results;
}

} // namespace natter::server::ops
