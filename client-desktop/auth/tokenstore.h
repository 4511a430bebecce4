// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <functional>
#include <QHash>
#include <QObject>
#include <QPointer>

namespace natter::desktop {

//! Keeps the refresh token in the system keychain (QtKeychain: Secret Service, KWallet, macOS
//! Keychain, Windows Credential Store). When no keychain service answers, it says so through
//! `available()` and keeps the token in memory for this run only: it never falls back to a
//! plain file (QtKeychain's insecure fallback stays off).
class TokenStore final : public QObject
{
    Q_OBJECT

public:
    enum class Mode
    {
        Keychain,
        MemoryOnly
    };

    //! `account` tells servers apart (one token per server URL).
    explicit TokenStore(Mode mode = Mode::Keychain, QObject *parent = nullptr);

    void setAccount(const QString &account) { m_account = account; }
    [[nodiscard]] bool available() const { return m_available; }
    //! Why the keychain is not used, for the UI; empty while it is.
    [[nodiscard]] QString unavailableReason() const { return m_reason; }

    //! Reads the stored token; an empty string when there is none (or no keychain).
    void read(QObject *context, std::function<void(QString)> callback);
    void write(const QString &token);
    void remove();
    //! The token this run already holds for the current account (the benchmark and the tests
    //! use it to stand in for a keychain).
    void setMemoryToken(const QString &token) { m_memoryTokens.insert(m_account, token); }

    //! NATTER_KEYCHAIN=off (tests, CI under xvfb) chooses MemoryOnly without asking D-Bus.
    [[nodiscard]] static Mode modeFromEnvironment();

Q_SIGNALS:
    void availabilityChanged();

private:
    void markUnavailable(const QString &reason);

    Mode m_mode;
    QString m_account;
    //! Per account, so a token of one server is never offered to another.
    QHash<QString, QString> m_memoryTokens;
    bool m_available = true;
    QString m_reason;
};

} // namespace natter::desktop
