// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls.impl as QQC2Impl

// One of the app's stroke icons (icons/*.svg, the web app's set), tinted with `color`.
QQC2Impl.IconImage {
    id: root

    //! The file name in icons/ without ".svg" (IconImage has its own `name`, a theme icon).
    property string icon: ""
    property int size: 18

    source: root.icon.length > 0 ? Qt.resolvedUrl("icons/" + root.icon + ".svg") : ""
    sourceSize.width: root.size
    sourceSize.height: root.size
    width: root.size
    height: root.size
    color: Theme.text
}
