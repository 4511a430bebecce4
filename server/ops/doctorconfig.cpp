// SPDX-License-Identifier: Apache-2.0
// The doctor's configuration checks: what can be judged from the environment alone.
#include "ops/doctor.h"
#include "ops/failure.h"

#include <QDir>
#include <QHostAddress>
#include <QSet>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

bool isLoopbackHost(const QString &host)
{
    return host == "localhost"_L1 || QHostAddress(host).isLoopback();
}

bool isExampleHost(const QString &host)
{
    for (const auto suffix : {"example.org"_L1, "example.com"_L1, "example.net"_L1}) {
        if (host == suffix || host.endsWith(u'.' + suffix))
            return true;
    }
    return false;
}

QString editFix(const DoctorInput &input, const QString &what)
{
    return u"edit %1: %2, then restart the service (systemctl restart 'natter@*')"_s.arg(
        input.envFile.isEmpty() ? u"the environment"_s : input.envFile, what);
}

CheckResult overall(const DoctorInput &input)
{
    if (input.config)
        return {u"configuration"_s, Outcome::Pass, u"natter-server accepts every variable"_s, {}};
    return {u"configuration"_s, Outcome::Fail,
            u"natter-server refuses to start: %1"_s.arg(describe(input.configError)),
            editFix(input, u"correct that variable (natter-server --help lists them all)"_s)};
}

CheckResult signingKey(const DoctorInput &input)
{
    const QByteArray key = input.env.value(u"NATTER_JWT_SIGNING_KEY"_s).toUtf8();
    const QString fix = editFix(input, u"set NATTER_JWT_SIGNING_KEY to the output of "
                                       "`openssl rand -base64 48` (this signs everyone out)"_s);
    const bool devLogin = input.config && input.config->devLogin;
    if (key.isEmpty()) {
        if (devLogin)
            return {u"signing key"_s, Outcome::Warn,
                    u"not set: the development key in NATTER_DATA_DIR is used"_s, fix};
        return {u"signing key"_s, Outcome::Fail, u"NATTER_JWT_SIGNING_KEY is not set"_s, fix};
    }
    if (key.contains("CHANGE_ME"))
        return {u"signing key"_s, Outcome::Fail, u"still the example from natter.env.example"_s,
                fix};
    if (key.size() < 32)
        return {u"signing key"_s, Outcome::Fail,
                u"only %1 bytes; at least 32 random bytes are needed"_s.arg(key.size()), fix};
    const QSet<char> distinct(key.cbegin(), key.cend());
    if (distinct.size() < 16)
        return {u"signing key"_s, Outcome::Fail,
                u"only %1 different characters: not random"_s.arg(distinct.size()), fix};
    return {u"signing key"_s,
            Outcome::Pass,
            u"%1 bytes, %2 different characters"_s.arg(QString::number(key.size()),
                                                       QString::number(distinct.size())),
            {}};
}

CheckResult publicUrl(const DoctorInput &input)
{
    const QString text = input.env.value(u"NATTER_PUBLIC_URL"_s).trimmed();
    const QString fix = editFix(input, u"set NATTER_PUBLIC_URL to the https:// address people "
                                       "open, e.g. https://chat.your-domain.org"_s);
    if (text.isEmpty())
        return {u"public URL"_s, Outcome::Fail,
                u"NATTER_PUBLIC_URL is not set (the default http://localhost:8080 only works on "
                "this machine)"_s,
                fix};
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return {u"public URL"_s, Outcome::Fail, u"'%1' is not a URL"_s.arg(text), fix};
    if (isExampleHost(url.host()))
        return {u"public URL"_s, Outcome::Fail, u"%1 is still the example"_s.arg(text), fix};
    if (!url.path().isEmpty() && url.path() != "/"_L1)
        return {u"public URL"_s, Outcome::Fail,
                u"%1 has a path; Natter must have its own (sub)domain"_s.arg(text), fix};
    if (isLoopbackHost(url.host()))
        return {u"public URL"_s, Outcome::Warn,
                u"%1 is a loopback address: only this machine can use it"_s.arg(text), fix};
    if (url.scheme() != "https"_L1)
        return {u"public URL"_s, Outcome::Fail,
                u"%1 is not https: cookies lose their Secure flag and sign-in providers refuse "
                "http callbacks"_s.arg(text),
                fix};
    return {u"public URL"_s, Outcome::Pass, text, {}};
}

