// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// The foot of the conversation list (#18): "Archived (3)" switches the list to the archived
// conversations, "Back to chats" switches back.
QQC2.ItemDelegate {
    id: root

    readonly property bool showing: Session.conversations.filtered.showArchived

    objectName: "archivedToggle"
    implicitHeight: 44
    onClicked: Session.conversations.filtered.showArchived = !root.showing
    Accessible.name: root.showing ? qsTr("Back to chats")
                                  : qsTr("Archived chats, %1").arg(Session.conversations.model.archivedCount)

    background: Rectangle {
        color: root.hovered || root.visualFocus ? Theme.surface2 : Theme.sidebar

        Rectangle {
            width: parent.width
            height: 1
            color: Theme.divider
        }
    }
    contentItem: RowLayout {
        spacing: 10
        Icon {
            Layout.leftMargin: 6
            icon: root.showing ? "chat" : "archive"
            size: 18
            color: Theme.mutedText
        }
        QQC2.Label {
            Layout.fillWidth: true
            text: root.showing ? qsTr("Back to chats")
                               : qsTr("Archived (%1)").arg(Session.conversations.model.archivedCount)
            color: Theme.mutedText
            font.weight: Font.DemiBold
        }
    }
}
