// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// Someone's public profile, with message, block and report.
AppDialog {
    id: root

    property string username: ""
    readonly property var profile: Session.people.profile
    // Through a `var`: Qt 6.4's qmllint does not know QStringList has the JS array methods.
    readonly property var blockedNames: Session.people.blocked
    readonly property bool blocked: root.blockedNames.includes(root.username)
    readonly property bool isMe: root.username === Session.username

    signal reportRequested(string username)

    function show(name) {
        root.username = name;
        Session.people.loadProfile(name);
        root.open();
    }

    modal: true
    width: Math.min(380, parent ? parent.width - 40 : 380)
    x: parent ? (parent.width - width) / 2 : 0
    y: 60
    standardButtons: QQC2.Dialog.Close
    closePolicy: QQC2.Popup.CloseOnEscape

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        Avatar {
            Layout.alignment: Qt.AlignHCenter
            name: root.profile.displayName || root.username
            source: root.profile.avatarUrl || ""
            size: 72
        }
        QQC2.Label {
            Layout.alignment: Qt.AlignHCenter
            text: root.profile.displayName || ""
            font.pixelSize: 20
            font.bold: true
        }
        QQC2.Label {
            Layout.alignment: Qt.AlignHCenter
            text: "@" + root.username
            color: Theme.mutedText
        }
        QQC2.Label {
            Layout.alignment: Qt.AlignHCenter
            visible: !!root.profile.memberSince
            text: root.profile.memberSince ? qsTr("On Natter since %1").arg(Qt.formatDate(root.profile.memberSince, Locale.LongFormat)) : ""
            color: Theme.mutedText
            font.pixelSize: 12
        }
        InlineError {
            Layout.fillWidth: true
            text: root.profile.error || Session.people.errorText
        }
        RowLayout {
            Layout.alignment: Qt.AlignHCenter
            visible: !root.isMe
            spacing: 8
            PrimaryButton {
                text: qsTr("Message")
                enabled: !root.blocked
                onClicked: {
                    Session.conversations.startDirectMessage(root.username);
                    root.close();
                }
            }
            SecondaryButton {
                text: root.blocked ? qsTr("Unblock") : qsTr("Block")
                onClicked: root.blocked ? Session.people.unblock(root.username) : confirmBlock.open()
            }
            SecondaryButton {
                text: qsTr("Report…")
                onClicked: root.reportRequested(root.username)
            }
        }
    }

    AppDialog {
        id: confirmBlock

        objectName: "confirmBlockDialog"
        parent: QQC2.Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Block @%1?").arg(root.username)
        standardButtons: QQC2.Dialog.Cancel | QQC2.Dialog.Ok
        onAccepted: Session.people.block(root.username)

        QQC2.Label {
            width: 320
            wrapMode: Text.Wrap
            text: qsTr("You will not see their messages and they cannot write to you. You can unblock them later.")
            color: Theme.mutedText
        }
    }
}
