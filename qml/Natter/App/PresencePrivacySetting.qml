// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Layouts
import Natter.Core
import Natter.Components

// "Show when I'm online" (#18): as in Telegram it works both ways, so the switch says so.
ColumnLayout {
    id: root

    spacing: 2

    QQC2.CheckBox {
        objectName: "showPresence"
        text: qsTr("Show when I'm online and when I was last seen")
        checked: !Session.presence.hidden
        onToggled: Session.presence.setHidden(!checked)
    }
    QQC2.Label {
        Layout.fillWidth: true
        Layout.leftMargin: 40
        text: qsTr("When you hide it, you do not see anyone else's either.")
        color: Theme.mutedText
        font.pixelSize: 12
        wrapMode: Text.Wrap
    }
    InlineError {
        Layout.fillWidth: true
        text: Session.presence.errorText
    }
}
