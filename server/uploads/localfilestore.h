// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "uploads/filestore.h"

namespace natter::server::uploads {

//! Files under `<NATTER_DATA_DIR>/uploads/<first two characters of the key>/<key>`: a hundred
//! thousand uploads spread over 256 folders instead of one huge one. Writes are renames from
//! the scratch folder on the same disk, so a stored file is always complete.
class LocalFileStore final : public FileStore
{
public:
    explicit LocalFileStore(QString root);

    [[nodiscard]] Status put(const QString &key, const QString &localPath) override;
    [[nodiscard]] std::unique_ptr<QIODevice> open(const QString &key) const override;
    Status remove(const QString &key) override;
    [[nodiscard]] QStringList keys() const override;

private:
    [[nodiscard]] QString pathOf(const QString &key) const;

    QString m_root;
};

} // namespace natter::server::uploads
