// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Components

// The actions shown beside a message while the pointer is over it: react, reply, and for my
// own (delete also for a group admin) edit and delete. The same actions are in the message's
// context menu and on keys.
Rectangle {
    id: root

    property bool canEdit: false
    property bool canDelete: false

    signal reactClicked(Item button)
    signal replyClicked()
    signal editClicked()
    signal deleteClicked()

    implicitWidth: buttons.implicitWidth + 6
    implicitHeight: buttons.implicitHeight + 6
    radius: Theme.radiusSmall
    color: Theme.base
    border.width: 1
    border.color: Theme.divider

    Row {
        id: buttons

        anchors.centerIn: parent
        spacing: 0

        component BarButton: IconButton {
            implicitWidth: 30
            implicitHeight: 30
            icon.width: 16
            icon.height: 16
            display: QQC2.AbstractButton.IconOnly
            QQC2.ToolTip.visible: hovered
            QQC2.ToolTip.delay: 500
            QQC2.ToolTip.text: text
        }

        BarButton {
            id: reactButton

            objectName: "reactButton"
            text: qsTr("React")
            icon.source: "qrc:/Natter/Components/icons/smile.svg"
            onClicked: root.reactClicked(reactButton)
        }
        BarButton {
            objectName: "replyButton"
            text: qsTr("Reply")
            icon.source: "qrc:/Natter/Components/icons/reply.svg"
            onClicked: root.replyClicked()
        }
        BarButton {
            objectName: "editButton"
            visible: root.canEdit
            text: qsTr("Edit")
            icon.source: "qrc:/Natter/Components/icons/edit.svg"
            onClicked: root.editClicked()
        }
        BarButton {
            objectName: "deleteButton"
            visible: root.canDelete
            text: qsTr("Delete")
            icon.source: "qrc:/Natter/Components/icons/trash.svg"
            icon.color: Theme.danger
            onClicked: root.deleteClicked()
        }
    }
}
