// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
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
        avatarField.text = Session.avatarUrl;
        Session.clearError();
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        QQC2.Label { text: qsTr("Display name") }
        QQC2.TextField {
            id: nameField

            Layout.fillWidth: true
            maximumLength: 64
        }
        QQC2.Label { text: qsTr("Avatar URL (https, optional)") }
        QQC2.TextField {
            id: avatarField

            Layout.fillWidth: true
            placeholderText: "https://…"
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.errorText
        }
        DialogActions {
            primaryText: qsTr("Save")
            primaryEnabled: !Session.busy
            onPrimaryClicked: Session.updateProfile(nameField.text, avatarField.text)
            onCancelClicked: root.reject()
        }
    }

    Connections {
        target: Session
        function onProfileSaved() { root.close(); }
    }
}
