// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2

// The frame every dialog shares: a rounded card on the base surface with a thin border, the
// title in the card's heading size, and the standard buttons as the app's own buttons on the
// right, as the web app's modals look. Basic's square frame and full-width grey buttons did not.
QQC2.Dialog {
    id: root

    padding: 20
    topPadding: 8

    background: Rectangle {
        color: Theme.base
        radius: Theme.radius
        border.width: 1
        border.color: Theme.divider
    }

    header: QQC2.Label {
        text: root.title
        visible: root.title.length > 0
        elide: Text.ElideRight
        font.pixelSize: 18
        font.weight: Font.Bold
        color: Theme.text
        leftPadding: 20
        rightPadding: 20
        topPadding: 18
        bottomPadding: 4
    }

    footer: QQC2.DialogButtonBox {
        visible: count > 0
        alignment: Qt.AlignRight
        spacing: Theme.spacing
        padding: 20
        topPadding: 4
        background: null
        delegate: SecondaryButton {}
    }
}
