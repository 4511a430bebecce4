// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// The members of the open group: admins add and remove, everyone can leave.
QQC2.Drawer {
    id: root

    signal profileRequested(string username)

    edge: Qt.RightEdge
    width: Math.min(320, parent ? parent.width * 0.8 : 320)
    height: parent ? parent.height : 400

    // Basic draws a drawer's edge as a hard dark line; the app's panels end in a divider.
    background: Rectangle {
        color: Theme.base

        Rectangle {
            width: 1
            height: parent.height
            color: Theme.divider
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8

        QQC2.Label {
            text: qsTr("Members")
            font.bold: true
            font.pixelSize: 16
        }
        RowLayout {
            Layout.fillWidth: true
            visible: Session.chat.amAdmin
            QQC2.TextField {
                id: addField

                Layout.fillWidth: true
                placeholderText: qsTr("Add by username")
                onAccepted: Session.chat.addMember(addField.text)
            }
            SecondaryButton {
                text: qsTr("Add")
                enabled: addField.text.trim().length > 0
                onClicked: Session.chat.addMember(addField.text)
            }
        }
        // The field keeps what was typed until it worked, and says here why it did not.
        InlineError {
            objectName: "memberError"
            Layout.fillWidth: true
            text: Session.chat.memberErrorText
        }
        Connections {
            target: Session.chat
            function onMemberAdded() { addField.clear(); }
        }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Session.chat.members
            delegate: QQC2.ItemDelegate {
                id: member

                required property string userId
                required property string username
                required property string displayName
                required property bool isAdmin
                required property bool isMe
                required property string avatarUrl

                width: ListView.view.width
                onClicked: root.profileRequested(member.username)
                contentItem: RowLayout {
                    spacing: 8
                    Avatar {
                        objectName: "memberAvatar"
                        name: member.displayName
                        key: member.userId
                        source: member.avatarUrl
                        size: 28
                    }
                    QQC2.Label {
                        Layout.fillWidth: true
                        text: member.displayName + (member.isMe ? qsTr(" (you)") : "")
                        elide: Text.ElideRight
                    }
                    // Online / last seen (#18).
                    QQC2.Label {
                        objectName: "memberPresence"
                        text: Session.presence.revision >= 0 ? Session.presence.statusOf(member.userId) : ""
                        color: text === qsTr("online") ? Theme.success : Theme.mutedText
                        font.pixelSize: 11
                    }
                    QQC2.Label {
                        visible: member.isAdmin
                        text: qsTr("admin")
                        color: Theme.mutedText
                        font.pixelSize: 11
                    }
                    IconButton {
                        visible: Session.chat.amAdmin && !member.isMe
                        icon.source: "qrc:/Natter/Components/icons/close.svg"
                        icon.color: Theme.mutedText
                        Accessible.name: qsTr("Remove from group")
                        QQC2.ToolTip.visible: hovered
                        QQC2.ToolTip.text: qsTr("Remove from group")
                        onClicked: confirmRemove.ask(member.userId, member.displayName)
                    }
                }
            }
        }
        SecondaryButton {
            Layout.fillWidth: true
            text: qsTr("Leave group")
            onClicked: {
                Session.chat.leave();
                root.close();
            }
        }
    }

    AppDialog {
        id: confirmRemove

        property string userId: ""
        property string name: ""

        function ask(id, displayName) {
            confirmRemove.userId = id;
            confirmRemove.name = displayName;
            confirmRemove.open();
        }

        objectName: "confirmRemoveDialog"
        parent: QQC2.Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Remove %1 from the group?").arg(confirmRemove.name)
        standardButtons: QQC2.Dialog.Cancel | QQC2.Dialog.Ok
        onAccepted: Session.chat.removeMember(confirmRemove.userId)

        QQC2.Label {
            text: qsTr("They stop receiving its messages. An admin can add them again.")
            color: Theme.mutedText
        }
    }
}
