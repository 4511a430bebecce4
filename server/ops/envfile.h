// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QProcessEnvironment>
#include <QString>

namespace natter::server::ops {

//! The file systemd's `EnvironmentFile=` reads (`/etc/natter/natter.env`): `KEY=VALUE` lines,
//! `#` or `;` comments, values optionally in single or double quotes. The operator commands
//! read it so that `natter-server doctor` sees what the service sees.
class EnvFile final
{
public:
    //! The variables of `path`; a missing or unreadable file is an error naming it.
    [[nodiscard]] static Result<QProcessEnvironment> read(const QString &path);
    //! `base` with every variable of `path` that `base` does not already set (the process
    //! environment wins, so one variable can be overridden for one run).
    [[nodiscard]] static Result<QProcessEnvironment> merged(const QProcessEnvironment &base,
                                                            const QString &path);
    //! Sets `key` to `value` in `path`: the first `KEY=` line is replaced, otherwise the line is
    //! appended. The file keeps its mode and owner and is replaced atomically.
    [[nodiscard]] static Status set(const QString &path, const QString &key, const QString &value);
};

} // namespace natter::server::ops
