// SPDX-License-Identifier: Apache-2.0
#include "realtime/eventbus.h"

namespace natter::server::realtime {
namespace {

std::atomic<EventBus *> s_bus{nullptr};

} // namespace

EventBus::EventBus(QObject *parent) : QObject(parent) {}

void setEventBus(EventBus *bus)
{
    s_bus.store(bus);
}

EventBus *eventBus()
{
    return s_bus.load();
}

} // namespace natter::server::realtime
