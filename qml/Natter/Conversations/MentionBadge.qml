// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Components

// "@" beside the unread count while unread messages mention me (#12): mentions are counted
// apart, so a busy group that named me stands out. The tooltip says how many.
Rectangle {
    id: root

    property int count: 0

    objectName: "mentionBadge"
    visible: root.count > 0
    implicitHeight: 20
    implicitWidth: 20
    radius: height / 2
    color: Theme.danger
    Accessible.name: root.count === 1 ? qsTr("1 mention") : qsTr("%1 mentions").arg(root.count)

    Text {
        anchors.centerIn: parent
        text: "@"
        color: "#ffffff"
        font.pixelSize: 12
        font.bold: true
    }
    HoverHandler {
        id: hover
    }
    QQC2.ToolTip.visible: hover.hovered
    QQC2.ToolTip.text: root.Accessible.name
}
