// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/apierror.h"

namespace natter::desktop {

//! The sentence the UI shows for an error: the server's own words when it gave some (it writes
//! them for people), the first field's reason for validation errors.
[[nodiscard]] QString describe(const ApiError &error);

} // namespace natter::desktop
