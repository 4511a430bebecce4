// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// The sidebar: who I am, search, and my conversations, most recent first.
Rectangle {
    id: root

    signal findPeopleRequested()
    signal newGroupRequested()
    signal joinWithLinkRequested()
    signal settingsRequested()

    function openMenu(row: ConversationDelegate) {
        conversationMenu.show(row.conversationId, row.muted, row.pinned, row.archived, row);
    }

    function focusSearch() {
        searchField.forceActiveFocus();
        searchField.selectAll();
    }

    color: Theme.sidebar

    ConversationMenu {
        id: conversationMenu
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 10
            spacing: 8

            Avatar {
                name: Session.displayName
                key: Session.userId
                source: Session.avatarUrl
                size: 32
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                QQC2.Label {
                    Layout.fillWidth: true
                    text: Session.displayName
                    font.bold: true
                    elide: Text.ElideRight
                }
                QQC2.Label {
                    Layout.fillWidth: true
                    text: "@" + Session.username
                    color: Theme.mutedText
                    font.pixelSize: 12
                    elide: Text.ElideRight
                }
            }
            IconButton {
                icon.source: "qrc:/Natter/Components/icons/edit.svg"
                icon.color: Theme.text
                Accessible.name: qsTr("New conversation")
                QQC2.ToolTip.visible: hovered
                QQC2.ToolTip.text: qsTr("New conversation")
                onClicked: newMenu.open()

                QQC2.Menu {
                    id: newMenu

                    y: parent.height
                    QQC2.MenuItem {
                        text: qsTr("New message…")
                        onTriggered: root.findPeopleRequested()
                    }
                    QQC2.MenuItem {
                        text: qsTr("New group…")
                        onTriggered: root.newGroupRequested()
                    }
                    QQC2.MenuItem {
                        objectName: "joinWithLinkItem"
                        text: qsTr("Join with a link…")
                        onTriggered: root.joinWithLinkRequested()
                    }
                }
            }
            IconButton {
                icon.source: "qrc:/Natter/Components/icons/settings.svg"
                icon.color: Theme.text
                Accessible.name: qsTr("Settings")
                QQC2.ToolTip.visible: hovered
                QQC2.ToolTip.text: qsTr("Settings")
                onClicked: root.settingsRequested()
            }
        }

        QQC2.TextField {
            id: searchField

            objectName: "conversationSearchField"
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            Layout.bottomMargin: 8
            placeholderText: qsTr("Search conversations (Ctrl+K)")
            onTextChanged: Session.conversations.filtered.filterText = searchField.text
            Keys.onEscapePressed: searchField.clear()
            onAccepted: Session.chat.open(Session.conversations.filtered.idAt(0))
        }

        Rectangle {
            Layout.fillWidth: true
            implicitHeight: 1
            color: Theme.divider
        }

        ListView {
            id: list

            objectName: "conversationListView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Session.conversations.filtered
            boundsBehavior: Flickable.StopAtBounds
            QQC2.ScrollBar.vertical: QQC2.ScrollBar {}
            // Keyboard (#18): Tab reaches the list, Up/Down choose, Enter opens, the Menu key
            // or Shift+F10 opens the chosen conversation's menu (mute, pin, archive).
            activeFocusOnTab: true
            keyNavigationEnabled: true
            highlightFollowsCurrentItem: false
            Keys.onPressed: event => {
                const row = list.currentItem as ConversationDelegate;
                if (!row)
                    return;
                if (event.key === Qt.Key_Menu || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))) {
                    event.accepted = true;
                    root.openMenu(row);
                } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
                    event.accepted = true;
                    Session.chat.open(row.conversationId);
                }
            }
            onActiveFocusChanged: {
                if (list.activeFocus && list.currentIndex < 0 && list.count > 0)
                    list.currentIndex = 0;
            }

            delegate: ConversationDelegate {
                id: conversationDelegate

                selected: conversationDelegate.conversationId === Session.chat.conversationId
                // The row the keys are on, while the list has the focus.
                keyboardCurrent: list.activeFocus && conversationDelegate.ListView.isCurrentItem
                onClicked: Session.chat.open(conversationDelegate.conversationId)
                onMenuRequested: root.openMenu(conversationDelegate)
            }

            QQC2.Label {
                anchors.centerIn: parent
                width: parent.width - 40
                visible: list.count === 0
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                color: Theme.mutedText
                text: searchField.text.length > 0 ? qsTr("No conversation matches.")
                                                  : Session.conversations.filtered.showArchived
                                                    ? qsTr("No archived conversations.")
                                                    : qsTr("No conversations yet. Start one with the pencil above.")
            }
        }
        // Archived conversations (#18) wait behind this row until a new message brings one back.
        ArchivedToggle {
            Layout.fillWidth: true
            visible: searchField.text.length === 0
                     && (Session.conversations.model.archivedCount > 0 || Session.conversations.filtered.showArchived)
        }
    }
}
