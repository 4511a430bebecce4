// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Components

// One message: a day separator above the first of each day, the sender's name above the
// first of a run, the bubble, the time and (for mine) the receipt ticks, or "not sent" with
// retry and discard.
Item {
    id: root

    // Same order as MessageListModel::Status in C++.
    enum Status { Sending, Sent, Delivered, Read, Failed }

    required property string bodyText
    required property string senderName
    required property bool isMine
    required property int status
    required property string timeText
    required property bool showDaySeparator
    required property string dayLabel
    required property bool showSender
    required property var localId
    required property string errorText
    property int availableWidth: ListView.view ? ListView.view.width : 600
    //! Names above messages only where there is more than one other person.
    property bool groupChat: true

    //! The receipt icon: a clock while sending, one tick when stored, two when delivered
    //! (blue once read). Icons, not emoji, which render as boxes without an emoji font.
    readonly property string ticks: {
        switch (root.status) {
        case MessageDelegate.Status.Sending:
            return "clock";
        case MessageDelegate.Status.Sent:
            return "check";
        case MessageDelegate.Status.Delivered:
        case MessageDelegate.Status.Read:
            return "checks";
        default:
            return "";
        }
    }
    readonly property bool failed: root.status === MessageDelegate.Status.Failed

    signal retryRequested(var localId)
    signal discardRequested(var localId)

    width: root.availableWidth
    implicitHeight: column.implicitHeight + 4

    ColumnLayout {
        id: column

        width: parent.width
        spacing: 2

        RowLayout {
            objectName: "daySeparator"
            Layout.fillWidth: true
            Layout.topMargin: 10
            Layout.bottomMargin: 6
            visible: root.showDaySeparator
            Rectangle { Layout.fillWidth: true; implicitHeight: 1; color: Theme.divider }
            QQC2.Label {
                text: root.dayLabel
                color: Theme.mutedText
                font.pixelSize: 12
                font.bold: true
            }
            Rectangle { Layout.fillWidth: true; implicitHeight: 1; color: Theme.divider }
        }

        QQC2.Label {
            objectName: "senderLabel"
            Layout.leftMargin: 14
            Layout.topMargin: 4
            visible: root.showSender && !root.isMine && root.groupChat
            text: root.senderName
            font.bold: true
            font.pixelSize: 12
            color: Theme.accent
        }

        Rectangle {
            id: bubble

            Layout.alignment: root.isMine ? Qt.AlignRight : Qt.AlignLeft
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            Layout.maximumWidth: root.availableWidth * 0.72
            implicitWidth: Math.max(body.implicitWidth, meta.implicitWidth) + 20
            implicitHeight: body.implicitHeight + meta.implicitHeight + 14
            radius: Theme.radius
            color: root.isMine ? Theme.bubbleMine : Theme.bubbleTheirs
            border.color: root.failed ? Theme.danger : "transparent"
            opacity: root.status === MessageDelegate.Status.Sending ? 0.8 : 1

            QQC2.Label {
                id: body

                objectName: "bodyLabel"
                x: 10
                y: 6
                width: Math.min(implicitWidth, bubble.Layout.maximumWidth - 20)
                text: root.bodyText
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: root.isMine ? Theme.bubbleMineText : Theme.bubbleTheirsText
            }
            RowLayout {
                id: meta

                anchors.right: parent.right
                anchors.rightMargin: 8
                anchors.bottom: parent.bottom
                anchors.bottomMargin: 3
                spacing: 4
                QQC2.Label {
                    text: root.timeText
                    font.pixelSize: 10
                    color: root.isMine ? Theme.bubbleMineMuted : Theme.mutedText
                }
                Icon {
                    objectName: "ticks"
                    visible: root.isMine && !root.failed
                    icon: root.ticks
                    size: 14
                    color: root.status === MessageDelegate.Status.Read ? Theme.readOnMine : Theme.bubbleMineMuted
                }
            }
        }

        RowLayout {
            objectName: "failedRow"
            Layout.alignment: Qt.AlignRight
            Layout.rightMargin: 10
            visible: root.failed
            spacing: 6
            QQC2.Label {
                text: root.errorText.length > 0 ? qsTr("Not sent: %1").arg(root.errorText) : qsTr("Not sent")
                color: Theme.danger
                font.pixelSize: 12
            }
            QQC2.Button {
                objectName: "retryButton"
                text: qsTr("Retry")
                flat: true
                onClicked: root.retryRequested(root.localId)
            }
            QQC2.Button {
                objectName: "discardButton"
                text: qsTr("Discard")
                flat: true
                onClicked: root.discardRequested(root.localId)
            }
        }
    }
}
