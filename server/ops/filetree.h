// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QByteArray>
#include <QStringList>

namespace natter::server::ops {

//! The regular files under `root`, as sorted paths relative to it. Top-level entries named in
//! `skipped` are left out, and so are symbolic links (they point outside what we own).
[[nodiscard]] Result<QStringList> listFiles(const QString &root, const QStringList &skipped);

//! The SHA-256 of a file, in hex, read in pieces.
[[nodiscard]] Result<QByteArray> sha256File(const QString &path);

//! Copies `from` to `to` in pieces (never a whole file in memory), creating folders, keeping
//! the modification time; returns the SHA-256 in hex of what was copied.
[[nodiscard]] Result<QByteArray> copyFile(const QString &from, const QString &to);

//! Makes `to` a hard link of `from` (both on one file system): an unchanged file costs a
//! backup no space.
[[nodiscard]] Status hardLink(const QString &from, const QString &to);

//! The last modification of a file in milliseconds since the epoch.
[[nodiscard]] qint64 modifiedMs(const QString &path);

} // namespace natter::server::ops
