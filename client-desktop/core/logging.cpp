// SPDX-License-Identifier: Apache-2.0
#include "core/logging.h"

namespace natter::desktop {
Q_LOGGING_CATEGORY(lcApi, "natter.desktop.api", QtInfoMsg)
Q_LOGGING_CATEGORY(lcRealtime, "natter.desktop.realtime", QtInfoMsg)
Q_LOGGING_CATEGORY(lcAuth, "natter.desktop.auth", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStore, "natter.desktop.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "natter.desktop.app", QtInfoMsg)
} // namespace natter::desktop
