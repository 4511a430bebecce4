// SPDX-License-Identifier: Apache-2.0
#include "app/qmltypes.h"

#include <QJSEngine>

namespace natter::desktop {

Session *SessionForQml::create(QQmlEngine * /*qmlEngine*/, QJSEngine *jsEngine)
{
    Q_ASSERT(s_instance);
    Q_ASSERT(jsEngine->thread() == s_instance->thread());
    // The app owns the Session; the engine must not delete it when it goes.
    QJSEngine::setObjectOwnership(s_instance, QJSEngine::CppOwnership);
    return s_instance;
}

} // namespace natter::desktop
