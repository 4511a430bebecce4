// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// After the first sign-in: the user picks the name others find them by.
QQC2.Page {
    id: root

    // The server's suggestion (from the provider's login) is filled in and selected: Enter
    // takes it, typing replaces it.
    function takeFocus() {
        if (nameField.text.length === 0)
            nameField.text = Session.suggestedUsername;
        nameField.forceActiveFocus();
        nameField.selectAll();
    }

    background: Rectangle { color: Theme.window }

    Connections {
        target: Session
        function onSuggestedUsernameChanged() {
            if (nameField.text.length === 0 && Session.state === Session.NeedsUsername) {
                nameField.text = Session.suggestedUsername;
                nameField.selectAll();
            }
        }
    }

    AuthCard {
        title: qsTr("Choose your username")

        QQC2.Label {
            Layout.fillWidth: true
            text: qsTr("Hi %1! People find you by your username. It has 3 to 32 characters: lower-case letters, digits and _.").arg(Session.displayName)
            wrapMode: Text.Wrap
            color: Theme.mutedText
        }
        QQC2.TextField {
            id: nameField

            objectName: "usernameField"
            Layout.fillWidth: true
            placeholderText: "alice_smith"
            validator: RegularExpressionValidator { regularExpression: /[A-Za-z0-9_]{0,32}/ }
            onAccepted: Session.claimUsername(nameField.text)
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.errorText
        }
        RowLayout {
            Layout.fillWidth: true
            SecondaryButton {
                text: qsTr("Sign out")
                flat: true
                onClicked: Session.signOut()
            }
            Item { Layout.fillWidth: true }
            PrimaryButton {
                text: qsTr("Continue")
                enabled: nameField.text.length >= 3 && !Session.busy
                onClicked: Session.claimUsername(nameField.text)
            }
        }
    }
}
