// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// A new group: a title and the people in it, picked through user search.
AppDialog {
    id: root

    property var chosen: []

    title: qsTr("New group")
    modal: true
    width: Math.min(440, parent ? parent.width - 40 : 440)
    x: parent ? (parent.width - width) / 2 : 0
    y: 60
    closePolicy: QQC2.Popup.CloseOnEscape

    onOpened: {
        root.chosen = [];
        titleField.text = "";
        searchField.text = "";
        Session.people.search(""); // results of an earlier search (here or in People) go
        titleField.forceActiveFocus();
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        QQC2.TextField {
            id: titleField

            objectName: "groupTitleField"
            Layout.fillWidth: true
            placeholderText: qsTr("Group name")
            maximumLength: 100
        }
        QQC2.TextField {
            id: searchField

            objectName: "groupSearchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Add people by name or username")
            onTextChanged: Session.people.search(searchField.text)
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            Repeater {
                model: root.chosen
                delegate: SecondaryButton {
                    id: chip

                    required property string modelData

                    text: "@" + chip.modelData
                    icon.source: "qrc:/Natter/Components/icons/close.svg"
                    icon.color: Theme.mutedText
                    LayoutMirroring.enabled: true
                    flat: true
                    onClicked: root.chosen = root.chosen.filter(name => name !== chip.modelData)
                }
            }
        }
        ListView {
            Layout.fillWidth: true
            Layout.preferredHeight: 200
            clip: true
            model: Session.people.results
            delegate: QQC2.ItemDelegate {
                id: result

                required property string username
                required property string displayName

                width: ListView.view.width
                text: result.displayName + "  @" + result.username
                enabled: !root.chosen.includes(result.username)
                onClicked: root.chosen = root.chosen.concat([result.username])
            }
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.conversations.errorText
        }
        DialogActions {
            primaryText: qsTr("Create group")
            primaryEnabled: titleField.text.trim().length > 0 && root.chosen.length > 0
            onPrimaryClicked: Session.conversations.createGroup(titleField.text, root.chosen)
            onCancelClicked: root.reject()
        }
    }

    Connections {
        target: Session.conversations
        function onGroupCreated() { root.close(); }
    }
}
