// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

AppDialog {
    id: root

    property string username: ""
    // Set when a message is reported (its menu's "Report…"), empty for a person (#18).
    property string messageId: ""

    function show(name, messageId) {
        root.username = name;
        root.messageId = messageId || "";
        reason.text = "";
        Session.people.clearError();
        root.open();
    }

    title: root.messageId ? qsTr("Report a message from @%1").arg(root.username)
                          : qsTr("Report @%1").arg(root.username)
    modal: true
    width: Math.min(420, parent ? parent.width - 40 : 420)
    x: parent ? (parent.width - width) / 2 : 0
    y: 60
    closePolicy: QQC2.Popup.CloseOnEscape

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        QQC2.Label {
            Layout.fillWidth: true
            text: qsTr("Tell the moderators what happened. They see your username and this text.")
            wrapMode: Text.Wrap
            color: Theme.mutedText
        }
        QQC2.TextArea {
            id: reason

            Layout.fillWidth: true
            Layout.preferredHeight: 120
            placeholderText: qsTr("Reason")
            wrapMode: TextEdit.Wrap
        }
        InlineError {
            Layout.fillWidth: true
            text: Session.people.errorText
        }
        DialogActions {
            primaryText: qsTr("Send report")
            onPrimaryClicked: Session.people.report(root.username, reason.text, root.messageId)
            onCancelClicked: root.reject()
        }
    }

    Connections {
        target: Session.people
        function onReported() { root.close(); }
    }
}
