// SPDX-License-Identifier: Apache-2.0
import QtQuick
import Natter.Components

// The images of one message, each in a box of the size the server told (width and height
// arrive with the message), so the timeline does not jump when the pixels come in. The
// thumbnail is shown; a click asks for the full size.
Flow {
    id: root

    // [{source, thumbnail, width, height, name}] from MessageListModel's attachments role.
    property var attachments: []
    property real maximumWidth: 320
    // The contract's thumbnail side; a single image may use it all, several share a row.
    readonly property real side: Math.min(root.attachments.length > 1 ? 200 : 320, root.maximumWidth)

    signal opened(string source, int imageWidth, int imageHeight, string name)

    width: Math.min(root.maximumWidth, root.childrenRect.width)
    spacing: 4

    Repeater {
        model: root.attachments

        delegate: Rectangle {
            id: tile

            required property var modelData
            readonly property real scale: Math.min(1, root.side / Math.max(1, tile.modelData.width, tile.modelData.height))

            objectName: "messageImage"
            width: Math.max(24, Math.round(tile.modelData.width * tile.scale))
            height: Math.max(24, Math.round(tile.modelData.height * tile.scale))
            radius: Theme.radiusSmall
            color: Theme.surface2
            clip: true

            Image {
                id: picture

                objectName: "messageImagePicture"
                anchors.fill: parent
                source: tile.modelData.thumbnail
                sourceSize.width: tile.width
                sourceSize.height: tile.height
                fillMode: Image.PreserveAspectCrop
                asynchronous: true
                cache: true
            }
            Text {
                anchors.centerIn: parent
                visible: picture.status === Image.Error
                text: qsTr("Image unavailable")
                color: Theme.mutedText
                font.pixelSize: 11
            }
            MouseArea {
                anchors.fill: parent
                cursorShape: Qt.PointingHandCursor
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Open %1").arg(tile.modelData.name)
                onClicked: root.opened(tile.modelData.source, tile.modelData.width, tile.modelData.height, tile.modelData.name)
            }
        }
    }
}
