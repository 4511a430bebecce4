// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"

namespace natter::desktop {

//! A message in one line, for the conversation list and notifications: its text, or what it
//! holds when it has none ("Image", "3 images"), so an image alone is not an empty line;
//! "Message deleted" for a deleted one.
[[nodiscard]] QString messageSummary(const Message &message);

} // namespace natter::desktop
