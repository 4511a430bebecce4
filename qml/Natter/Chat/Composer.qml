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
                onTextChanged: {
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
}
