// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Components

// Asks before deleting a message for everyone, as the web app does.
AppDialog {
    id: root

    property string messageId: ""

    signal confirmed(string messageId)

    function ask(id) {
        root.messageId = id;
        root.open();
    }

    objectName: "deleteMessageDialog"
    title: qsTr("Delete this message?")
    modal: true
    width: Math.min(420, parent ? parent.width - 40 : 420)
    x: parent ? (parent.width - width) / 2 : 0
    y: 80
    closePolicy: QQC2.Popup.CloseOnEscape

    ColumnLayout {
        anchors.fill: parent
        spacing: 12
        QQC2.Label {
            Layout.fillWidth: true
            text: qsTr("It is deleted for everyone in the conversation; “Message deleted” stays in its place.")
            wrapMode: Text.Wrap
            color: Theme.mutedText
        }
        DialogActions {
            primaryText: qsTr("Delete")
            onCancelClicked: root.close()
            onPrimaryClicked: {
                root.confirmed(root.messageId);
                root.close();
            }
        }
    }
}
