// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Layouts
import Natter.Components

// The branded frame of the server, sign-in and username pages: the logo and a card, as the
// web app's login page has them.
Item {
    id: root

    default property alias content: column.data
    property string title: ""

    anchors.fill: parent

    Rectangle {
        id: card

        anchors.centerIn: parent
        width: Math.min(440, root.width - 32)
        height: column.implicitHeight + 56
        radius: 16
        color: Theme.base
        border.color: Theme.divider

        ColumnLayout {
            id: column

            anchors.fill: parent
            anchors.margins: 28
            spacing: 12

            RowLayout {
                spacing: 12
                Image {
                    source: "qrc:/Natter/Components/logo.svg"
                    sourceSize.width: 44
                    sourceSize.height: 44
                    Layout.preferredWidth: 44
                    Layout.preferredHeight: 44
                }
                Text {
                    text: "Natter"
                    color: Theme.text
                    font.pixelSize: 24
                    font.bold: true
                }
            }
            Text {
                Layout.fillWidth: true
                Layout.topMargin: 4
                visible: root.title.length > 0
                text: root.title
                color: Theme.text
                font.pixelSize: 20
                font.weight: Font.DemiBold
                wrapMode: Text.Wrap
            }
        }
    }
}
