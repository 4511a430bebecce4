// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Components

// The members matching an `@` being typed in the composer (#12), above it: Up/Down choose,
// Enter or Tab take one, Esc closes; a click takes one too.
Rectangle {
    id: root

    //! MentionCompletionModel (displayName, username roles).
    property var completions: null
    property alias currentIndex: list.currentIndex
    readonly property int count: list.count

    signal chosen(int row)

    function moveUp() {
        list.decrementCurrentIndex();
    }
    function moveDown() {
        list.incrementCurrentIndex();
    }

    objectName: "mentionCompletions"
    implicitWidth: 280
    implicitHeight: Math.min(list.contentHeight, 6 * 40) + 8
    radius: Theme.radiusSmall
    color: Theme.base
    border.width: 1
    border.color: Theme.divider

    ListView {
        id: list

        anchors.fill: parent
        anchors.margins: 4
        clip: true
        model: root.completions
        currentIndex: 0
        highlightMoveDuration: 0
        highlight: Rectangle {
            color: Theme.selection
            radius: Theme.radiusSmall
        }

        delegate: Item {
            id: completion

            required property int index
            required property string displayName
            required property string username

            width: list.width
            height: 40

            Row {
                anchors.verticalCenter: parent.verticalCenter
                x: 8
                spacing: 8
                Avatar {
                    anchors.verticalCenter: parent.verticalCenter
                    name: completion.displayName
                    size: 26
                }
                QQC2.Label {
                    anchors.verticalCenter: parent.verticalCenter
                    text: completion.displayName
                    textFormat: Text.PlainText
                    font.bold: true
                }
                QQC2.Label {
                    anchors.verticalCenter: parent.verticalCenter
                    text: "@" + completion.username
                    textFormat: Text.PlainText
                    color: Theme.mutedText
                }
            }
            MouseArea {
                anchors.fill: parent
                onClicked: root.chosen(completion.index)
            }
        }
    }
}
