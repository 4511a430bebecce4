// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QIODevice>
#include <QString>

#include <memory>

namespace natter::server::uploads {

//! Where uploaded files live once they are checked, by key (an upload's id, plus `.thumb` for
//! its thumbnail). Local disk today (LocalFileStore); an S3-compatible store can implement the
//! same four calls. Files being received are not here: they stream into a local scratch file
//! first (under `tmp/uploads`), and only a checked, stripped file is put into the store.
class FileStore
{
public:
    virtual ~FileStore() = default;

    //! Moves (or copies, then removes) the finished local file `localPath` to `key`.
    [[nodiscard]] virtual Status put(const QString &key, const QString &localPath) = 0;
    //! The stored bytes of `key`, open for reading; null when there are none.
    [[nodiscard]] virtual std::unique_ptr<QIODevice> open(const QString &key) const = 0;
    //! Removes `key`; removing a key that is not there is not an error.
    virtual Status remove(const QString &key) = 0;
    //! Every stored key, for the sweep that removes files whose rows are gone.
    [[nodiscard]] virtual QStringList keys() const = 0;
};

} // namespace natter::server::uploads
