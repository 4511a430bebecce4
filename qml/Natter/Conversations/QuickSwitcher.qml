// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// Ctrl+K: type a few letters of a conversation, Enter to jump there, Esc to close.
QQC2.Popup {
    id: root

    modal: true
    focus: true
    closePolicy: QQC2.Popup.CloseOnEscape | QQC2.Popup.CloseOnPressOutside
    width: Math.min(480, parent ? parent.width - 40 : 480)
    height: Math.min(420, parent ? parent.height - 80 : 420)
    x: parent ? (parent.width - width) / 2 : 0
    y: 60
    padding: 10

    background: Rectangle {
        color: Theme.base
        radius: Theme.radius
        border.width: 1
        border.color: Theme.divider
    }

    onOpened: {
        field.text = "";
        field.forceActiveFocus();
    }
    onClosed: Session.conversations.filtered.filterText = ""

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        QQC2.TextField {
            id: field

            objectName: "switcherField"
            Layout.fillWidth: true
            placeholderText: qsTr("Jump to a conversation…")
            onTextChanged: Session.conversations.filtered.filterText = field.text
            Keys.onDownPressed: results.incrementCurrentIndex()
            Keys.onUpPressed: results.decrementCurrentIndex()
            onAccepted: {
                Session.chat.open(Session.conversations.filtered.idAt(Math.max(0, results.currentIndex)));
                root.close();
            }
        }
        ListView {
            id: results

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Session.conversations.filtered
            currentIndex: 0
            highlightMoveDuration: 0
            highlight: Rectangle { color: Theme.selection }

            delegate: ConversationDelegate {
                id: switchDelegate

                required property int index

                selected: ListView.isCurrentItem
                onClicked: {
                    Session.chat.open(switchDelegate.conversationId);
                    root.close();
                }
            }
        }
    }
}
