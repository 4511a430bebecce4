// SPDX-License-Identifier: Apache-2.0
import QtQuick
import Natter.Components

// The quoted message at the top of a reply's bubble: who wrote it and the start of its text
// ("Message deleted" once it is). A click shows the original in the history.
Rectangle {
    id: root

    //! MessageListModel's replyTo: {id, seq, senderName, text, deleted}.
    required property var quote
    //! On my violet bubble the quote is drawn in white tints.
    property bool onMine: false
    property real maximumWidth: 300

    signal activated(var seq)

    // From the text's natural width, not the laid-out lines: those follow the bubble's width,
    // which follows this.
    implicitWidth: Math.min(root.maximumWidth, Math.max(senderMetrics.advanceWidth, textMetrics.advanceWidth) + 20)
    implicitHeight: lines.implicitHeight + 8
    radius: 6
    color: root.onMine ? Qt.rgba(1, 1, 1, 0.16) : Theme.surface2

    TextMetrics {
        id: senderMetrics

        font: senderLine.font
        text: senderLine.text
    }
    TextMetrics {
        id: textMetrics

        font: textLine.font
        text: textLine.text
    }
    Rectangle {
        width: 3
        height: root.height
        radius: 1.5
        color: root.onMine ? Theme.bubbleMineText : Theme.accent
    }
    Column {
        id: lines

        x: 10
        y: 4
        width: root.width - 16
        Text {
            id: senderLine

            width: lines.width
            text: root.quote.senderName
            textFormat: Text.PlainText
            elide: Text.ElideRight
            font.bold: true
            font.pixelSize: 12
            color: root.onMine ? Theme.bubbleMineText : Theme.accent
        }
        Text {
            id: textLine

            objectName: "replyQuoteText"
            width: lines.width
            text: root.quote.deleted ? qsTr("Message deleted") : root.quote.text
            textFormat: Text.PlainText
            // One line, elided: a wrapping line's natural width would follow the bubble's.
            elide: Text.ElideRight
            font.italic: root.quote.deleted
            font.pixelSize: 12
            color: root.onMine ? Theme.bubbleMineMuted : Theme.mutedText
        }
    }
    MouseArea {
        anchors.fill: parent
        cursorShape: Qt.PointingHandCursor
        onClicked: root.activated(root.quote.seq)
    }
}
