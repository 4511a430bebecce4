// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace natter::server {

class DbMonitor;
class Metrics;
class Router;

//! `GET /healthz` and `GET /metrics`: what an operator's monitoring asks.
class HealthController final
{
public:
    HealthController(const DbMonitor &monitor, const Metrics &metrics)
        : m_monitor(monitor), m_metrics(metrics)
    {}
    //! `/healthz`, on the public listener.
    void registerRoutes(Router &router);
    //! `/metrics`, on the metrics listener only: it tells a stranger too much (routes, load).
    void registerMetricsRoutes(Router &router);

private:
    const DbMonitor &m_monitor;
    const Metrics &m_metrics;
};

} // namespace natter::server
