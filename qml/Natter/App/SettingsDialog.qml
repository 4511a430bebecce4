// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components
import Natter.People

AppDialog {
    id: root

    signal editProfileRequested()

    title: qsTr("Settings")
    modal: true
    width: Math.min(460, parent ? parent.width - 40 : 460)
    x: parent ? (parent.width - width) / 2 : 0
    y: 40
    standardButtons: QQC2.Dialog.Close
    closePolicy: QQC2.Popup.CloseOnEscape

    ColumnLayout {
        anchors.fill: parent
        spacing: 10

        QQC2.Label { text: qsTr("Account"); font.bold: true }
        RowLayout {
            Layout.fillWidth: true
            Avatar { name: Session.displayName; key: Session.userId; source: Session.avatarUrl; size: 40 }
            ColumnLayout {
                spacing: 0
                QQC2.Label { text: Session.displayName; font.bold: true }
                QQC2.Label { text: "@" + Session.username; color: Theme.mutedText }
            }
            Item { Layout.fillWidth: true }
            SecondaryButton {
                text: qsTr("Edit profile…")
                onClicked: root.editProfileRequested()
            }
        }
        AccountActions {
            Layout.fillWidth: true
            onCloseRequested: root.close()
        }

        QQC2.Label { text: qsTr("Server"); font.bold: true; Layout.topMargin: 6 }
        RowLayout {
            Layout.fillWidth: true
            QQC2.Label {
                Layout.fillWidth: true
                text: Session.serverUrl
                elide: Text.ElideMiddle
            }
            QQC2.Label {
                text: Session.connection === Session.Online ? qsTr("● connected")
                      : Session.connection === Session.Connecting ? qsTr("● connecting") : qsTr("● offline")
                color: Session.connection === Session.Online ? Theme.success : Theme.mutedText
            }
        }
        QQC2.Label {
            Layout.fillWidth: true
            text: Session.keychainAvailable ? qsTr("Your sign-in is kept in the system keychain.") : Session.keychainMessage
            wrapMode: Text.Wrap
            color: Theme.mutedText
            font.pixelSize: 12
        }

        // Close to tray (#18): only where there is a tray to come back from.
        QQC2.CheckBox {
            objectName: "keepRunningInTray"
            Layout.topMargin: 6
            visible: Session.tray.available
            text: qsTr("Keep Natter running in the tray when the window is closed")
            checked: Session.tray.keepRunning
            onToggled: Session.tray.keepRunning = checked
        }
        PresencePrivacySetting {
            Layout.fillWidth: true
        }

        QQC2.Label {
            text: qsTr("Blocked people"); font.bold: true; Layout.topMargin: 6
        }
        QQC2.Label {
            visible: Session.people.blocked.length === 0
            text: qsTr("Nobody.")
            color: Theme.mutedText
        }
        Repeater {
            model: Session.people.blocked
            delegate: RowLayout {
                id: blockedRow

                required property string modelData

                Layout.fillWidth: true
                QQC2.Label { Layout.fillWidth: true; text: "@" + blockedRow.modelData }
                SecondaryButton {
                    text: qsTr("Unblock")
                    flat: true
                    onClicked: Session.people.unblock(blockedRow.modelData)
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            Layout.topMargin: 10
            SecondaryButton {
                text: qsTr("Change server")
                onClicked: {
                    root.close();
                    Session.changeServer();
                }
            }
            Item { Layout.fillWidth: true }
            SecondaryButton {
                text: qsTr("Sign out")
                onClicked: {
                    // Unsent messages go with the sign-out: only an explicit yes discards them.
                    if (Session.unsentCount > 0) {
                        confirmSignOut.open();
                        return;
                    }
                    root.close();
                    Session.signOut();
                }
            }
        }
    }

    AppDialog {
        id: confirmSignOut

        objectName: "confirmSignOutDialog"
        parent: QQC2.Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: qsTr("Sign out?")

        QQC2.Label {
            width: 340
            wrapMode: Text.Wrap
            text: (Session.unsentCount === 1
                   ? qsTr("One message you wrote has not been sent yet.")
                   : qsTr("%1 messages you wrote have not been sent yet.").arg(Session.unsentCount))
                  + " " + qsTr("Signing out discards them and removes everything Natter saved on this computer for you.")
        }
        footer: RowLayout {
            spacing: Theme.spacing

            Item {
                Layout.fillWidth: true
                Layout.margins: 20
            }
            SecondaryButton {
                Layout.bottomMargin: 20
                text: qsTr("Discard and sign out")
                onClicked: {
                    confirmSignOut.close();
                    root.close();
                    Session.signOut();
                }
            }
            SecondaryButton {
                Layout.rightMargin: 20
                Layout.bottomMargin: 20
                text: qsTr("Cancel")
                onClicked: confirmSignOut.close()
            }
        }
    }
}
