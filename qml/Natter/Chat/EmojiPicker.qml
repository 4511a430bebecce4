// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Components

// The full emoji picker (#12), for a reaction ("more…" after the frequent six) or the composer:
// every emoji by category, recently used first, a search by name, a row of category buttons.
// Keys: type to search; Down or Tab enters the grid, where the arrows move, Enter picks, typing
// goes back to the search and Up from the first row too; Esc closes.
QQC2.Popup {
    id: root

    //! EmojiPickerModel (Session.emojis).
    property var model: null
    //! The number of the emoji Enter would pick (hovered, or chosen with the arrows).
    property int current: 0
    readonly property int cell: 36
    //! Counts the model's changes, so what reads `emojiAt` follows a new filter.
    property int shownRevision: 0

    signal picked(string emoji)

    function pick(index: int) {
        const emoji = root.model.emojiAt(index);
        if (emoji.length === 0)
            return;
        root.model.remember(emoji);
        root.close();
        root.picked(emoji);
    }
    function moveBy(dx: int, dy: int) {
        root.current = root.model.step(root.current, dx, dy);
        grid.positionViewAtIndex(root.model.rowOf(root.current), ListView.Contain);
    }
    function showSection(section: var) {
        grid.positionViewAtIndex(section.row, ListView.Beginning);
        root.current = section.first;
    }

    objectName: "emojiPicker"
    width: root.cell * (root.model ? root.model.columns : 8) + 2 * root.padding + 12
    height: 420
    padding: 8
    margins: 8
    focus: true
    closePolicy: QQC2.Popup.CloseOnEscape | QQC2.Popup.CloseOnPressOutside
    onAboutToShow: {
        search.text = "";
        root.current = 0;
        grid.positionViewAtBeginning();
    }
    onOpened: search.forceActiveFocus()
    // Closed, the model shows everything again (the next opening starts there).
    onClosed: search.text = ""

    Connections {
        target: root.model
        function onShownChanged() { root.shownRevision += 1; }
    }

    background: Rectangle {
        radius: Theme.radius
        color: Theme.base
        border.width: 1
        border.color: Theme.divider
    }

    // A child, not `contentItem:`, whose assignment Qt defers (and ids inside would undo that).
    ColumnLayout {
        anchors.fill: parent
        spacing: 6

        QQC2.TextField {
            id: search

            objectName: "emojiSearchField"
            Layout.fillWidth: true
            placeholderText: qsTr("Search emoji")
            Accessible.name: qsTr("Search emoji by name")
            onTextChanged: {
                root.model.filter = search.text;
                root.current = 0;
                grid.positionViewAtBeginning();
            }
            Keys.onPressed: event => {
                if (event.key === Qt.Key_Down || event.key === Qt.Key_Tab) {
                    event.accepted = true;
                    grid.forceActiveFocus();
                } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter) {
                    event.accepted = true;
                    root.pick(root.current);
                }
            }
        }

        // One button a category (its first emoji), jumping to it; the one in view is marked.
        RowLayout {
            id: tabs

            readonly property int shownSection: root.model ? root.model.sectionOfRow(grid.indexAt(0, grid.contentY + 1)) : 0

            Layout.fillWidth: true
            visible: search.text.length === 0
            spacing: 0
            Repeater {
                model: root.model ? root.model.sections : []

                delegate: QQC2.ToolButton {
                    id: tab

                    required property var modelData
                    required property int index

                    Layout.fillWidth: true
                    implicitWidth: 24
                    implicitHeight: 30
                    focusPolicy: Qt.NoFocus
                    text: tab.modelData.icon
                    font.family: "Noto Color Emoji"
                    font.pixelSize: 16
                    Accessible.name: tab.modelData.title
                    QQC2.ToolTip.visible: tab.hovered
                    QQC2.ToolTip.delay: 400
                    QQC2.ToolTip.text: tab.modelData.title
                    onClicked: root.showSection(tab.modelData)
                    background: Rectangle {
                        radius: Theme.radiusSmall
                        color: tab.hovered ? Theme.surface2 : "transparent"
                        Rectangle {
                            anchors.bottom: parent.bottom
                            anchors.horizontalCenter: parent.horizontalCenter
                            width: parent.width - 8
                            height: 2
                            radius: 1
                            visible: tabs.shownSection === tab.index
                            color: Theme.accent
                        }
                    }
                }
            }
        }

        ListView {
            id: grid

            objectName: "emojiGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.model
            keyNavigationEnabled: false
            boundsBehavior: Flickable.StopAtBounds
            QQC2.ScrollBar.vertical: QQC2.ScrollBar {}
            Keys.onPressed: event => {
                const steps = {
                    [Qt.Key_Left]: [-1, 0],
                    [Qt.Key_Right]: [1, 0],
                    [Qt.Key_Up]: [0, -1],
                    [Qt.Key_Down]: [0, 1]
                };
                if (event.key in steps) {
                    event.accepted = true;
                    const before = root.current;
                    root.moveBy(steps[event.key][0], steps[event.key][1]);
                    if (event.key === Qt.Key_Up && root.current === before)
                        search.forceActiveFocus(); // up from the first row
                } else if (event.key === Qt.Key_Return || event.key === Qt.Key_Enter || event.key === Qt.Key_Space) {
                    event.accepted = true;
                    root.pick(root.current);
                } else if (event.key === Qt.Key_Backspace) {
                    event.accepted = true;
                    search.remove(search.length - 1, search.length);
                    search.forceActiveFocus();
                } else if (event.text.length > 0 && event.text.charCodeAt(0) >= 32 && event.key !== Qt.Key_Tab) {
                    event.accepted = true;
                    search.insert(search.length, event.text);
                    search.forceActiveFocus();
                }
            }

            delegate: Item {
                id: line

                required property bool isHeader
                required property string title
                required property var emojis
                required property var names
                required property int firstIndex

                width: grid.width
                height: line.isHeader ? 28 : root.cell

                QQC2.Label {
                    anchors.left: parent.left
                    anchors.leftMargin: 4
                    anchors.bottom: parent.bottom
                    anchors.bottomMargin: 4
                    visible: line.isHeader
                    text: line.title
                    color: Theme.mutedText
                    font.pixelSize: 12
                    font.bold: true
                }
                Row {
                    visible: !line.isHeader
                    Repeater {
                        model: line.emojis

                        delegate: Rectangle {
                            id: emojiCell

                            required property string modelData
                            required property int index
                            readonly property int number: line.firstIndex + emojiCell.index

                            objectName: "emojiCell"
                            width: root.cell
                            height: root.cell
                            radius: Theme.radiusSmall
                            color: root.current === emojiCell.number ? Theme.selection
                                                                     : (hover.hovered ? Theme.surface2 : "transparent")
                            Accessible.role: Accessible.Button
                            Accessible.name: line.names[emojiCell.index] || emojiCell.modelData

                            Text {
                                anchors.centerIn: parent
                                text: emojiCell.modelData
                                // By name: Qt 6.4 picks a text font for some emojis otherwise.
                                font.family: "Noto Color Emoji"
                                font.pixelSize: 22
                            }
                            HoverHandler {
                                id: hover

                                onHoveredChanged: {
                                    if (hover.hovered)
                                        root.current = emojiCell.number;
                                }
                            }
                            TapHandler {
                                onTapped: root.pick(emojiCell.number)
                            }
                        }
                    }
                }
            }
        }

        // What Enter would pick, named, as the web app's picker shows it.
        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Text {
                visible: root.model && root.model.emojiCount > 0
                text: root.model && root.shownRevision >= 0 ? root.model.emojiAt(root.current) : ""
                font.family: "Noto Color Emoji"
                font.pixelSize: 24
            }
            QQC2.Label {
                objectName: "emojiPreviewName"
                Layout.fillWidth: true
                text: !root.model || root.shownRevision < 0 ? "" : (root.model.emojiCount === 0 ? qsTr("No emoji found") : root.model.nameAt(root.current))
                color: Theme.mutedText
                elide: Text.ElideRight
            }
        }
    }
}
