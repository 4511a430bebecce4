// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace natter {

//! The contract's user object. `username` is empty until the user claims one.
struct User
{
    Q_GADGET
    Q_PROPERTY(QString id READ idString)
    Q_PROPERTY(QString username MEMBER username)
    Q_PROPERTY(QString displayName MEMBER displayName)
    Q_PROPERTY(QString avatarUrl MEMBER avatarUrl)
    Q_PROPERTY(QDateTime createdAt MEMBER createdAt)

public:
    QUuid id;
    QString username;
    QString displayName;
    QString avatarUrl;
    QDateTime createdAt;

    [[nodiscard]] QString idString() const { return id.toString(QUuid::WithoutBraces); }
    [[nodiscard]] bool hasUsername() const { return !username.isEmpty(); }
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<User> fromJson(const QJsonObject &object);

    friend bool operator==(const User &, const User &) = default;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::User)
