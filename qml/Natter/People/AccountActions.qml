// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Dialogs
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// The account's own actions (#14): download my data, delete my account (the username typed
// to confirm, then signed out).
ColumnLayout {
    id: root

    signal closeRequested()

    spacing: 6

    RowLayout {
        Layout.fillWidth: true
        SecondaryButton {
            objectName: "exportDataButton"
            text: qsTr("Export my data…")
            enabled: !Session.account.busy
            onClicked: exportPicker.open()
        }
        Item { Layout.fillWidth: true }
        SecondaryButton {
            objectName: "deleteAccountButton"
            text: qsTr("Delete account…")
            destructive: true
            onClicked: confirmDelete.open()
        }
    }
    InlineError {
        Layout.fillWidth: true
        text: confirmDelete.visible ? "" : Session.account.errorText
    }

    FileDialog {
        id: exportPicker

        title: qsTr("Save your data")
        fileMode: FileDialog.SaveFile
        defaultSuffix: "json"
        currentFile: "file:///" + Session.account.exportFileName(Session.username)
        nameFilters: [qsTr("JSON (*.json)")]
        onAccepted: Session.account.exportTo(exportPicker.selectedFile)
    }

    AppDialog {
        id: confirmDelete

        objectName: "deleteAccountDialog"
        parent: QQC2.Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(420, parent ? parent.width - 40 : 420)
        modal: true
        title: qsTr("Delete your account?")
        closePolicy: QQC2.Popup.CloseOnEscape
        onOpened: {
            confirmField.text = "";
            Session.account.clearError();
            confirmField.forceActiveFocus();
        }

        ColumnLayout {
            anchors.fill: parent
            spacing: 8
            QQC2.Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Your profile is erased and you leave every group. Your messages stay, shown as from “Deleted account”. Your username is held for 30 days. This cannot be undone.")
            }
            QQC2.Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("Type your username, %1, to confirm.").arg(Session.username)
            }
            QQC2.TextField {
                id: confirmField

                objectName: "deleteConfirmField"
                Layout.fillWidth: true
                placeholderText: Session.username
            }
            InlineError {
                Layout.fillWidth: true
                text: Session.account.errorText
            }
            DialogActions {
                primaryText: Session.account.busy ? qsTr("Deleting…") : qsTr("Delete account")
                primaryEnabled: !Session.account.busy && confirmField.text.trim().toLowerCase() === Session.username.toLowerCase()
                onPrimaryClicked: Session.account.deleteAccount(confirmField.text)
                onCancelClicked: confirmDelete.close()
            }
        }
    }

    Connections {
        target: Session.account
        function onAccountDeleted() {
            confirmDelete.close();
            root.closeRequested();
        }
    }
}
