// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// Find someone by name or username, then message them or look at their profile.
AppDialog {
    id: root

    signal profileRequested(string username)

    title: qsTr("New message")
    modal: true
    width: Math.min(440, parent ? parent.width - 40 : 440)
    height: Math.min(480, parent ? parent.height - 80 : 480)
    x: parent ? (parent.width - width) / 2 : 0
    y: 40
    standardButtons: QQC2.Dialog.Close
    closePolicy: QQC2.Popup.CloseOnEscape

    onOpened: {
        field.text = "";
        Session.people.search("");
        field.forceActiveFocus();
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        QQC2.TextField {
            id: field

            objectName: "userSearchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search people by name or username")
            onTextChanged: Session.people.search(field.text)
            // Enter opens the first match's profile.
            onAccepted: {
                const first = list.itemAtIndex(0);
                if (first)
                    root.profileRequested(first.username);
            }
        }
        ListView {
            id: list

            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Session.people.results
            delegate: QQC2.ItemDelegate {
                id: result

                required property string username
                required property string displayName

                width: ListView.view.width
                onClicked: root.profileRequested(result.username)
                contentItem: RowLayout {
                    spacing: 10
                    Avatar {
                        name: result.displayName
                        size: 32
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 0
                        QQC2.Label {
                            Layout.fillWidth: true
                            text: result.displayName
                            font.bold: true
                            elide: Text.ElideRight
                        }
                        QQC2.Label {
                            Layout.fillWidth: true
                            text: "@" + result.username
                            color: Theme.mutedText
                            font.pixelSize: 12
                        }
                    }
                    SecondaryButton {
                        text: qsTr("Message")
                        onClicked: Session.conversations.startDirectMessage(result.username)
                    }
                }
            }
            QQC2.Label {
                anchors.centerIn: parent
                visible: list.count === 0 && field.text.length > 0 && !Session.people.searching
                text: qsTr("Nobody found.")
                color: Theme.mutedText
            }
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.conversations.errorText
        }
    }

    Connections {
        target: Session.conversations
        function onDirectMessageStarted() { root.close(); }
    }
}
