// SPDX-License-Identifier: Apache-2.0
#include "auth/tokenstore.h"

#include "core/logging.h"

#include <qt6keychain/keychain.h>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

const auto kService = u"Natter"_s;
//! A keychain daemon that hangs (a locked D-Bus service) must not block sign-in forever.
constexpr int kKeychainTimeoutMs = 5000;

bool meansNoKeychain(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::OtherError || error == QKeychain::AccessDenied;
}

} // namespace

TokenStore::TokenStore(Mode mode, QObject *parent) : QObject(parent), m_mode(mode)
{
    if (m_mode == Mode::MemoryOnly) {
        m_available = false;
        m_reason = u"No keychain is in use: you stay signed in until Natter closes."_s;
    }
}

TokenStore::Mode TokenStore::modeFromEnvironment()
{
    return qEnvironmentVariable("NATTER_KEYCHAIN") == "off"_L1 ? Mode::MemoryOnly : Mode::Keychain;
}

void TokenStore::markUnavailable(const QString &reason)
{
    if (!m_available)
        return;
    qCWarning(lcAuth) << "keychain unavailable:" << reason;
    m_available = false;
    m_reason = u"No keychain service is available (%1): you stay signed in only until Natter "
               "closes."_s.arg(reason);
    Q_EMIT availabilityChanged();
}

void TokenStore::read(QObject *context, std::function<void(QString)> callback)
{
    if (!m_available) {
        callback(m_memoryTokens.value(m_account));
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(m_account);
    job->setInsecureFallback(false);
    auto done = std::make_shared<bool>(false);
    auto guardedContext = QPointer<QObject>(context);
    const QString memoryToken = m_memoryTokens.value(m_account);
    auto finish = [done, guardedContext, callback](const QString &token) {
        if (std::exchange(*done, true))
            return;
        if (guardedContext)
            callback(token);
    };
    connect(job, &QKeychain::Job::finished, this, [this, job, finish, memoryToken] {
        if (job->error() == QKeychain::NoError) {
            finish(job->textData());
        } else if (job->error() == QKeychain::EntryNotFound) {
            finish({});
        } else {
            if (meansNoKeychain(job->error()))
                markUnavailable(job->errorString());
            finish(memoryToken);
        }
    });
    QTimer::singleShot(kKeychainTimeoutMs, this, [this, done, finish, memoryToken] {
        // Only a read still waiting means no keychain. This fired after every read, answered
        // or not, so 5 s after start the keychain counted as gone and the next token rotation
        // went to memory only, leaving the keyring an older token for the next start.
        if (*done)
            return;
        markUnavailable(u"the keychain did not answer"_s);
        finish(memoryToken);
    });
    job->start();
}

void TokenStore::write(const QString &token)
{
    m_memoryTokens.insert(m_account, token);
    if (!m_available)
        return;
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(m_account);
    job->setInsecureFallback(false);
    job->setTextData(token);
    connect(job, &QKeychain::Job::finished, this, [this, job] {
        if (job->error() != QKeychain::NoError)
            markUnavailable(job->errorString());
    });
    job->start();
}

void TokenStore::remove()
{
    m_memoryTokens.remove(m_account);
    if (!m_available)
        return;
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(m_account);
    job->setInsecureFallback(false);
    job->start();
}

} // namespace natter::desktop
