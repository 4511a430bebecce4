// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Core

// A conversation's menu in the list (#18): right click, or the Menu key / Shift+F10 on the
// current row. Mute for 1 hour, 8 hours or until turned back on, pin to the top, archive.
// The choices are the user's own and follow them to their other devices.
QQC2.Menu {
    id: root

    property string conversationId: ""
    property bool muted: false
    property bool pinned: false
    property bool archived: false

    objectName: "conversationMenu"
    width: Math.max(root.implicitWidth, 280)

    function show(conversationId: string, muted: bool, pinned: bool, archived: bool, anchor: Item) {
        root.conversationId = conversationId;
        root.muted = muted;
        root.pinned = pinned;
        root.archived = archived;
        root.popup(anchor, anchor.width / 2, anchor.height / 2);
    }

    QQC2.MenuItem {
        objectName: "menuUnmute"
        visible: root.muted
        height: visible ? implicitHeight : 0
        text: qsTr("Unmute")
        icon.source: "qrc:/Natter/Components/icons/bell.svg"
        onTriggered: Session.preferences.unmute(root.conversationId)
    }
    QQC2.MenuItem {
        objectName: "menuMute1h"
        visible: !root.muted
        height: visible ? implicitHeight : 0
        text: qsTr("Mute for 1 hour")
        icon.source: "qrc:/Natter/Components/icons/bellOff.svg"
        onTriggered: Session.preferences.mute(root.conversationId, 1)
    }
    QQC2.MenuItem {
        objectName: "menuMute8h"
        visible: !root.muted
        height: visible ? implicitHeight : 0
        text: qsTr("Mute for 8 hours")
        icon.source: "qrc:/Natter/Components/icons/bellOff.svg"
        onTriggered: Session.preferences.mute(root.conversationId, 8)
    }
    QQC2.MenuItem {
        objectName: "menuMuteForever"
        visible: !root.muted
        height: visible ? implicitHeight : 0
        text: qsTr("Mute until I turn it back on")
        icon.source: "qrc:/Natter/Components/icons/bellOff.svg"
        onTriggered: Session.preferences.mute(root.conversationId, 0)
    }
    QQC2.MenuSeparator {}
    QQC2.MenuItem {
        objectName: "menuPin"
        text: root.pinned ? qsTr("Unpin") : qsTr("Pin to top")
        icon.source: "qrc:/Natter/Components/icons/pin.svg"
        onTriggered: Session.preferences.setPinned(root.conversationId, !root.pinned)
    }
    QQC2.MenuItem {
        objectName: "menuArchive"
        text: root.archived ? qsTr("Unarchive") : qsTr("Archive")
        icon.source: "qrc:/Natter/Components/icons/archive.svg"
        onTriggered: Session.preferences.setArchived(root.conversationId, !root.archived)
    }
}
