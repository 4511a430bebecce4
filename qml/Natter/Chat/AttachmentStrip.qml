// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// The images waiting to go with the next message, above the composer: each with its upload
// progress or what went wrong, and a button that removes it (cancelling its upload).
Rectangle {
    id: root

    readonly property bool shown: Session.attachments.count > 0 || Session.attachments.errorText.length > 0

    implicitHeight: root.shown ? column.implicitHeight + 12 : 0
    visible: root.shown
    color: Theme.window

    ColumnLayout {
        id: column

        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 6
        spacing: 4

        ListView {
            objectName: "attachmentStrip"
            Layout.fillWidth: true
            implicitHeight: 92
            visible: Session.attachments.count > 0
            orientation: ListView.Horizontal
            spacing: 8
            clip: true
            model: Session.attachments

            delegate: Rectangle {
                id: tile

                required property string key
                required property string name
                required property url preview
                required property real progress
                required property int uploadState
                required property string errorText

                readonly property bool failed: tile.uploadState === AttachmentDraft.Failed

                objectName: "attachmentTile"
                width: 92
                height: 92
                radius: Theme.radiusSmall
                color: Theme.surface2
                border.width: tile.failed ? 2 : 1
                border.color: tile.failed ? Theme.danger : Theme.divider
                clip: true

                Image {
                    anchors.fill: parent
                    anchors.margins: 1
                    source: tile.preview
                    sourceSize.width: 184
                    sourceSize.height: 184
                    fillMode: Image.PreserveAspectCrop
                    opacity: tile.uploadState === AttachmentDraft.Uploading ? 0.6 : 1
                }
                // Upload progress along the bottom edge.
                Rectangle {
                    anchors.left: parent.left
                    anchors.bottom: parent.bottom
                    height: 4
                    width: parent.width * tile.progress
                    visible: tile.uploadState === AttachmentDraft.Uploading
                    color: Theme.accent
                }
                Rectangle {
                    anchors.fill: parent
                    visible: tile.failed
                    color: Qt.rgba(0, 0, 0, 0.55)
                    radius: Theme.radiusSmall
                    Text {
                        anchors.fill: parent
                        anchors.margins: 6
                        text: tile.errorText
                        color: "#ffffff"
                        font.pixelSize: 10
                        wrapMode: Text.Wrap
                        verticalAlignment: Text.AlignVCenter
                        horizontalAlignment: Text.AlignHCenter
                    }
                }
                QQC2.RoundButton {
                    objectName: "attachmentRemove"
                    anchors.top: parent.top
                    anchors.right: parent.right
                    anchors.margins: 3
                    width: 24
                    height: 24
                    padding: 4
                    icon.source: "qrc:/Natter/Components/icons/close.svg"
                    icon.width: 14
                    icon.height: 14
                    icon.color: "#ffffff"
                    Accessible.name: tile.uploadState === AttachmentDraft.Uploading ? qsTr("Cancel upload of %1").arg(tile.name)
                                                                              : qsTr("Remove %1").arg(tile.name)
                    background: Rectangle {
                        radius: 12
                        color: Qt.rgba(0, 0, 0, 0.6)
                    }
                    onClicked: Session.attachments.remove(tile.key)
                }
                QQC2.ToolTip.visible: tileHover.hovered
                QQC2.ToolTip.text: tile.failed ? tile.name + ": " + tile.errorText : tile.name
                HoverHandler {
                    id: tileHover
                }
            }
        }
        InlineError {
            objectName: "attachmentError"
            Layout.fillWidth: true
            text: Session.attachments.errorText
        }
    }
}
