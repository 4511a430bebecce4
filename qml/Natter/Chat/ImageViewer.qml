// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Components

// An image at full size over the window, scaled down to fit; Esc, the close button or a
// click beside the image closes it.
QQC2.Popup {
    id: root

    property string source: ""
    property int imageWidth: 0
    property int imageHeight: 0
    property string name: ""

    function show(source, imageWidth, imageHeight, name) {
        root.source = source;
        root.imageWidth = imageWidth;
        root.imageHeight = imageHeight;
        root.name = name;
        root.open();
    }

    parent: QQC2.Overlay.overlay
    x: 0
    y: 0
    width: parent ? parent.width : 800
    height: parent ? parent.height : 600
    modal: true
    focus: true
    padding: 0
    closePolicy: QQC2.Popup.CloseOnEscape
    background: Rectangle {
        color: Qt.rgba(0, 0, 0, 0.86)
    }
    onClosed: root.source = ""

    MouseArea {
        anchors.fill: parent
        onClicked: root.close()
    }

    // The box is known before the pixels: the thumbnail fills it at once, the full image
    // replaces it when decoded.
    Item {
        id: box

        readonly property real scale: Math.min(1, (root.width - 80) / Math.max(1, root.imageWidth),
                                               (root.height - 100) / Math.max(1, root.imageHeight))

        anchors.centerIn: parent
        width: Math.round(root.imageWidth * box.scale)
        height: Math.round(root.imageHeight * box.scale)

        Image {
            objectName: "viewerImage"
            anchors.fill: parent
            source: root.source
            sourceSize.width: Math.round(box.width * Screen.devicePixelRatio)
            sourceSize.height: Math.round(box.height * Screen.devicePixelRatio)
            fillMode: Image.PreserveAspectFit
            asynchronous: true

            QQC2.BusyIndicator {
                anchors.centerIn: parent
                running: parent.status === Image.Loading
            }
        }
        MouseArea {
            // A click on the image itself keeps it open.
            anchors.fill: parent
        }
    }

    QQC2.Label {
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: 16
        text: root.name
        color: "#e8eaf2"
        elide: Text.ElideMiddle
        width: Math.min(implicitWidth, root.width - 120)
    }

    IconButton {
        objectName: "viewerClose"
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: 12
        icon.source: "qrc:/Natter/Components/icons/close.svg"
        icon.color: "#ffffff"
        Accessible.name: qsTr("Close")
        onClicked: root.close()
    }
}
