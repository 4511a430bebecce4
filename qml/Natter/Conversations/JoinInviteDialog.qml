// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// "Join with a link" (#14): paste an invite link or code, see which group it leads to and how
// many are in it, then join. Also opened by a natter://invite/… URL given to the app.
AppDialog {
    id: root

    readonly property var invites: Session.invites
    readonly property bool signedIn: Session.state === Session.Ready

    title: qsTr("Join with a link")
    modal: true
    width: Math.min(440, parent ? parent.width - 40 : 440)
    x: parent ? (parent.width - width) / 2 : 0
    y: 60
    closePolicy: QQC2.Popup.CloseOnEscape

    onOpened: {
        linkField.text = root.invites.link;
        linkField.cursorPosition = 0;
        linkField.forceActiveFocus();
    }
    onClosed: root.invites.reset()

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        QQC2.Label { text: qsTr("Invite link") }
        QQC2.TextField {
            id: linkField

            objectName: "inviteLinkField"
            Layout.fillWidth: true
            placeholderText: qsTr("https://…/invite/…")
            onAccepted: root.invites.preview(linkField.text)
            // A pasted link shows its preview at once.
            onTextEdited: previewLater.restart()
        }
        Timer {
            id: previewLater

            interval: 300
            onTriggered: root.invites.preview(linkField.text)
        }

        QQC2.BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            visible: root.invites.state === InviteController.Loading
            running: visible
        }
        Rectangle {
            objectName: "invitePreview"
            Layout.fillWidth: true
            implicitHeight: previewRow.implicitHeight + 20
            visible: root.invites.state === InviteController.Previewed || root.invites.state === InviteController.Joining
            radius: Theme.radiusSmall
            color: Theme.surface2

            RowLayout {
                id: previewRow

                anchors.fill: parent
                anchors.margins: 10
                spacing: 10
                Avatar {
                    name: root.invites.title
                    size: 40
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    QQC2.Label {
                        objectName: "inviteTitle"
                        Layout.fillWidth: true
                        text: root.invites.title
                        font.bold: true
                        elide: Text.ElideRight
                    }
                    QQC2.Label {
                        text: root.invites.memberCount === 1 ? qsTr("1 member") : qsTr("%1 members").arg(root.invites.memberCount)
                        color: Theme.mutedText
                        font.pixelSize: 12
                    }
                }
            }
        }
        InlineError {
            objectName: "inviteError"
            Layout.fillWidth: true
            text: root.invites.state === InviteController.Failed ? root.invites.errorText : ""
        }
        QQC2.Label {
            Layout.fillWidth: true
            visible: !root.signedIn && root.invites.state === InviteController.Previewed
            text: qsTr("Sign in first, then join.")
            color: Theme.mutedText
        }
        DialogActions {
            primaryText: root.invites.state === InviteController.Joining ? qsTr("Joining…") : qsTr("Join group")
            primaryEnabled: root.signedIn && root.invites.state === InviteController.Previewed
            onPrimaryClicked: root.invites.join()
            onCancelClicked: root.close()
        }
    }

    Connections {
        target: root.invites
        function onJoined() { root.close(); }
        function onDialogRequested() { root.open(); }
    }
}
