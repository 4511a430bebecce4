// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Components

// Above the composer while it replies to a message (the quote) or edits one ("Editing"), with
// the way back: the close button or Esc.
Rectangle {
    id: root

    property bool editing: false
    property string sender: ""
    property string text: ""

    signal cancelled()

    implicitHeight: 48
    color: Theme.window

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 8
        spacing: 10

        Icon {
            icon: root.editing ? "edit" : "reply"
            color: Theme.accent
        }
        Rectangle {
            Layout.fillHeight: true
            Layout.topMargin: 8
            Layout.bottomMargin: 8
            implicitWidth: 3
            radius: 1.5
            color: Theme.accent
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 0
            QQC2.Label {
                objectName: "composerBannerTitle"
                Layout.fillWidth: true
                text: root.editing ? qsTr("Editing your message") : qsTr("Replying to %1").arg(root.sender)
                font.bold: true
                font.pixelSize: 12
                color: Theme.accent
                elide: Text.ElideRight
            }
            QQC2.Label {
                Layout.fillWidth: true
                text: root.editing ? qsTr("Enter saves, Esc cancels") : root.text
                textFormat: Text.PlainText
                font.pixelSize: 12
                color: Theme.mutedText
                elide: Text.ElideRight
            }
        }
        IconButton {
            objectName: "composerBannerCancel"
            text: root.editing ? qsTr("Cancel editing") : qsTr("Cancel reply")
            display: QQC2.AbstractButton.IconOnly
            icon.source: "qrc:/Natter/Components/icons/close.svg"
            onClicked: root.cancelled()
        }
    }
}
