// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Components

// The reactions under a message: one chip per emoji with its count, mine highlighted, who
// reacted in the tooltip. A click adds or takes back my reaction with that emoji.
Flow {
    id: root

    //! MessageListModel's reactions: [{emoji, count, mine, who}].
    required property var chips

    signal toggled(string emoji)

    spacing: 4

    Repeater {
        model: root.chips

        delegate: QQC2.AbstractButton {
            id: chip

            required property var modelData

            objectName: "reactionChip"
            hoverEnabled: true
            leftPadding: 7
            rightPadding: 7
            topPadding: 0
            bottomPadding: 0
            implicitWidth: chip.implicitContentWidth + chip.leftPadding + chip.rightPadding
            implicitHeight: 24
            Accessible.name: qsTr("%1 %2, %3").arg(chip.modelData.emoji).arg(chip.modelData.count).arg(chip.modelData.who)
            QQC2.ToolTip.visible: chip.hovered
            QQC2.ToolTip.delay: 400
            QQC2.ToolTip.text: chip.modelData.who
            onClicked: root.toggled(chip.modelData.emoji)

            background: Rectangle {
                radius: 12
                color: chip.modelData.mine ? Theme.brandSoft : Theme.base
                border.width: 1
                border.color: chip.modelData.mine ? Theme.accent : (chip.hovered ? Theme.mutedText : Theme.divider)
            }
            contentItem: Row {
                spacing: 4
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: chip.modelData.emoji
                    textFormat: Text.PlainText
                    // By name: for ❤️ (U+2764 U+FE0F) Qt 6.4 picks a text font's black heart.
                    font.family: "Noto Color Emoji"
                    font.pixelSize: 14
                }
                Text {
                    objectName: "reactionCount"
                    anchors.verticalCenter: parent.verticalCenter
                    text: chip.modelData.count
                    font.pixelSize: 12
                    font.bold: chip.modelData.mine
                    color: chip.modelData.mine ? Theme.accent : Theme.mutedText
                }
            }
        }
    }
}
