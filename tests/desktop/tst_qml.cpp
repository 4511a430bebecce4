// SPDX-License-Identifier: Apache-2.0
// Qt Quick Test runner for the QML components that hold behaviour (composer, message delegate).
#include <QQmlEngine>
#include <QtQml/qqmlextensionplugin.h>
#include <QtQuickTest/quicktest.h>

Q_IMPORT_QML_PLUGIN(Natter_ComponentsPlugin)
Q_IMPORT_QML_PLUGIN(Natter_ChatPlugin)

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // Qt 6.4 places static modules' qmldir files under qrc:/<URI path>.
        engine->addImportPath(QStringLiteral("qrc:/"));
    }
};

QUICK_TEST_MAIN_WITH_SETUP(natter_desktop_qml, Setup)
#include "tst_qml.moc"
