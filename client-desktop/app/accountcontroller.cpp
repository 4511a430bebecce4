// SPDX-License-Identifier: Apache-2.0
#include "app/accountcontroller.h"

#include "api/apiclient.h"
#include "api/transferclient.h"
#include "media/imageprep.h"

#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {

AccountController::AccountController(ApiClient *api, TransferClient *transfers, QObject *parent)
    : QObject(parent), m_api(api), m_transfers(transfers)
{}

void AccountController::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    Q_EMIT busyChanged();
}

void AccountController::setError(const QString &text)
{
    if (m_errorText == text)
        return;
    m_errorText = text;
    Q_EMIT errorTextChanged();
}

QString AccountController::exportFileName(const QString &username) const
{
    return u"natter-export-%1.json"_s.arg(username.isEmpty() ? u"account"_s : username);
}

void AccountController::uploadAvatar(const QUrl &file)
{
    auto square = imageprep::squareAvatar(file.toLocalFile());
    if (!square) {
        setError(square.error().message);
        return;
    }
    setError({});
    setBusy(true);
    m_transfers->uploadAvatar(*square, "image/png"_ba, this, [this](Result<QByteArray> answer) {
        setBusy(false);
        auto user = answer ? User::fromJson(QJsonDocument::fromJson(*answer).object())
                           : Result<User>(answer.error());
        if (!user) {
            setError(user.error().code == ErrorCode::PayloadTooLarge ? imageprep::tooLargeText()
                                                                     : user.error().message);
            return;
        }
        Q_EMIT userUpdated(*user);
        Q_EMIT avatarSaved();
    });
}

void AccountController::removeAvatar()
{
    setError({});
    setBusy(true);
    m_api->removeAvatar(this, [this](Result<QJsonObject> answer) {
        setBusy(false);
        auto user = answer ? User::fromJson(*answer) : Result<User>(answer.error());
        if (!user) {
            setError(user.error().message);
            return;
        }
        Q_EMIT userUpdated(*user);
    });
}

void AccountController::exportTo(const QUrl &file)
{
    const QString path = file.toLocalFile();
    if (path.isEmpty())
        return;
    setError({});
    setBusy(true);
    m_transfers->exportAccount(this, [this, path](Result<QByteArray> answer) {
        setBusy(false);
        if (!answer) {
            setError(answer.error().message);
            return;
        }
        QSaveFile out(path);
        if (!out.open(QIODevice::WriteOnly) || out.write(*answer) != answer->size() ||
            !out.commit()) {
            setError(u"The export could not be saved to %1: %2"_s.arg(path, out.errorString()));
            return;
        }
        Q_EMIT exported(path);
    });
}

void AccountController::deleteAccount(const QString &typedUsername)
{
    setError({});
    setBusy(true);
    m_api->deleteAccount(typedUsername.trimmed(), this, [this](Result<QJsonObject> answer) {
        setBusy(false);
        if (!answer) {
            const ErrorCode code = answer.error().code;
            setError(code == ErrorCode::BadRequest || code == ErrorCode::ValidationFailed
                         ? u"Type your username exactly to confirm."_s
                         : answer.error().message);
            return;
        }
        Q_EMIT accountDeleted();
    });
}

} // namespace natter::desktop
