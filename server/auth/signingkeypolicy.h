// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QByteArray>

namespace natter::server {

//! Refuses signing keys anyone could guess: shorter than 32 bytes, a placeholder such as the
//! one in natter.env.example, a short pattern repeated, or too few different characters to
//! hold 128 bits. Whoever knows the key can sign in as anyone, so a weak one must stop the
//! server rather than run it. The error says how to make a good key.
[[nodiscard]] Status checkSigningKey(const QByteArray &key);

} // namespace natter::server
