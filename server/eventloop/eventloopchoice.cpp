// SPDX-License-Identifier: Apache-2.0
#include "eventloop/eventloopchoice.h"

#include "eventloop/epolldispatcher.h"

#include <QCoreApplication>

#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::eventloop {

std::optional<QString> installEventDispatcher(const QString &choice)
{
    if (choice == "qt"_L1)
        return std::nullopt; // QCoreApplication creates Qt's default itself.
    if (!choice.isEmpty() && choice != "epoll"_L1)
        return u"NATTER_EVENT_LOOP must be 'epoll' or 'qt', not '%1'"_s.arg(choice);
    auto dispatcher = std::make_unique<EpollDispatcher>();
    if (!dispatcher->isValid())
        return u"cannot create the epoll event loop (try NATTER_EVENT_LOOP=qt)"_s;
    // The application takes it over as the main thread's dispatcher.
    QCoreApplication::setEventDispatcher(dispatcher.release());
    return std::nullopt;
}

} // namespace natter::server::eventloop
