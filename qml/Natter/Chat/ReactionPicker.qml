// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Components

// The small emoji picker: the frequent emojis in one row, by click or by arrow keys and Enter,
// then "more…" for the full picker.
QQC2.Popup {
    id: root

    property var emojis: []
    //! The message the picked emoji goes to.
    property string messageId: ""

    signal picked(string messageId, string emoji)
    //! "More…": the full picker for the same message.
    signal moreRequested(string messageId)

    padding: 4
    focus: true
    closePolicy: QQC2.Popup.CloseOnEscape | QQC2.Popup.CloseOnPressOutside

    background: Rectangle {
        radius: Theme.radius
        color: Theme.base
        border.width: 1
        border.color: Theme.divider
    }

    Row {
        spacing: 2
        Repeater {
            model: root.emojis

            delegate: QQC2.ToolButton {
                id: choice

                required property string modelData
                required property int index

                objectName: "emojiChoice"
                focus: choice.index === 0
                implicitWidth: 36
                implicitHeight: 36
                text: choice.modelData
                // By name: for ❤️ (U+2764 U+FE0F) Qt 6.4 picks a text font's black heart.
                font.family: "Noto Color Emoji"
                font.pixelSize: 20
                Accessible.name: qsTr("React with %1").arg(choice.modelData)
                KeyNavigation.right: choice.nextItemInFocusChain(true)
                KeyNavigation.left: choice.nextItemInFocusChain(false)
                Keys.onReturnPressed: choice.clicked()
                onClicked: {
                    root.picked(root.messageId, choice.modelData);
                    root.close();
                }
                background: Rectangle {
                    radius: Theme.radiusSmall
                    color: choice.down ? Theme.surface3 : (choice.hovered || choice.activeFocus ? Theme.surface2 : "transparent")
                }
            }
        }
        QQC2.ToolButton {
            id: more

            objectName: "moreEmojis"
            implicitWidth: 36
            implicitHeight: 36
            icon.source: "qrc:/Natter/Components/icons/plus.svg"
            icon.color: Theme.mutedText
            Accessible.name: qsTr("More emojis…")
            QQC2.ToolTip.visible: more.hovered
            QQC2.ToolTip.delay: 500
            QQC2.ToolTip.text: qsTr("More emojis…")
            KeyNavigation.left: more.nextItemInFocusChain(false)
            Keys.onReturnPressed: more.clicked()
            onClicked: {
                root.close();
                root.moreRequested(root.messageId);
            }
            background: Rectangle {
                radius: Theme.radiusSmall
                color: more.down ? Theme.surface3 : (more.hovered || more.activeFocus ? Theme.surface2 : "transparent")
            }
        }
    }
}
