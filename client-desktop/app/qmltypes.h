// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::desktop {

class Session;

//! Makes the C++ side visible to QML as the `Natter.Core` module: the `Session` singleton and
//! the types reachable from it (for their enums and properties).
void registerQmlTypes(Session *session);

} // namespace natter::desktop
