// SPDX-License-Identifier: Apache-2.0
#include "uploads/provideravatarcopier.h"

#include "db/dbpool.h"
#include "http/apicontext.h"
#include "logging.h"
#include "uploads/avatarrecord.h"
#include "uploads/filestore.h"
#include "uploads/uploadintake.h"
#include "uploads/uploadprocessor.h"

#include <QFile>
#include <QHostAddress>
#include <QNetworkReply>
#include <QtConcurrent>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {
namespace {

constexpr int kTimeoutMs = 15000;
constexpr int kMaxRedirects = 3;

//! Addresses that lead into this machine or a private network (RFC 1918, 6598, 4193, link-local).
bool isInternalAddress(const QHostAddress &address)
{
    static const QList<QPair<QHostAddress, int>> internal = {
        QHostAddress::parseSubnet(u"0.0.0.0/8"_s),
        QHostAddress::parseSubnet(u"10.0.0.0/8"_s),
        QHostAddress::parseSubnet(u"100.64.0.0/10"_s),
        QHostAddress::parseSubnet(u"127.0.0.0/8"_s),
        QHostAddress::parseSubnet(u"169.254.0.0/16"_s),
        QHostAddress::parseSubnet(u"172.16.0.0/12"_s),
        QHostAddress::parseSubnet(u"192.168.0.0/16"_s),
        QHostAddress::parseSubnet(u"::1/128"_s),
        QHostAddress::parseSubnet(u"::/128"_s),
        QHostAddress::parseSubnet(u"fc00::/7"_s),
        QHostAddress::parseSubnet(u"fe80::/10"_s)};
    bool mappedOk = false;
    const quint32 mapped = address.toIPv4Address(&mappedOk); // ::ffff:10.0.0.1 is 10.0.0.1
    const QHostAddress plain = mappedOk ? QHostAddress(mapped) : address;
    return std::any_of(internal.cbegin(), internal.cend(),
                       [&plain](const auto &subnet) { return plain.isInSubnet(subnet); });
}

bool isLoopbackHost(const QString &host)
{
    return host == "localhost"_L1 || QHostAddress(host).isLoopback();
}

} // namespace

ProviderAvatarCopier::ProviderAvatarCopier(UploadIntake &intake, bool allowLoopbackHttp,
                                           QObject *parent)
    : QObject(parent), m_intake(intake), m_allowLoopbackHttp(allowLoopbackHttp)
{
    // Each hop of a redirect is checked like the first URL (see the `redirected` handler).
    m_network.setRedirectPolicy(QNetworkRequest::UserVerifiedRedirectPolicy);
    m_network.setTransferTimeout(kTimeoutMs);
}

bool ProviderAvatarCopier::isFetchable(const QUrl &url, bool allowLoopbackHttp)
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    if (allowLoopbackHttp && isLoopbackHost(url.host()))
        return url.scheme() == "https"_L1 || url.scheme() == "http"_L1;
    if (url.scheme() != "https"_L1 || url.host() == "localhost"_L1)
        return false;
    const QHostAddress literal(url.host());
    return literal.isNull() || !isInternalAddress(literal);
}

void ProviderAvatarCopier::copyLater(const QUuid &userId, const QString &sourceUrl)
{
    QMetaObject::invokeMethod(
        this, [this, userId, sourceUrl] { copy(userId, sourceUrl); }, Qt::QueuedConnection);
}

