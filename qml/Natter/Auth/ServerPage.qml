// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// First run: which Natter server to use. Remembered afterwards.
QQC2.Page {
    id: root

    function takeFocus() {
        urlField.forceActiveFocus();
    }

    background: Rectangle { color: Theme.window }

    AuthCard {
        title: qsTr("Welcome")

        QQC2.Label {
            Layout.fillWidth: true
            text: qsTr("Which server do you chat on? Ask whoever runs it for the address.")
            wrapMode: Text.Wrap
            color: Theme.mutedText
        }
        QQC2.TextField {
            id: urlField

            objectName: "serverUrlField"
            Layout.fillWidth: true
            placeholderText: "https://chat.example.org"
            text: Session.serverUrl
            focus: true
            inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoAutoUppercase
            onAccepted: Session.setServer(urlField.text)
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.errorText
        }
        RowLayout {
            Layout.fillWidth: true
            Item { Layout.fillWidth: true }
            QQC2.BusyIndicator {
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
                visible: Session.busy
                running: visible
            }
            PrimaryButton {
                text: qsTr("Continue")
                enabled: urlField.text.trim().length > 0 && !Session.busy
                onClicked: Session.setServer(urlField.text)
            }
        }
    }
}
