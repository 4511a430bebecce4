// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// Sign-in: one button per provider the server offers (the browser does the rest), and the
// development login for local servers.
QQC2.Page {
    id: root

    readonly property bool waitingForBrowser: Session.state === Session.SigningIn

    // The name typed for the development login is not kept for the next visit of this page.
    function takeFocus() {
        devName.clear();
        if (Session.devLoginAvailable)
            devName.forceActiveFocus();
        else
            root.forceActiveFocus();
    }

    background: Rectangle { color: Theme.window }

    Connections {
        target: Session
        // Signed in: the name typed here is done with, and must not reappear on sign-out.
        function onStateChanged() {
            if (Session.state !== Session.SignedOut && Session.state !== Session.SigningIn)
                devName.clear();
        }
        function onProvidersChanged() {
            if (Session.state === Session.SignedOut && Session.devLoginAvailable && !devName.activeFocus)
                devName.forceActiveFocus();
        }
    }

    AuthCard {
        title: qsTr("Sign in")

        RowLayout {
            Layout.fillWidth: true
            QQC2.Label {
                Layout.fillWidth: true
                text: Session.serverUrl
                color: Theme.mutedText
                elide: Text.ElideMiddle
            }
            SecondaryButton {
                text: qsTr("Change server")
                flat: true
                onClicked: Session.changeServer()
            }
        }

        QQC2.Label {
            Layout.fillWidth: true
            visible: root.waitingForBrowser
            text: qsTr("Continue in your web browser. Natter is waiting for it to come back…")
            wrapMode: Text.Wrap
        }
        QQC2.BusyIndicator {
            Layout.alignment: Qt.AlignHCenter
            visible: root.waitingForBrowser || Session.busy
            running: visible
        }
        SecondaryButton {
            visible: root.waitingForBrowser
            text: qsTr("Cancel")
            onClicked: Session.cancelSignIn()
        }

        Repeater {
            model: root.waitingForBrowser ? [] : Session.providers

            delegate: PrimaryButton {
                id: providerButton

                required property var modelData

                Layout.fillWidth: true
                text: qsTr("Sign in with %1").arg(providerButton.modelData.name)
                enabled: !Session.busy
                onClicked: Session.signInWith(providerButton.modelData.id)
            }
        }

        QQC2.Label {
            Layout.fillWidth: true
            Layout.topMargin: 8
            visible: !root.waitingForBrowser && Session.devLoginAvailable
            text: qsTr("Development login (this server allows it for local use)")
            color: Theme.mutedText
        }
        RowLayout {
            Layout.fillWidth: true
            visible: !root.waitingForBrowser && Session.devLoginAvailable

            QQC2.TextField {
                id: devName

                objectName: "devNameField"
                Layout.fillWidth: true
                placeholderText: qsTr("Name, e.g. alice")
                onAccepted: Session.devSignIn(devName.text)
            }
            SecondaryButton {
                text: qsTr("Sign in")
                enabled: devName.text.trim().length > 0 && !Session.busy
                onClicked: Session.devSignIn(devName.text)
            }
        }

        // Unreachable is not "no way to sign in": say what failed and when the next try is.
        ColumnLayout {
            Layout.fillWidth: true
            visible: Session.serverProblem.length > 0
            spacing: 4

            QQC2.Label {
                objectName: "serverProblemText"
                Layout.fillWidth: true
                text: Session.serverProblem
                wrapMode: Text.Wrap
                color: Theme.danger
            }
            RowLayout {
                Layout.fillWidth: true
                QQC2.Label {
                    Layout.fillWidth: true
                    text: Session.retryInSeconds > 0
                          ? qsTr("Trying again in %1 s.").arg(Session.retryInSeconds)
                          : qsTr("Trying again…")
                    color: Theme.mutedText
                }
                SecondaryButton {
                    text: qsTr("Retry now")
                    onClicked: Session.retryNow()
                }
            }
        }
        QQC2.Label {
            Layout.fillWidth: true
            visible: !root.waitingForBrowser && Session.providersKnown
                     && Session.providers.length === 0 && !Session.devLoginAvailable
            text: qsTr("This server offers no way to sign in yet. Ask its administrator.")
            wrapMode: Text.Wrap
            color: Theme.mutedText
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.errorText
        }
        QQC2.Label {
            Layout.fillWidth: true
            visible: !Session.keychainAvailable
            text: Session.keychainMessage
            wrapMode: Text.Wrap
            color: Theme.mutedText
            font.pixelSize: 12
        }
    }
}
