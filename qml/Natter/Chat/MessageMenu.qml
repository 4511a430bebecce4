// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2

// The context menu of a message (right click, the Menu key or Shift+F10 on the selected one):
// reply, react, copy, and for mine (delete also for a group admin) edit and delete; someone
// else's can be reported to the moderators (#18).
QQC2.Menu {
    id: root

    property string messageId: ""
    property string bodyText: ""
    property bool canEdit: false
    property bool canDelete: false
    property bool canReport: false

    signal replyChosen(string messageId)
    signal reactChosen(string messageId)
    signal editChosen(string messageId)
    signal deleteChosen(string messageId)
    signal copyChosen(string text)
    signal reportChosen(string messageId)

    objectName: "messageMenu"

    QQC2.MenuItem {
        text: qsTr("Reply")
        onTriggered: root.replyChosen(root.messageId)
    }
    QQC2.MenuItem {
        text: qsTr("Add reaction…")
        onTriggered: root.reactChosen(root.messageId)
    }
    QQC2.MenuItem {
        text: qsTr("Copy text")
        onTriggered: root.copyChosen(root.bodyText)
    }
    QQC2.MenuItem {
        objectName: "menuEdit"
        text: qsTr("Edit")
        enabled: root.canEdit
        visible: root.canEdit
        height: visible ? implicitHeight : 0
        onTriggered: root.editChosen(root.messageId)
    }
    QQC2.MenuItem {
        objectName: "menuDelete"
        text: qsTr("Delete…")
        enabled: root.canDelete
        visible: root.canDelete
        height: visible ? implicitHeight : 0
        onTriggered: root.deleteChosen(root.messageId)
    }
    QQC2.MenuItem {
        objectName: "menuReport"
        text: qsTr("Report…")
        enabled: root.canReport
        visible: root.canReport
        height: visible ? implicitHeight : 0
        onTriggered: root.reportChosen(root.messageId)
    }
}
