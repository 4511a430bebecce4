// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Components

// One member in the group settings (#18): picture, name, whether they are online, "admin",
// and for an admin the member's menu (make admin, remove as admin, remove from the group).
QQC2.ItemDelegate {
    id: root

    required property string userId
    required property string username
    required property string displayName
    required property bool isAdmin
    required property bool isMe
    //! "online", "last seen …" or "" (PresenceController).
    property string presence: ""
    //! I am an admin: the member's menu is offered.
    property bool canManage: false

    signal profileRequested(string username)
    signal adminChanged(string userId, bool admin)
    signal removeRequested(string userId, string displayName)

    function openMenu() {
        if (root.canManage)
            memberMenu.popup(root, root.width - memberMenu.implicitWidth, root.height);
    }

    width: ListView.view ? ListView.view.width : implicitWidth
    onClicked: root.profileRequested(root.username)
    Keys.onMenuPressed: root.openMenu()
    Keys.onPressed: event => {
        if (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier)) {
            event.accepted = true;
            root.openMenu();
        }
    }
    Accessible.name: root.displayName + (root.isAdmin ? ", " + qsTr("admin") : "")
                     + (root.presence.length > 0 ? ", " + root.presence : "")

    contentItem: RowLayout {
        spacing: 10
        Avatar {
            name: root.displayName
            key: root.userId
            size: 32
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            QQC2.Label {
                Layout.fillWidth: true
                text: root.displayName + (root.isMe ? qsTr(" (you)") : "")
                elide: Text.ElideRight
            }
            QQC2.Label {
                objectName: "memberPresence"
                Layout.fillWidth: true
                text: "@" + root.username + (root.presence.length > 0 ? " · " + root.presence : "")
                color: root.presence === qsTr("online") ? Theme.success : Theme.mutedText
                font.pixelSize: 12
                elide: Text.ElideRight
            }
        }
        QQC2.Label {
            visible: root.isAdmin
            text: qsTr("admin")
            color: Theme.brand
            font.pixelSize: 11
            font.weight: Font.DemiBold
            padding: 4
            leftPadding: 8
            rightPadding: 8
            background: Rectangle {
                radius: height / 2
                color: Theme.brandSoft
            }
        }
        IconButton {
            visible: root.canManage
            icon.source: "qrc:/Natter/Components/icons/more.svg"
            icon.color: Theme.mutedText
            Accessible.name: qsTr("Options for %1").arg(root.displayName)
            QQC2.ToolTip.visible: hovered
            QQC2.ToolTip.text: qsTr("Member options")
            onClicked: root.openMenu()
        }
    }

    QQC2.Menu {
        id: memberMenu

        objectName: "memberMenu"

        QQC2.MenuItem {
            text: root.isAdmin ? qsTr("Remove as admin") : qsTr("Make admin")
            onTriggered: root.adminChanged(root.userId, !root.isAdmin)
        }
        QQC2.MenuItem {
            text: qsTr("Remove from group…")
            enabled: !root.isMe
            visible: !root.isMe
            height: visible ? implicitHeight : 0
            onTriggered: root.removeRequested(root.userId, root.displayName)
        }
    }
}
