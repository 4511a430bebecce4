// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2
import QtQuick.Controls.impl as QQC2Impl

// The one filled button of a page or dialog (Continue, Send, Save, Send report): the web app's
// .btn-primary, on-brand text on the brand violet, hover and pressed in the stronger violet.
// It draws its own label and background instead of setting `highlighted`, so its look does not
// hang on which palette roles a style happens to paint highlighted buttons with.
QQC2.Button {
    id: root

    //! What the label and icon are drawn in.
    readonly property color foreground: Theme.textOnBrand

    font.weight: Font.DemiBold
    padding: 8
    leftPadding: 16
    rightPadding: 16
    spacing: 8
    icon.width: 18
    icon.height: 18
    icon.color: root.foreground
    // As the web app: a disabled button keeps its colours at 55 % opacity.
    opacity: root.enabled ? 1 : 0.55

    contentItem: QQC2Impl.IconLabel {
        spacing: root.spacing
        mirrored: root.mirrored
        display: root.display
        icon: root.icon
        text: root.text
        font: root.font
        color: root.foreground
    }

    background: Rectangle {
        implicitWidth: 88
        implicitHeight: 40
        radius: Theme.radiusSmall + 2
        color: root.down || root.hovered ? Theme.brandStrong : Theme.brand
        border.width: root.visualFocus ? 2 : 0
        border.color: Theme.text
    }
}