void ProviderAvatarCopier::copy(const QUuid &userId, const QString &sourceUrl)
{
    const QUrl url(sourceUrl, QUrl::StrictMode);
    if (!isFetchable(url, m_allowLoopbackHttp))
        return giveUp(userId, sourceUrl, u"not a host we fetch from"_s);
    auto file = std::make_shared<QFile>(m_intake.newIncomingPath());
    if (!file->open(QIODevice::WriteOnly)) {
        logging::event(lcAuth(), QtWarningMsg, u"provider avatar not copied"_s,
                       {{u"user_id"_s, userId.toString(QUuid::WithoutBraces)},
                        {u"reason"_s, u"no scratch file"_s}});
        return;
    }
    QNetworkRequest request(url);
    request.setRawHeader("Accept"_ba, "image/*"_ba);
    request.setRawHeader("User-Agent"_ba, "natter-server"_ba);
    request.setMaximumRedirectsAllowed(kMaxRedirects);
    QNetworkReply *reply = m_network.get(request);
    const qint64 cap = m_intake.settings().maxUploadBytes;
    auto tooLarge = std::make_shared<bool>(false);
    const bool allowLoopbackHttp = m_allowLoopbackHttp;
    connect(reply, &QNetworkReply::redirected, reply, [reply, allowLoopbackHttp](const QUrl &to) {
        if (isFetchable(to, allowLoopbackHttp))
            Q_EMIT reply->redirectAllowed();
        else
            reply->abort();
    });
    // Written as it arrives and cut off at the upload cap: never a whole body in memory.
    connect(reply, &QNetworkReply::readyRead, reply, [reply, file, cap, tooLarge] {
        file->write(reply->readAll());
        if (file->size() > cap) {
            *tooLarge = true;
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this,
            [this, reply, file, tooLarge, userId, sourceUrl, url] {
                reply->deleteLater();
                if (!*tooLarge)
                    file->write(reply->readAll());
                file->close();
                const int status =
                    reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (reply->error() == QNetworkReply::NoError && status == 200 && !*tooLarge)
                    return store(userId, sourceUrl, file->fileName());
                QFile::remove(file->fileName());
                const QString why =
                    *tooLarge
                        ? u"larger than NATTER_MAX_UPLOAD_BYTES"_s
                        : u"status %1, network error %2"_s.arg(status).arg(int(reply->error()));
                // A host that is down may answer next time; a picture that is gone or too large
                // won't.
                if (*tooLarge || (status >= 400 && status < 500))
                    return giveUp(userId, sourceUrl, why);
                logging::event(lcAuth(), QtWarningMsg,
                               u"provider avatar not copied, retried at the next sign-in"_s,
                               {{u"user_id"_s, userId.toString(QUuid::WithoutBraces)},
                                {u"host"_s, url.host()},
                                {u"reason"_s, why}});
            });
}

void ProviderAvatarCopier::store(const QUuid &userId, const QString &sourceUrl,
                                 const QString &receivedPath)
{
    const QUuid id = QUuid::createUuid();
    UploadIntake *intake = &m_intake;
    const ProcessingLimits limits = intake->settings().processing;
    QtConcurrent::run(&intake->workers(), [=] {
        return processUpload(receivedPath, id, intake->store(), limits);
    }).then(this, [this, id, intake, userId, sourceUrl](const Result<ProcessedUpload> &processed) {
        if (!processed)
            return giveUp(userId, sourceUrl, processed.error().message);
        const UploadRow row = avatarRow(id, processed.value(), userId);
        FileStore *files = &intake->store();
        static_cast<void>(intake->api().pool().run<bool>([row, sourceUrl, files](QSqlDatabase &db) {
            auto recorded = recordProviderAvatar(db, row, sourceUrl);
            if (!recorded || !recorded.value()) {
                // Not wanted any more (a picture of their own came first) or not recorded.
                static_cast<void>(files->remove(fileKey(row.id)));
                static_cast<void>(files->remove(thumbnailKey(row.id)));
            }
            return recorded;
        }));
    });
}

void ProviderAvatarCopier::giveUp(const QUuid &userId, const QString &sourceUrl, const QString &why)
{
    logging::event(lcAuth(), QtInfoMsg, u"provider avatar not copied"_s,
                   {{u"user_id"_s, userId.toString(QUuid::WithoutBraces)}, {u"reason"_s, why}});
    static_cast<void>(
        m_intake.api().pool().run<bool>([userId, sourceUrl](QSqlDatabase &db) -> Result<bool> {
            if (auto forgotten = forgetProviderAvatar(db, userId, sourceUrl); !forgotten)
                return forgotten.error();
            return true;
        }));
}

} // namespace natter::server::uploads