CheckResult allowedOrigins(const DoctorInput &input)
{
    const QStringList extra =
        input.env.value(u"NATTER_ALLOWED_ORIGINS"_s).split(u',', Qt::SkipEmptyParts);
    const QString fix = editFix(input, u"list only https:// origins (scheme and host, no path) in "
                                       "NATTER_ALLOWED_ORIGINS, or remove it"_s);
    QStringList origins;
    for (const QString &raw : extra) {
        const QString origin = raw.trimmed();
        const QUrl url(origin, QUrl::StrictMode);
        if (origin.contains(u'*') || !url.isValid() || url.host().isEmpty())
            return {u"allowed origins"_s, Outcome::Fail, u"'%1' is not an origin"_s.arg(origin),
                    fix};
        if (!url.path().isEmpty() && url.path() != "/"_L1)
            return {u"allowed origins"_s, Outcome::Fail,
                    u"'%1' has a path; an origin is scheme and host only"_s.arg(origin), fix};
        if (url.scheme() != "https"_L1 && !isLoopbackHost(url.host()))
            return {u"allowed origins"_s, Outcome::Fail,
                    u"'%1' is not https: a page from it could be altered on the way and then use "
                    "people's sessions"_s.arg(origin),
                    fix};
        origins.append(origin);
    }
    if (origins.isEmpty())
        return {u"allowed origins"_s, Outcome::Pass, u"only the public URL's origin"_s, {}};
    return {u"allowed origins"_s,
            Outcome::Pass,
            u"the public URL's origin and %1"_s.arg(origins.join(u", "_s)),
            {}};
}

CheckResult developmentLogin(const DoctorInput &input)
{
    const QString flag = input.env.value(u"NATTER_DEV_LOGIN"_s).trimmed();
    if (flag != "1"_L1 && flag != "true"_L1)
        return {u"development login"_s, Outcome::Pass, u"off"_s, {}};
    const QUrl url(input.env.value(u"NATTER_PUBLIC_URL"_s).trimmed());
    const QString fix = editFix(input, u"remove NATTER_DEV_LOGIN"_s);
    if (isLoopbackHost(url.host()))
        return {u"development login"_s, Outcome::Warn,
                u"on: anyone who reaches the server signs in as anyone (a local test only)"_s, fix};
    return {u"development login"_s, Outcome::Fail,
            u"on behind a public URL: anyone can sign in as anyone"_s, fix};
}

CheckResult webApp(const DoctorInput &input)
{
    const QString root = input.env.value(u"NATTER_WEB_ROOT"_s).trimmed();
    const QString fix =
        editFix(input, u"set NATTER_WEB_ROOT=/usr/share/natter/web (the packaged web app)"_s);
    if (root.isEmpty())
        return {u"web app"_s, Outcome::Warn,
                u"NATTER_WEB_ROOT is not set: only the API is served, browsers get no app"_s, fix};
    if (!QDir(root).exists(u"index.html"_s))
        return {u"web app"_s, Outcome::Fail, u"%1 has no index.html"_s.arg(root), fix};
    return {u"web app"_s, Outcome::Pass, u"served from %1"_s.arg(root), {}};
}

} // namespace

QList<CheckResult> checkConfiguration(const DoctorInput &input)
{
    return {overall(input),        signingKey(input),       publicUrl(input),
            allowedOrigins(input), developmentLogin(input), webApp(input)};
}

} // namespace natter::server::ops
