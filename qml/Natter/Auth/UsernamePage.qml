// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// After the first sign-in: the user picks the name others find them by.
QQC2.Page {
    id: root

    background: Rectangle { color: Theme.window }

    ColumnLayout {
        anchors.centerIn: parent
        width: Math.min(420, root.width - 48)
        spacing: 12

        QQC2.Label {
            text: qsTr("Choose your username")
            font.pixelSize: 24
            font.bold: true
        }
        QQC2.Label {
            Layout.fillWidth: true
            text: qsTr("Hi %1! People find you by your username. It has 3 to 32 characters: lower-case letters, digits and _.").arg(Session.displayName)
            wrapMode: Text.Wrap
            color: Theme.mutedText
        }
        QQC2.TextField {
            id: nameField

            Layout.fillWidth: true
            placeholderText: "alice_smith"
            focus: true
            validator: RegularExpressionValidator { regularExpression: /[A-Za-z0-9_]{0,32}/ }
            onAccepted: Session.claimUsername(nameField.text)
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.errorText
        }
        RowLayout {
            Layout.fillWidth: true
            QQC2.Button {
                text: qsTr("Sign out")
                flat: true
                onClicked: Session.signOut()
            }
            Item { Layout.fillWidth: true }
            QQC2.Button {
                text: qsTr("Continue")
                highlighted: true
                enabled: nameField.text.length >= 3 && !Session.busy
                onClicked: Session.claimUsername(nameField.text)
            }
        }
    }
}
