// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Layouts

// The bottom row of a dialog that has its own action: [Cancel] [Primary] on one line at the
// right, as in the web app's modals. A Cancel among the standard buttons sat on a line of its
// own below the dialog's primary button.
RowLayout {
    id: root

    property alias primaryText: primary.text
    property alias primaryEnabled: primary.enabled

    signal primaryClicked()
    signal cancelClicked()

    Layout.fillWidth: true
    spacing: Theme.spacing

    Item {
        Layout.fillWidth: true
    }
    SecondaryButton {
        text: qsTr("Cancel")
        onClicked: root.cancelClicked()
    }
    PrimaryButton {
        id: primary

        objectName: "dialogPrimaryButton"
        onClicked: root.primaryClicked()
    }
}
