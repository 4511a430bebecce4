// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Components

QQC2.ItemDelegate {
    id: root

    required property string conversationId
    required property string title
    required property bool isGroup
    required property int unreadCount
    //! Unread messages that mention me (#12), counted apart.
    required property int mentionCount
    required property string lastMessageText
    required property string lastActivityText
    required property string peerAvatarUrl
    //! The user's own mute (now), pin and archive (#18).
    required property bool muted
    required property bool pinned
    required property bool archived
    //! "typing…" / "Ben is typing…" (#18), shown instead of the last message.
    required property string typingText
    property bool selected: false
    //! The row the keys are on (the list has the focus): outlined.
    property bool keyboardCurrent: false

    //! Right click: the conversation's menu (mute, pin, archive).
    signal menuRequested()

    width: ListView.view ? ListView.view.width : implicitWidth
    Accessible.name: root.title + (root.pinned ? ", " + qsTr("pinned") : "")
                     + (root.muted ? ", " + qsTr("muted") : "")
                     + (root.unreadCount > 0 ? ", " + qsTr("%1 unread").arg(root.unreadCount) : "")
    height: 64
    highlighted: root.selected

    background: Rectangle {
        color: root.selected ? Theme.selection : (root.hovered ? Theme.divider : "transparent")
        border.width: root.keyboardCurrent ? 2 : 0
        border.color: Theme.brand
    }

    TapHandler {
        acceptedButtons: Qt.RightButton
        onTapped: root.menuRequested()
    }

    contentItem: RowLayout {
        spacing: 10

        Avatar {
            name: root.title
            source: root.peerAvatarUrl
            size: 40
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2

            RowLayout {
                Layout.fillWidth: true
                QQC2.Label {
                    Layout.fillWidth: true
                    text: root.title
                    font.bold: root.unreadCount > 0
                    elide: Text.ElideRight
                }
                Icon {
                    objectName: "pinnedIcon"
                    visible: root.pinned
                    icon: "pin"
                    size: 14
                    color: Theme.mutedText
                }
                Icon {
                    objectName: "mutedIcon"
                    visible: root.muted
                    icon: "bellOff"
                    size: 14
                    color: Theme.mutedText
                }
                QQC2.Label {
                    text: root.lastActivityText
                    color: Theme.mutedText
                    font.pixelSize: 11
                }
            }
            RowLayout {
                Layout.fillWidth: true
                QQC2.Label {
                    Layout.fillWidth: true
                    objectName: "conversationPreview"
                    text: root.typingText.length > 0 ? root.typingText
                          : root.lastMessageText.length > 0 ? root.lastMessageText
                          : (root.isGroup ? qsTr("New group") : qsTr("No messages yet"))
                    color: root.typingText.length > 0 ? Theme.accent
                           : root.unreadCount > 0 ? Theme.text : Theme.mutedText
                    font.italic: root.typingText.length > 0
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    font.pixelSize: 13
                }
                MentionBadge {
                    count: root.mentionCount
                }
                UnreadBadge {
                    count: root.muted ? 0 : root.unreadCount
                }
                // Muted: no count, only a quiet dot that something is there (as the web app).
                Rectangle {
                    objectName: "mutedUnreadDot"
                    visible: root.muted && root.unreadCount > 0
                    implicitWidth: 10
                    implicitHeight: 10
                    radius: 5
                    color: Theme.mutedText
                }
            }
        }
    }
}
