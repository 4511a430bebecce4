// SPDX-License-Identifier: Apache-2.0
#include "auth/devsigningkey.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

Result<QByteArray> loadOrCreateDevSigningKey(const QString &dataDir)
{
    const QString path = QDir(dataDir).filePath(u"dev-signing-key"_s);
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray key = QByteArray::fromBase64(file.readAll().trimmed());
        if (key.size() >= 32)
            return key;
    }
    if (!QDir().mkpath(dataDir))
        return ApiError{ErrorCode::Internal, u"cannot create %1"_s.arg(dataDir), {}};
    QByteArray key(48, Qt::Uninitialized);
    QRandomGenerator::system()->generate(key.begin(), key.end());
    file.close();
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return ApiError{ErrorCode::Internal, u"cannot write %1"_s.arg(path), {}};
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write(key.toBase64() + '\n');
    return key;
}

} // namespace natter::server
