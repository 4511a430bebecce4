// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import Natter.Core
import Natter.Components

// Shown while the live connection is down: what you see may be behind, and what you send waits.
Rectangle {
    id: root

    readonly property bool shown: Session.state === Session.Ready && Session.connection !== Session.Online

    implicitHeight: root.shown ? 26 : 0
    visible: root.shown
    color: Theme.warning

    QQC2.Label {
        id: label

        anchors.centerIn: parent
        width: parent.width - 20
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
        text: Session.connection === Session.Connecting
              ? qsTr("Connecting… Messages you write are sent once the connection is back.")
              : qsTr("Offline. Showing what was saved on this computer.")
        font.pixelSize: 12
    }
}
