// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// The open conversation: header, messages (older ones load when scrolled to the top), who is
// typing, and the composer.
Rectangle {
    id: root

    signal profileRequested(string username)
    signal membersRequested()

    color: Theme.chatBackground

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 56
            color: Theme.window

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 12
                anchors.rightMargin: 8
                spacing: 10

                Avatar {
                    name: Session.chat.title
                    size: 34
                }
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    QQC2.Label {
                        Layout.fillWidth: true
                        text: Session.chat.title
                        font.bold: true
                        font.pixelSize: 15
                        elide: Text.ElideRight
                    }
                    QQC2.Label {
                        Layout.fillWidth: true
                        text: Session.chat.typingText.length > 0
                              ? Session.chat.typingText
                              : (Session.chat.isGroup ? qsTr("%n member(s)", "", Session.chat.members.count)
                                                      : "@" + Session.chat.peerUsername)
                        color: Session.chat.typingText.length > 0 ? Theme.accent : Theme.mutedText
                        font.pixelSize: 12
                        elide: Text.ElideRight
                    }
                }
                QQC2.ToolButton {
                    visible: !Session.chat.isGroup && Session.chat.peerUsername.length > 0
                    text: qsTr("Profile")
                    onClicked: root.profileRequested(Session.chat.peerUsername)
                }
                QQC2.ToolButton {
                    visible: Session.chat.isGroup
                    text: qsTr("Members")
                    onClicked: root.membersRequested()
                }
            }
            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: Theme.divider
            }
        }

        ListView {
            id: messages

            objectName: "messageListView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Session.chat.messages
            spacing: 2
            boundsBehavior: Flickable.StopAtBounds
            // Keep recent history alive around the viewport for smooth scrolling back.
            cacheBuffer: 800
            QQC2.ScrollBar.vertical: QQC2.ScrollBar {}

            property bool pinnedToEnd: true

            header: Item {
                width: messages.width
                height: 36
                QQC2.BusyIndicator {
                    anchors.centerIn: parent
                    height: 28
                    visible: Session.chat.loadingHistory
                    running: visible
                }
                QQC2.Label {
                    anchors.centerIn: parent
                    visible: Session.chat.historyComplete && messages.count > 0
                    text: qsTr("This is the beginning of the conversation.")
                    color: Theme.mutedText
                    font.pixelSize: 12
                }
            }

            delegate: MessageDelegate {
                groupChat: Session.chat.isGroup
                onRetryRequested: localId => Session.chat.retry(localId)
                onDiscardRequested: localId => Session.chat.discard(localId)
            }

            onAtYBeginningChanged: {
                if (messages.atYBeginning && messages.count > 0)
                    Session.chat.loadOlder();
            }
            onMovementEnded: messages.pinnedToEnd = messages.atYEnd
            onCountChanged: {
                if (messages.pinnedToEnd)
                    Qt.callLater(messages.positionViewAtEnd);
            }
            onModelChanged: {
                messages.pinnedToEnd = true;
                Qt.callLater(messages.positionViewAtEnd);
            }
        }

        QQC2.Label {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            visible: Session.chat.errorText.length > 0
            text: Session.chat.errorText
            color: Theme.danger
            wrapMode: Text.Wrap
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Theme.divider
        }

        Composer {
            id: composer

            Layout.fillWidth: true
            onTyping: Session.chat.composing()
            onSubmitted: text => {
                if (Session.chat.send(text))
                    composer.clear();
            }
        }
    }

    Connections {
        target: Session.chat
        function onConversationChanged() { composer.focusInput(); }
    }
}
