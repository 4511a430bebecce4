// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// Shown while the live connection is down: what you see may be behind, and what you send waits.
// When the server cannot be reached it says why, when the next try is, and offers "Retry now".
Rectangle {
    id: root

    readonly property bool shown: Session.state === Session.Ready && Session.connection !== Session.Online

    implicitHeight: root.shown ? row.implicitHeight + 8 : 0
    visible: root.shown
    color: Theme.warning

    RowLayout {
        id: row

        anchors.fill: parent
        anchors.leftMargin: 10
        anchors.rightMargin: 6
        spacing: 8

        QQC2.Label {
            objectName: "connectionBannerText"
            Layout.fillWidth: true
            elide: Text.ElideRight
            font.pixelSize: 12
            text: {
                if (Session.serverProblem.length > 0) {
                    const wait = Session.retryInSeconds > 0
                        ? qsTr(" Trying again in %1 s.").arg(Session.retryInSeconds) : "";
                    return qsTr("Offline, showing what was saved on this computer. %1%2")
                        .arg(Session.serverProblem).arg(wait);
                }
                return Session.connection === Session.Connecting
                    ? qsTr("Connecting… Messages you write are sent once the connection is back.")
                    : qsTr("Offline. Showing what was saved on this computer.");
            }
        }
        SecondaryButton {
            objectName: "retryNowButton"
            text: qsTr("Retry now")
            flat: true
            font.pixelSize: 12
            onClicked: Session.retryNow()
        }
    }
}
