// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Dialogs
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// The open conversation: header, messages (older ones load when scrolled to the top), who is
// typing, and the composer.
Rectangle {
    id: root

    //! The composer shows the text of a message being edited (cleared when the edit ends).
    property bool composerHoldsEdit: false

    signal profileRequested(string username)
    signal membersRequested()
    signal groupSettingsRequested()
    //! "Report…" on someone else's message (#18): the API takes its id with the sender's name.
    signal reportRequested(string username, string messageId)

    function focusComposer() {
        composer.focusInput();
    }

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
                    objectName: "chatHeaderAvatar"
                    name: Session.chat.title
                    source: Session.chat.avatarUrl
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
                              : (Session.chat.isGroup ? (Session.chat.members.count === 1 ? qsTr("1 member")
                                                                                       : qsTr("%1 members").arg(Session.chat.members.count))
                                                      : "@" + Session.chat.peerUsername
                                                        + (Session.presence.peerStatus.length > 0 ? " · " + Session.presence.peerStatus : ""))
                        color: Session.chat.typingText.length > 0 ? Theme.accent : Theme.mutedText
                        font.pixelSize: 12
                        elide: Text.ElideRight
                    }
                }
                IconButton {
                    visible: !Session.chat.isGroup && Session.chat.peerUsername.length > 0
                    text: qsTr("Profile")
                    icon.source: "qrc:/Natter/Components/icons/user.svg"
                    icon.color: Theme.text
                    onClicked: root.profileRequested(Session.chat.peerUsername)
                }
                IconButton {
                    visible: Session.chat.isGroup
                    text: qsTr("Members")
                    icon.source: "qrc:/Natter/Components/icons/users.svg"
                    icon.color: Theme.text
                    onClicked: root.membersRequested()
                }
                // Group settings (#18): also Ctrl+I.
                IconButton {
                    objectName: "groupSettingsButton"
                    visible: Session.chat.isGroup
                    icon.source: "qrc:/Natter/Components/icons/info.svg"
                    icon.color: Theme.text
                    Accessible.name: qsTr("Group settings")
                    QQC2.ToolTip.visible: hovered
                    QQC2.ToolTip.text: qsTr("Group settings (Ctrl+I)")
                    onClicked: root.groupSettingsRequested()
                }
            }
            Rectangle {
                anchors.bottom: parent.bottom
                width: parent.width
                height: 1
                color: Theme.divider
            }
        }

        // An empty or short chat sits just above the composer, as in every messenger: the
        // list is only as tall as its content, at the bottom of this area.
        Item {
            id: messageArea

            Layout.fillWidth: true
            Layout.fillHeight: true

        ListView {
            id: messages

            objectName: "messageListView"
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: Math.min(messageArea.height, messages.contentHeight)
            clip: true
            model: Session.chat.messages
            spacing: 2
            boundsBehavior: Flickable.StopAtBounds
            // Keyboard access to the messages (#12): Tab from the composer reaches the list;
            // Up/Down choose a message, the Menu key or Shift+F10 opens its menu, R replies,
            // E edits, Delete deletes, Esc goes back to the composer.
            activeFocusOnTab: true
            keyNavigationEnabled: true
            highlightFollowsCurrentItem: false
            Keys.onPressed: event => {
                const row = messages.currentItem as MessageDelegate;
                if (event.key === Qt.Key_Escape) {
                    event.accepted = true;
                    composer.focusInput();
                } else if (!row || !row.actionable) {
                    return;
                } else if (event.key === Qt.Key_Menu || (event.key === Qt.Key_F10 && (event.modifiers & Qt.ShiftModifier))) {
                    event.accepted = true;
                    root.openMessageMenu(row.messageId, row);
                } else if (event.key === Qt.Key_R) {
                    event.accepted = true;
                    root.replyTo(row.messageId);
                } else if (event.key === Qt.Key_E && row.isMine) {
                    event.accepted = true;
                    root.editMessage(row.messageId);
                } else if (event.key === Qt.Key_Delete && (row.isMine || Session.chat.amAdmin)) {
                    event.accepted = true;
                    deleteDialog.ask(row.messageId);
                }
            }
            onActiveFocusChanged: {
                // Entering the list by Tab starts at the newest message in view.
                if (!messages.activeFocus)
                    return;
                const shown = messages.indexAt(messages.width / 2, messages.contentY + messages.height - 8);
                messages.currentIndex = shown >= 0 ? shown : messages.count - 1;
            }
            onCurrentIndexChanged: {
                if (messages.activeFocus)
                    messages.positionViewAtIndex(messages.currentIndex, ListView.Contain);
            }
            // Keep recent history alive around the viewport for smooth scrolling back, and
            // recycle delegates that scroll out instead of destroying and creating them.
            cacheBuffer: 800
            reuseItems: true
            QQC2.ScrollBar.vertical: QQC2.ScrollBar {}

            property bool pinnedToEnd: true
            //! The newest message is in view (whatever the user or a jump did).
            readonly property bool atEnd: messages.contentY + messages.height
                                          >= messages.originY + messages.contentHeight - 24

            // Older messages load while the top is within a screen of the viewport, and again
            // after each page while it still is, so scrolling up never stalls on a page edge
            // (atYBeginning alone does not change when a page lands above).
            function loadOlderIfNearTop() {
                if (messages.count > 0 && messages.contentY - messages.originY < messageArea.height)
                    Session.chat.loadOlder();
            }

            header: Item {
                width: messages.width
                height: 36
                Row {
                    anchors.centerIn: parent
                    spacing: 6
                    visible: Session.chat.loadingHistory
                    QQC2.BusyIndicator {
                        height: 24
                        width: 24
                        running: parent.visible
                    }
                    QQC2.Label {
                        objectName: "historyLoadingLabel"
                        anchors.verticalCenter: parent.verticalCenter
                        text: qsTr("Loading older messages…")
                        color: Theme.mutedText
                        font.pixelSize: 12
                    }
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
                id: messageRow

                groupChat: Session.chat.isGroup
                amAdmin: Session.chat.amAdmin
                flashing: messages.flashing && messageRow.ListView.isCurrentItem
                selected: messages.activeFocus && messageRow.ListView.isCurrentItem
                onRetryRequested: localId => Session.chat.retry(localId)
                onDiscardRequested: localId => Session.chat.discard(localId)
                onImageOpened: (source, imageWidth, imageHeight, name) => viewer.show(source, imageWidth, imageHeight, name)
                onReplyRequested: id => root.replyTo(id)
                onEditRequested: id => root.editMessage(id)
                onDeleteRequested: id => deleteDialog.ask(id)
                onReactionToggled: (id, emoji) => Session.chat.actions.toggleReaction(id, emoji)
                onReactionPickerRequested: (id, anchor) => root.pickReaction(id, anchor)
                onQuoteActivated: seq => Session.chat.showMessage(seq)
                onContextMenuRequested: id => root.openMessageMenu(id, messageRow)
            }

            //! The message a jump landed on (the current item) is outlined for a moment.
            property bool flashing: false

            Timer {
                id: flashEnd

                interval: 1600
                onTriggered: messages.flashing = false
            }
            Connections {
                target: Session.chat
                function onScrollToRow(row: int) {
                    messages.positionViewAtIndex(row, ListView.Center);
                    messages.pinnedToEnd = messages.contentY + messages.height
                            >= messages.originY + messages.contentHeight - 24;
                    messages.currentIndex = row;
                    messages.flashing = true;
                    flashEnd.restart();
                }
            }

            // Pinned while the end is in view; decided when the user scrolls (wheel, drag or
            // keys all move contentY), not when content grows: a history page landing above
            // or a new message below leaves contentY alone, and must not unpin or jump.
            // Read means seen: the controller marks read only up to the row at the bottom edge
            // (a few pixels up when the edge falls between two bubbles), not the newest message.
            function reportShownRows() {
                if (Session.chat.openingAtUnread)
                    return; // not placed yet: what shows now is not what the user will see
                let row = -1;
                const bottom = messages.contentY + messages.height - 1;
                for (let y = bottom; row < 0 && y > bottom - 40 && y >= messages.contentY; y -= 2)
                    row = messages.indexAt(messages.width / 2, y);
                if (row >= 0)
                    Session.chat.showUpToRow(row);
            }

            // Once per event-loop turn, as Qt.callLater (which Qt 6.4's qmllint cannot type).
            Timer {
                id: positionLater

                interval: 0
                onTriggered: messages.positionViewAtEnd()
            }
            Timer {
                id: reportLater

                interval: 0
                onTriggered: messages.reportShownRows()
            }
            Timer {
                id: loadOlderLater

                interval: 0
                onTriggered: messages.loadOlderIfNearTop()
            }

            onContentYChanged: {
                messages.pinnedToEnd = messages.contentY + messages.height
                        >= messages.originY + messages.contentHeight - 24;
                messages.loadOlderIfNearTop();
                messages.reportShownRows();
            }
            Connections {
                target: Session.chat
                function onHistoryStateChanged() { loadOlderLater.restart(); }
            }
            onCountChanged: {
                if (messages.pinnedToEnd && !Session.chat.openingAtUnread)
                    positionLater.restart();
                reportLater.restart();
            }
            onModelChanged: {
                messages.placedAtUnread = false;
                messages.pinnedToEnd = !Session.chat.openingAtUnread;
                if (messages.pinnedToEnd)
                    positionLater.restart();
            }

            // A conversation with unread messages opens at the first of them, the "New
            // messages" line near the top with a little of what came before; without any (or
            // when they cannot be found) at the newest message.
            property bool placedAtUnread: false

            function placeAtUnread(row: int) {
                messages.positionViewAtIndex(row, ListView.Beginning);
                if (!messages.atEnd)
                    messages.contentY = Math.max(messages.originY, messages.contentY - 40);
                positionLater.stop();
                messages.placedAtUnread = true;
                messages.pinnedToEnd = messages.atEnd;
                reportLater.restart();
            }
            Connections {
                target: Session.chat
                function onUnreadRowReady(row: int) { messages.placeAtUnread(row); }
                function onOpeningAtUnreadChanged() {
                    if (Session.chat.openingAtUnread || messages.placedAtUnread)
                        return;
                    messages.pinnedToEnd = true;
                    positionLater.restart();
                }
            }
            onHeightChanged: {
                if (messages.pinnedToEnd)
                    positionLater.restart();
                reportLater.restart();
            }
        }

        // Scrolled up (reading history, or after a jump): back to the newest message.
        PrimaryButton {
            objectName: "jumpToLatest"
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: 16
            visible: !messages.atEnd && messages.count > 0
            text: qsTr("Jump to latest")
            icon.source: "qrc:/Natter/Components/icons/arrowDown.svg"
            onClicked: {
                messages.pinnedToEnd = true;
                messages.positionViewAtEnd();
            }
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

        // A DM with someone I blocked: no composer whose sends would fail, but what is going
        // on and the way back.
        Rectangle {
            objectName: "blockedBar"
            Layout.fillWidth: true
            implicitHeight: 52
            visible: Session.chat.peerBlocked
            color: Theme.window

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 14
                anchors.rightMargin: 10
                QQC2.Label {
                    Layout.fillWidth: true
                    text: qsTr("You blocked @%1. They cannot write to you, and you cannot write to them.").arg(Session.chat.peerUsername)
                    color: Theme.mutedText
                    elide: Text.ElideRight
                }
                SecondaryButton {
                    text: qsTr("Unblock")
                    onClicked: Session.people.unblock(Session.chat.peerUsername)
                }
            }
        }

        AttachmentStrip {
            Layout.fillWidth: true
            visible: !Session.chat.peerBlocked && shown
        }

        QQC2.Label {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            visible: Session.chat.actions.errorText.length > 0
            text: Session.chat.actions.errorText
            color: Theme.danger
            wrapMode: Text.Wrap
        }

        ComposerBanner {
            objectName: "composerBanner"
            Layout.fillWidth: true
            visible: !Session.chat.peerBlocked && (Session.chat.draft.replying || Session.chat.draft.editing)
            editing: Session.chat.draft.editing
            sender: Session.chat.draft.replySender
            text: Session.chat.draft.replyText
            onCancelled: Session.chat.draft.cancel()
        }

        Composer {
            id: composer

            visible: !Session.chat.peerBlocked
            Layout.fillWidth: true
            hasAttachments: Session.attachments.hasReady && !Session.attachments.uploading
            onAttachRequested: imagePicker.open()
            onPasted: Session.attachments.pasteFromClipboard()
            onTyping: Session.chat.composing()
            onSubmitted: text => {
                if (Session.chat.draft.submit(text))
                    composer.clear();
            }
            mentionCompletions: Session.chat.mentionCompletions
            onEditLastRequested: Session.chat.draft.editLast()
            onEmojiRequested: anchor => root.openEmojiPicker("", root.boxOf(anchor))
            onCancelRequested: Session.chat.draft.cancel()
        }
    }

    // Reply, edit, react and delete from a message's bar, its menu or the keys (#12).
    function replyTo(messageId: string) {
        Session.chat.draft.replyTo(messageId);
        composer.focusInput();
    }
    function editMessage(messageId: string) {
        Session.chat.draft.edit(messageId);
    }
    function pickReaction(messageId: string, anchor: Item) {
        reactionPicker.messageId = messageId;
        reactionPicker.anchorBox = root.boxOf(anchor);
        reactionPicker.parent = anchor;
        reactionPicker.x = anchor.width - reactionPicker.implicitWidth;
        reactionPicker.y = anchor.height + 4;
        reactionPicker.open();
    }
    //! The full picker: for a reaction to `messageId` (below `box`, right-aligned), or for the
    //! composer when it is empty (above `box`). `box` is in this view's coordinates, taken
    //! when asked: the hover bar it came from goes away with the pointer.
    function openEmojiPicker(messageId: string, box: rect) {
        emojiPicker.messageId = messageId;
        emojiPicker.x = messageId.length > 0 ? box.x + box.width - emojiPicker.width : box.x;
        emojiPicker.y = messageId.length > 0 ? box.y + box.height + 4 : box.y - emojiPicker.height - 6;
        emojiPicker.open();
    }
    function boxOf(item: Item): rect {
        const corner = item.mapToItem(root, 0, 0);
        return Qt.rect(corner.x, corner.y, item.width, item.height);
    }
    function openMessageMenu(messageId: string, row: MessageDelegate) {
        messageMenu.messageId = messageId;
        messageMenu.bodyText = row.bodyText;
        messageMenu.canEdit = row.isMine;
        messageMenu.canDelete = row.isMine || Session.chat.amAdmin;
        messageMenu.canReport = !row.isMine && !row.isSystem;
        messageMenu.menuRow = row;
        messageMenu.popup();
    }

    ReactionPicker {
        id: reactionPicker

        //! Where it was opened, for "more…".
        property rect anchorBox

        emojis: Session.chat.actions.frequentEmojis
        onPicked: (messageId, emoji) => Session.chat.actions.toggleReaction(messageId, emoji)
        onMoreRequested: messageId => root.openEmojiPicker(messageId, reactionPicker.anchorBox)
    }
    EmojiPicker {
        id: emojiPicker

        //! The message the emoji reacts to; empty: it goes into the composer.
        property string messageId: ""

        model: Session.emojis
        onPicked: emoji => {
            if (emojiPicker.messageId.length > 0)
                Session.chat.actions.toggleReaction(emojiPicker.messageId, emoji);
            else
                composer.insertText(emoji);
        }
        onClosed: {
            if (emojiPicker.messageId.length === 0)
                composer.focusInput();
        }
    }
    MessageMenu {
        id: messageMenu

        property MessageDelegate menuRow: null

        onReplyChosen: id => root.replyTo(id)
        onReactChosen: id => {
            if (messageMenu.menuRow)
                root.pickReaction(id, messageMenu.menuRow);
        }
        onEditChosen: id => root.editMessage(id)
        onDeleteChosen: id => deleteDialog.ask(id)
        onCopyChosen: text => Session.chat.actions.copyText(text)
        onReportChosen: id => {
            if (messageMenu.menuRow)
                root.reportRequested(Session.people.usernameOf(messageMenu.menuRow.senderId), id);
        }
    }
    DeleteMessageDialog {
        id: deleteDialog

        parent: QQC2.Overlay.overlay
        onConfirmed: id => Session.chat.actions.remove(id)
    }

    Connections {
        target: Session.chat
        function onConversationChanged() { composer.focusInput(); }
    }
    // The composer holds the text being edited, and gives it back when the edit ends.
    Connections {
        target: Session.chat.draft
        function onChanged() {
            if (Session.chat.draft.editing) {
                composer.text = Session.chat.draft.editText;
                composer.focusInput();
            } else if (root.composerHoldsEdit) {
                composer.clear();
            }
            root.composerHoldsEdit = Session.chat.draft.editing;
        }
    }

    // Images (#13): picked, dropped anywhere on the conversation, or pasted (above); sent
    // with the next message, then the composer empties.
    Connections {
        target: Session.attachments
        function onSent() { composer.clear(); }
    }
    FileDialog {
        id: imagePicker

        title: qsTr("Attach images")
        fileMode: FileDialog.OpenFiles
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.webp *.gif)"), qsTr("All files (*)")]
        onAccepted: Session.attachments.addFiles(imagePicker.selectedFiles)
    }
    DropArea {
        id: drop

        anchors.fill: parent
        keys: ["text/uri-list"]
        onDropped: drop => {
            if (drop.hasUrls) {
                Session.attachments.addFiles(drop.urls);
                drop.accept(Qt.CopyAction);
            }
        }

        Rectangle {
            anchors.fill: parent
            anchors.margins: 8
            visible: drop.containsDrag
            radius: Theme.radius
            color: Qt.rgba(Theme.accent.r, Theme.accent.g, Theme.accent.b, 0.12)
            border.width: 2
            border.color: Theme.accent
            QQC2.Label {
                anchors.centerIn: parent
                text: qsTr("Drop images to attach them")
                color: Theme.accent
                font.pixelSize: 16
                font.bold: true
            }
        }
    }
    ImageViewer {
        id: viewer

        objectName: "imageViewer"
    }
}
