// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Controls.impl as QQC2Impl

// Every other button: the web app's .btn (a soft surface, rounded, semibold) or, when `flat`,
// its .btn-ghost (no box until hovered). The Basic style's square grey buttons looked like a
// prototype next to the primary ones.
QQC2.Button {
    id: root

    // An action that destroys something (Delete account): its words in the danger colour.
    property bool destructive: false

    font.weight: Font.DemiBold
    padding: 8
    leftPadding: root.flat ? 10 : 16
    rightPadding: root.flat ? 10 : 16
    spacing: 8
    icon.width: 18
    icon.height: 18
    icon.color: Theme.text
    opacity: root.enabled ? 1 : 0.55

    contentItem: QQC2Impl.IconLabel {
        spacing: root.spacing
        mirrored: root.mirrored
        display: root.display
        icon: root.icon
        text: root.text
        font: root.font
        color: root.destructive ? Theme.danger : (root.flat && root.visualFocus ? Theme.brand : Theme.text)
    }

    background: Rectangle {
        implicitWidth: 64
        implicitHeight: root.flat ? 32 : 40
        radius: Theme.radiusSmall + 2
        color: root.down || root.hovered ? Theme.surface3 : (root.flat ? "transparent" : Theme.surface2)
        border.width: root.visualFocus ? 2 : 0
        border.color: Theme.brand
    }
}
