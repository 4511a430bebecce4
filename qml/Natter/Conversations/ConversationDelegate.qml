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
    property bool selected: false

    width: ListView.view ? ListView.view.width : implicitWidth
    height: 64
    highlighted: root.selected

    background: Rectangle {
        color: root.selected ? Theme.selection : (root.hovered ? Theme.divider : "transparent")
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
                    text: root.lastMessageText.length > 0 ? root.lastMessageText
                                                          : (root.isGroup ? qsTr("New group") : qsTr("No messages yet"))
                    color: root.unreadCount > 0 ? Theme.text : Theme.mutedText
                    elide: Text.ElideRight
                    maximumLineCount: 1
                    font.pixelSize: 13
                }
                MentionBadge {
                    count: root.mentionCount
                }
                UnreadBadge {
                    count: root.unreadCount
                }
            }
        }
    }
}
