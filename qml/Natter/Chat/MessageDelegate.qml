// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Components

// One message: a day separator above the first of each day, the sender's name above the
// first of a run, the bubble, the time and (for mine) the receipt ticks, or "not sent" with
// retry and discard.
Item {
    id: root

    // Same order as MessageListModel::Status in C++.
    enum Status { Sending, Sent, Delivered, Read, Failed }

    required property string bodyText
    // bodyText with the shared formatting, every character of the message escaped (C++ side).
    required property string formattedText
    // Text.StyledText has no fixed-pitch font; the few rows with code pay for RichText.
    required property bool formattedTextHasCode
    required property string senderName
    // Who wrote it (a user id): reporting a message names its sender.
    required property string senderId
    required property bool isMine
    required property int status
    required property string timeText
    required property bool showDaySeparator
    required property string dayLabel
    required property bool showSender
    required property var localId
    required property string errorText
    // Conversation features (#12).
    required property string messageId
    required property var seq
    //! {id, seq, senderName, text, deleted} of the message this one answers, or empty.
    required property var replyTo
    required property bool edited
    required property bool deleted
    //! [{emoji, count, mine, who}]
    required property var reactions
    required property bool mentionsMe
    //! The first message that was unread when the conversation was opened.
    required property bool unreadMarker
    //! A group admin may delete anyone's message.
    property bool amAdmin: false
    //! Briefly outlined after a jump to it (search result, quoted reply).
    property bool flashing: false
    //! The message chosen with the keys while the list has focus.
    property bool selected: false
    // Images (#13): [{source, thumbnail, width, height, name}].
    required property var attachments
    //! A system line (#18): drawn by SystemLine instead of a bubble, with no actions.
    required property bool isSystem
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

    readonly property bool senderShown: root.showSender && !root.isMine && root.groupChat && !root.isSystem

    signal retryRequested(var localId)
    signal discardRequested(var localId)
    signal replyRequested(string messageId)
    signal editRequested(string messageId)
    signal deleteRequested(string messageId)
    signal reactionToggled(string messageId, string emoji)
    signal reactionPickerRequested(string messageId, Item anchor)
    signal quoteActivated(var seq)
    signal contextMenuRequested(string messageId)

    //! Stored (not pending) and not deleted: what the actions apply to.
    readonly property bool actionable: root.messageId.length > 0 && !root.deleted && !root.isSystem
    signal imageOpened(string source, int imageWidth, int imageHeight, string name)

    // Light on purpose (scrolling creates and recycles these by the dozen per frame): plain
    // Text and positioners instead of Controls and Layouts, and the rare parts (day
    // separator, the "not sent" row) only loaded when shown.
    width: root.availableWidth
    implicitHeight: column.height + 4

    HoverHandler {
        id: hover
    }
    Rectangle {
        anchors.fill: parent
        visible: root.selected
        color: Theme.selection
        opacity: 0.6
    }
    TapHandler {
        acceptedButtons: Qt.RightButton
        enabled: root.actionable
        onTapped: root.contextMenuRequested(root.messageId)
    }

    Column {
        id: column

        width: parent.width
        spacing: 2

        Loader {
            objectName: "daySeparator"
            width: parent.width
            active: root.showDaySeparator
            visible: active
            sourceComponent: Item {
                width: column.width
                height: dayText.height + 16
                Rectangle {
                    anchors.verticalCenter: dayText.verticalCenter
                    x: 10
                    width: Math.max(0, dayText.x - 18)
                    height: 1
                    color: Theme.divider
                }
                Text {
                    id: dayText

                    anchors.horizontalCenter: parent.horizontalCenter
                    y: 10
                    text: root.dayLabel
                    color: Theme.mutedText
                    font.pixelSize: 12
                    font.bold: true
                }
                Rectangle {
                    anchors.verticalCenter: dayText.verticalCenter
                    x: dayText.x + dayText.width + 8
                    width: Math.max(0, parent.width - x - 10)
                    height: 1
                    color: Theme.divider
                }
            }
        }

        Loader {
            objectName: "unreadSeparator"
            width: parent.width
            active: root.unreadMarker
            visible: active
            sourceComponent: Item {
                width: column.width
                height: newText.height + 12
                Rectangle {
                    anchors.verticalCenter: newText.verticalCenter
                    x: 10
                    width: Math.max(0, newText.x - 18)
                    height: 1
                    color: Theme.danger
                }
                Text {
                    id: newText

                    anchors.horizontalCenter: parent.horizontalCenter
                    y: 6
                    text: qsTr("New messages")
                    color: Theme.danger
                    font.pixelSize: 12
                    font.bold: true
                }
                Rectangle {
                    anchors.verticalCenter: newText.verticalCenter
                    x: newText.x + newText.width + 8
                    width: Math.max(0, parent.width - x - 10)
                    height: 1
                    color: Theme.danger
                }
            }
        }

        Text {
            objectName: "senderLabel"
            x: 14
            topPadding: 4
            visible: root.senderShown
            text: root.senderName
            font.bold: true
            font.pixelSize: 12
            color: Theme.accent
        }

        Loader {
            objectName: "systemLine"
            active: root.isSystem
            visible: active
            sourceComponent: SystemLine {
                text: root.bodyText
                timeText: root.timeText
                availableWidth: root.availableWidth
            }
        }

        Item {
            width: parent.width
            height: visible ? bubble.height : 0
            visible: !root.isSystem

            Rectangle {
                id: bubble

                readonly property real maximumWidth: root.availableWidth * 0.72
                //! The quote's natural width (the Loader's own follows the bubble's).
                readonly property real quoteWidth: quote.item ? (quote.item as ReplyQuote).implicitWidth : 0

                x: root.isMine ? parent.width - width - 10 : 10
                width: Math.min(bubble.maximumWidth, Math.max(body.implicitWidth, meta.implicitWidth, bubble.quoteWidth, images.width - 8) + 20)
                height: body.y + body.height + meta.implicitHeight + 8
                radius: Theme.radius
                color: root.isMine ? Theme.bubbleMine : Theme.bubbleTheirs
                border.width: root.flashing || root.mentionsMe ? 2 : 1
                border.color: root.failed ? Theme.danger
                                          : (root.flashing ? Theme.warningText
                                                           : (root.mentionsMe && !root.isMine ? Theme.accent : "transparent"))
                opacity: root.status === MessageDelegate.Status.Sending ? 0.8 : 1

                Loader {
                    id: quote

                    objectName: "replyQuote"
                    x: 8
                    y: 6
                    width: bubble.width - 16
                    active: root.replyTo !== undefined && root.replyTo !== null && root.replyTo.id !== undefined
                    visible: active
                    height: active ? implicitHeight + 4 : 0
                    sourceComponent: ReplyQuote {
                        quote: root.replyTo
                        onMine: root.isMine
                        maximumWidth: bubble.maximumWidth - 16
                        onActivated: seq => root.quoteActivated(seq)
                    }
                }
                MessageImages {
                    id: images

                    x: 6
                    y: 6 + quote.height
                    visible: root.attachments.length > 0
                    attachments: root.attachments
                    maximumWidth: bubble.maximumWidth - 12
                    onOpened: (source, imageWidth, imageHeight, name) => root.imageOpened(source, imageWidth, imageHeight, name)
                }
                Text {
                    id: body

                    objectName: "bodyLabel"
                    x: 10
                    y: images.visible ? images.y + images.height + 4 : 6 + quote.height
                    // An image without words takes no empty line under it.
                    height: images.visible && root.bodyText.length === 0 ? 0 : implicitHeight
                    width: Math.min(implicitWidth, bubble.maximumWidth - 20)
                    text: root.deleted ? qsTr("Message deleted") : root.formattedText
                    textFormat: root.deleted ? Text.PlainText : (root.formattedTextHasCode ? Text.RichText : Text.StyledText)
                    wrapMode: Text.Wrap
                    font.pixelSize: 14
                    font.italic: root.deleted
                    color: root.deleted ? (root.isMine ? Theme.bubbleMineMuted : Theme.mutedText)
                                        : (root.isMine ? Theme.bubbleMineText : Theme.bubbleTheirsText)
                }
                Row {
                    id: meta

                    anchors.right: parent.right
                    anchors.rightMargin: 8
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: 3
                    spacing: 4
                    Text {
                        objectName: "editedMarker"
                        anchors.verticalCenter: parent.verticalCenter
                        visible: root.edited
                        text: qsTr("(edited)")
                        font.pixelSize: 10
                        font.italic: true
                        color: root.isMine ? Theme.bubbleMineMuted : Theme.mutedText
                    }
                    Text {
                        anchors.verticalCenter: parent.verticalCenter
                        text: root.timeText
                        font.pixelSize: 10
                        color: root.isMine ? Theme.bubbleMineMuted : Theme.mutedText
                    }
                    Icon {
                        objectName: "ticks"
                        anchors.verticalCenter: parent.verticalCenter
                        visible: root.isMine && !root.failed
                        icon: root.ticks
                        size: 14
                        color: root.status === MessageDelegate.Status.Read ? Theme.readOnMine : Theme.bubbleMineMuted
                    }
                }
            }

            Loader {
                objectName: "hoverBar"
                anchors.top: parent.top
                x: root.isMine ? bubble.x - width - 6 : bubble.x + bubble.width + 6
                active: root.actionable && hover.hovered
                visible: active
                sourceComponent: MessageHoverBar {
                    canEdit: root.isMine
                    canDelete: root.isMine || root.amAdmin
                    onReactClicked: button => root.reactionPickerRequested(root.messageId, button)
                    onReplyClicked: root.replyRequested(root.messageId)
                    onEditClicked: root.editRequested(root.messageId)
                    onDeleteClicked: root.deleteRequested(root.messageId)
                }
            }
        }

        Loader {
            objectName: "reactionsRow"
            x: root.isMine ? parent.width - width - 10 : 10
            width: root.availableWidth * 0.72
            active: !root.deleted && root.reactions !== undefined && root.reactions.length > 0
            visible: active
            sourceComponent: ReactionChips {
                width: root.availableWidth * 0.72
                layoutDirection: root.isMine ? Qt.RightToLeft : Qt.LeftToRight
                chips: root.reactions
                onToggled: emoji => root.reactionToggled(root.messageId, emoji)
            }
        }

        Loader {
            objectName: "failedRow"
            x: parent.width - width - 10
            active: root.failed
            visible: active
            sourceComponent: Row {
                spacing: 6
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    text: root.errorText.length > 0 ? qsTr("Not sent: %1").arg(root.errorText) : qsTr("Not sent")
                    color: Theme.danger
                    font.pixelSize: 12
                }
                SecondaryButton {
                    objectName: "retryButton"
                    text: qsTr("Retry")
                    flat: true
                    onClicked: root.retryRequested(root.localId)
                }
                SecondaryButton {
                    objectName: "discardButton"
                    text: qsTr("Discard")
                    flat: true
                    onClicked: root.discardRequested(root.localId)
                }
            }
        }
    }
}
