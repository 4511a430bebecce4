// SPDX-License-Identifier: Apache-2.0
import QtQuick

// A round initial in a colour picked from the name, so people are told apart at a glance.
Rectangle {
    id: root

    property string name: ""
    property int size: 36

    readonly property var colours: ["#e57373", "#f06292", "#ba68c8", "#7986cb", "#4fc3f7",
        "#4db6ac", "#81c784", "#ffb74d", "#a1887f", "#90a4ae"]

    function colourFor(text) {
        let hash = 0;
        for (let i = 0; i < text.length; ++i)
            hash = (hash * 31 + text.charCodeAt(i)) % 1000003;
        return root.colours[hash % root.colours.length];
    }

    implicitWidth: root.size
    implicitHeight: root.size
    radius: root.size / 2
    color: root.colourFor(root.name)

    Text {
        anchors.centerIn: parent
        text: root.name.replace(/^@/, "").charAt(0).toUpperCase()
        color: "white"
        font.pixelSize: root.size * 0.45
        font.bold: true
    }
}
