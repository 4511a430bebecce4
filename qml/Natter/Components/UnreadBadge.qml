// SPDX-License-Identifier: Apache-2.0
import QtQuick

Rectangle {
    id: root

    property int count: 0

    visible: root.count > 0
    implicitHeight: 20
    implicitWidth: Math.max(20, label.implicitWidth + 12)
    radius: height / 2
    color: Theme.accent

    Text {
        id: label

        anchors.centerIn: parent
        text: root.count > 99 ? "99+" : root.count
        color: Theme.accentText
        font.pixelSize: 11
        font.bold: true
    }
}
