// SPDX-License-Identifier: Apache-2.0
#include "http/healthcontroller.h"

#include "db/dbmonitor.h"
#include "http/router.h"
#include "metrics.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

void HealthController::registerRoutes(Router &router)
{
    router.add(u"GET"_s, u"/healthz"_s, [this](const HttpRequest &) {
        // Answered from the monitor's last probe, so a hung database cannot hang the check.
        const bool up = m_monitor.isUp();
        return readyReply(
            HttpReply::json(up ? 200 : 503, {{u"status"_s, up ? u"ok"_s : u"degraded"_s},
                                             {u"db"_s, up ? u"ok"_s : u"down"_s}}));
    });
}

void HealthController::registerMetricsRoutes(Router &router)
{
    router.add(u"GET"_s, u"/metrics"_s, [this](const HttpRequest &) {
        return readyReply(HttpReply::text(200, m_metrics.render(),
                                          "text/plain; version=0.0.4; charset=utf-8"_ba));
    });
}

} // namespace natter::server
