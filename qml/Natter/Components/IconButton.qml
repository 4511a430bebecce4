// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2

// A toolbar button with one of the app's icons: no box until hovered or pressed, as in the
// web app's header buttons.
QQC2.ToolButton {
    id: root

    icon.width: 20
    icon.height: 20
    icon.color: Theme.text
    background: Rectangle {
        implicitWidth: 34
        implicitHeight: 34
        radius: Theme.radiusSmall
        color: root.down ? Theme.surface3 : (root.hovered || root.visualFocus ? Theme.surface2 : "transparent")
    }
}
