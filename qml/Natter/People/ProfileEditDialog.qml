// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Dialogs
import QtQuick.Layouts
import Natter.Core
import Natter.Components

AppDialog {
    id: root

    title: qsTr("Edit profile")
    modal: true
    width: Math.min(420, parent ? parent.width - 40 : 420)
    x: parent ? (parent.width - width) / 2 : 0
    y: 60
    closePolicy: QQC2.Popup.CloseOnEscape

    onOpened: {
        nameField.text = Session.displayName;
        Session.clearError();
        Session.account.clearError();
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        // The picture is saved as soon as it is chosen (its own request), as in the web app.
        RowLayout {
            Layout.fillWidth: true
            spacing: 12
            Avatar {
                objectName: "profileEditAvatar"
                name: Session.displayName
                key: Session.userId
                source: Session.avatarUrl
                size: 64
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 4
                RowLayout {
                    spacing: Theme.spacing
                    SecondaryButton {
                        objectName: "choosePictureButton"
                        text: Session.account.busy ? qsTr("Saving…") : qsTr("Choose picture…")
                        enabled: !Session.account.busy
                        onClicked: picturePicker.open()
                    }
                    SecondaryButton {
                        objectName: "removePictureButton"
                        visible: Session.avatarUrl.length > 0
                        enabled: !Session.account.busy
                        flat: true
                        text: qsTr("Remove picture")
                        onClicked: Session.account.removeAvatar()
                    }
                }
                QQC2.Label {
                    Layout.fillWidth: true
                    text: qsTr("JPEG, PNG, WebP or GIF, up to 10 MB. The middle square is used.")
                    color: Theme.mutedText
                    font.pixelSize: 12
                    wrapMode: Text.Wrap
                }
            }
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.account.errorText
        }
        QQC2.Label { text: qsTr("Display name") }
        QQC2.TextField {
            id: nameField

            Layout.fillWidth: true
            maximumLength: 64
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.errorText
        }
        DialogActions {
            primaryText: qsTr("Save")
            primaryEnabled: !Session.busy
            onPrimaryClicked: Session.updateProfile(nameField.text)
            onCancelClicked: root.reject()
        }
    }

    FileDialog {
        id: picturePicker

        title: qsTr("Choose a picture")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.webp *.gif)")]
        onAccepted: Session.account.uploadAvatar(picturePicker.selectedFile)
    }

    Connections {
        target: Session
        function onProfileSaved() { root.close(); }
    }
}
