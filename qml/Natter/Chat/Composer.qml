// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Components

// The message box: Enter sends, Shift+Enter starts a new line. It only says what the user
// wants (submitted, typing); whoever holds it decides what that means.
Rectangle {
    id: root

    property alias text: area.text
    property int maximumLength: 4000
    // Images ready to go with the message (#13): then the text may be empty.
    property bool hasAttachments: false
    readonly property bool canSubmit: (area.text.trim().length > 0 || root.hasAttachments) && area.text.length <= root.maximumLength

    //! MentionCompletionModel: `@` autocomplete of members (#12).
    property var mentionCompletions: null
    //! The `@` being completed: its position in the text, -1 when none.
    property int mentionStart: -1

    signal submitted(string text)
    signal typing()
    //! Up in an empty composer: edit my last message (#12).
    signal editLastRequested()
    //! Esc: leave the reply or the edit (#12).
    signal cancelRequested()
    signal attachRequested()
    // Ctrl+V: whoever holds the composer takes an image from the clipboard (text pastes as
    // usual).
    signal pasted()
    //! The emoji button: whoever holds the composer opens the picker by `anchor` (#12).
    signal emojiRequested(Item anchor)

    //! Finds an `@name` being typed just before the cursor and filters the members by it.
    function updateMention() {
        const before = area.text.slice(0, area.cursorPosition);
        const match = /(^|[^A-Za-z0-9_])@([A-Za-z0-9_]*)$/.exec(before);
        if (!match || !root.mentionCompletions) {
            root.mentionStart = -1;
            return;
        }
        root.mentionStart = before.length - match[2].length - 1;
        root.mentionCompletions.prefix = match[2];
        completions.currentIndex = 0;
    }
    //! Puts "@username " in place of the `@` being typed.
    function completeMention(row: int) {
        const username = root.mentionCompletions.usernameAt(row);
        if (root.mentionStart < 0 || username.length === 0)
            return;
        const end = area.cursorPosition;
        const inserted = "@" + username + " ";
        area.text = area.text.slice(0, root.mentionStart) + inserted + area.text.slice(end);
        area.cursorPosition = root.mentionStart + inserted.length;
        root.mentionStart = -1;
    }

    function submit() {
        if (!root.canSubmit)
            return;
        root.submitted(area.text);
    }
    function clear() {
        area.clear();
    }
    function focusInput() {
        area.forceActiveFocus();
    }
    //! Puts `text` (a picked emoji) at the cursor.
    function insertText(text: string) {
        area.insert(area.cursorPosition, text);
        area.forceActiveFocus();
    }

    implicitHeight: Math.min(160, Math.max(44, area.implicitHeight + 16))
    color: Theme.window

    RowLayout {
        anchors.fill: parent
        anchors.margins: 6
        spacing: 6

        IconButton {
            objectName: "attachButton"
            Layout.alignment: Qt.AlignBottom
            icon.source: "qrc:/Natter/Components/icons/plus.svg"
            Accessible.name: qsTr("Attach images")
            QQC2.ToolTip.visible: hovered
            QQC2.ToolTip.text: qsTr("Attach images (or drop or paste them)")
            onClicked: root.attachRequested()
        }
        IconButton {
            id: emojiButton

            objectName: "emojiButton"
            Layout.alignment: Qt.AlignBottom
            icon.source: "qrc:/Natter/Components/icons/smile.svg"
            Accessible.name: qsTr("Insert an emoji")
            QQC2.ToolTip.visible: hovered
            QQC2.ToolTip.text: qsTr("Emoji")
            onClicked: root.emojiRequested(emojiButton)
        }
        QQC2.ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true

            QQC2.TextArea {
                id: area

                objectName: "composerInput"
                placeholderText: qsTr("Write a message…  (Enter sends, Shift+Enter for a new line)")
                wrapMode: TextEdit.Wrap
                background: Rectangle {
                    color: Theme.base
                    radius: 8
                    border.color: area.activeFocus ? Theme.accent : Theme.divider
                }
                // Tab moves focus, as in every other field (a TextArea would insert a tab).
                Keys.onPressed: event => {
                    if (completions.visible) {
                        if (event.key === Qt.Key_Up || event.key === Qt.Key_Down) {
                            event.accepted = true;
                            if (event.key === Qt.Key_Up)
                                completions.moveUp();
                            else
                                completions.moveDown();
                            return;
                        }
                        if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Tab) {
                            event.accepted = true;
                            root.completeMention(completions.currentIndex);
                            return;
                        }
                        if (event.key === Qt.Key_Escape) {
                            event.accepted = true;
                            root.mentionStart = -1;
                            return;
                        }
                    }
                    if (event.matches(StandardKey.Paste))
                        root.pasted();
                    if (event.key === Qt.Key_Tab || event.key === Qt.Key_Backtab) {
                        event.accepted = true;
                        const next = area.nextItemInFocusChain(event.key === Qt.Key_Tab);
                        if (next)
                            next.forceActiveFocus(event.key === Qt.Key_Tab ? Qt.TabFocusReason
                                                                           : Qt.BacktabFocusReason);
                        return;
                    }
                    if ((event.key === Qt.Key_Return || event.key === Qt.Key_Enter)
                            && !(event.modifiers & Qt.ShiftModifier)) {
                        event.accepted = true;
                        root.submit();
                    } else if (event.key === Qt.Key_Up && area.text.length === 0) {
                        event.accepted = true;
                        root.editLastRequested();
                    } else if (event.key === Qt.Key_Escape) {
                        event.accepted = true;
                        root.cancelRequested();
                    }
                }
                onCursorPositionChanged: root.updateMention()
                onTextChanged: {
                    root.updateMention();
                    if (area.text.length > 0)
                        root.typing();
                }
            }
        }
        PrimaryButton {
            objectName: "sendButton"
            Layout.alignment: Qt.AlignBottom
            text: qsTr("Send")
            icon.source: "qrc:/Natter/Components/icons/send.svg"
            enabled: root.canSubmit
            onClicked: root.submit()
        }
    }

    QQC2.Label {
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.rightMargin: 80
        visible: area.text.length > root.maximumLength - 200
        text: (root.maximumLength - area.text.length).toString()
        color: area.text.length > root.maximumLength ? Theme.danger : Theme.mutedText
        font.pixelSize: 11
    }

    MentionCompletions {
        id: completions

        anchors.bottom: root.top
        anchors.left: root.left
        anchors.leftMargin: 12
        z: 10
        completions: root.mentionCompletions
        visible: root.mentionStart >= 0 && completions.count > 0
        onChosen: row => root.completeMention(row)
    }
}
