// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Components

// A system line (#18): what happened to the group ("Ana added Cara"), centred and muted
// between the messages. Nobody's words, so no bubble, no sender and no actions; the time
// shows on hover, as on the web.
Item {
    id: root

    required property string text
    required property string timeText
    property real availableWidth: 600

    width: root.availableWidth
    implicitHeight: label.implicitHeight + 12

    Text {
        id: label

        objectName: "systemLineText"
        anchors.horizontalCenter: parent.horizontalCenter
        y: 6
        width: Math.min(implicitWidth, root.availableWidth - 40)
        text: root.text
        textFormat: Text.PlainText
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        font.pixelSize: 12
        color: Theme.mutedText

        HoverHandler {
            id: hover
        }
        QQC2.ToolTip.visible: hover.hovered
        QQC2.ToolTip.text: root.timeText
        QQC2.ToolTip.delay: 500
    }
}
