// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace natter::server::ops {

//! Runs an operator command (`setup`, `doctor`, `backup`, `restore`) with its arguments and
//! returns the exit code; nothing when `command` is not one of them.
[[nodiscard]] std::optional<int> runOperatorCommand(const QString &command,
                                                    const QStringList &arguments);

//! The usage lines of the operator commands, for `natter-server --help`.
[[nodiscard]] QString operatorCommandsHelp();

} // namespace natter::server::ops
