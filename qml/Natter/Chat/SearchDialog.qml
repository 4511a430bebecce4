// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// Message search: Ctrl+F in the open conversation, Ctrl+Shift+F in all of them. Results come
// as you type; Up/Down choose, Enter (or a click) opens the message in its history.
QQC2.Popup {
    id: root

    //! false: the open conversation only.
    property bool everywhere: false

    function show(inAll) {
        root.everywhere = inAll || !Session.chat.isOpen;
        root.open();
    }
    function openCurrent() {
        if (results.count === 0)
            return;
        Session.search.openResult(Math.max(0, results.currentIndex));
        root.close();
    }

    objectName: "searchDialog"
    modal: true
    focus: true
    closePolicy: QQC2.Popup.CloseOnEscape | QQC2.Popup.CloseOnPressOutside
    width: Math.min(560, parent ? parent.width - 40 : 560)
    height: Math.min(480, parent ? parent.height - 80 : 480)
    x: parent ? (parent.width - width) / 2 : 0
    y: 60
    padding: 10

    background: Rectangle {
        color: Theme.base
        radius: Theme.radius
        border.width: 1
        border.color: Theme.divider
    }

    onOpened: {
        field.text = "";
        Session.search.clear();
        field.forceActiveFocus();
    }
    onEverywhereChanged: searchLater.restart()

    Timer {
        id: searchLater

        interval: 250
        onTriggered: Session.search.search(field.text, root.everywhere)
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            spacing: 8
            Icon {
                icon: "search"
                color: Theme.mutedText
            }
            QQC2.TextField {
                id: field

                objectName: "searchField"
                Layout.fillWidth: true
                placeholderText: root.everywhere ? qsTr("Search all conversations…")
                                                 : qsTr("Search in %1…").arg(Session.chat.title)
                onTextChanged: searchLater.restart()
                Keys.onDownPressed: results.incrementCurrentIndex()
                Keys.onUpPressed: results.decrementCurrentIndex()
                onAccepted: root.openCurrent()
            }
            QQC2.Switch {
                objectName: "searchEverywhere"
                text: qsTr("All conversations")
                checked: root.everywhere
                enabled: Session.chat.isOpen
                onToggled: root.everywhere = checked
            }
        }
        QQC2.Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: Session.search.errorText.length > 0
                  ? Session.search.errorText
                  : (Session.search.busy ? qsTr("Searching…")
                                         : (Session.search.searchedText.length > 0 && results.count === 0
                                            ? qsTr("No messages match “%1”.").arg(Session.search.searchedText)
                                            : ""))
            color: Session.search.errorText.length > 0 ? Theme.danger : Theme.mutedText
            wrapMode: Text.Wrap
        }
        ListView {
            id: results

            objectName: "searchResults"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Session.search.results
            currentIndex: 0
            highlightMoveDuration: 0
            highlight: Rectangle {
                color: Theme.selection
                radius: Theme.radiusSmall
            }
            QQC2.ScrollBar.vertical: QQC2.ScrollBar {}

            delegate: Item {
                id: result

                required property int index
                required property string conversationTitle
                required property string senderName
                required property string timeText
                required property string snippet

                width: results.width
                height: lines.implicitHeight + 14

                ColumnLayout {
                    id: lines

                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.leftMargin: 10
                    anchors.rightMargin: 10
                    spacing: 2
                    RowLayout {
                        Layout.fillWidth: true
                        QQC2.Label {
                            Layout.fillWidth: true
                            text: root.everywhere ? qsTr("%1 in %2").arg(result.senderName).arg(result.conversationTitle)
                                                  : result.senderName
                            textFormat: Text.PlainText
                            font.bold: true
                            font.pixelSize: 12
                            elide: Text.ElideRight
                        }
                        QQC2.Label {
                            text: result.timeText
                            color: Theme.mutedText
                            font.pixelSize: 11
                        }
                    }
                    QQC2.Label {
                        objectName: "searchSnippet"
                        Layout.fillWidth: true
                        // Escaped text with highlighted hits only (SearchResultModel::snippetMarkup).
                        text: result.snippet
                        textFormat: Text.RichText
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                        color: Theme.text
                    }
                }
                MouseArea {
                    anchors.fill: parent
                    cursorShape: Qt.PointingHandCursor
                    onClicked: {
                        results.currentIndex = result.index;
                        root.openCurrent();
                    }
                }
            }
        }
    }
}
