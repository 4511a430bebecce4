// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "app/session.h"

#include <QtQml/qqml.h>

class QJSEngine;
class QQmlEngine;

namespace natter::desktop {

//! `Session` in the `Natter.Core` QML module, a singleton: the one instance the app made
//! (Session has no default constructor and outlives the engine). The controllers and models
//! reachable from it register themselves with QML_ELEMENT in their own headers.
struct SessionForQml
{
    Q_GADGET
    QML_FOREIGN(natter::desktop::Session)
    QML_NAMED_ELEMENT(Session)
    QML_SINGLETON

public:
    //! What the next engine that asks gets; set before the QML is loaded.
    static void setInstance(Session *session) { s_instance = session; }
    static Session *create(QQmlEngine *qmlEngine, QJSEngine *jsEngine);

private:
    static inline Session *s_instance = nullptr;
};

} // namespace natter::desktop
