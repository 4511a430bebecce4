// SPDX-License-Identifier: Apache-2.0
pragma Singleton
import QtQuick

// Colours derived from the system palette, so light and dark follow the desktop.
QtObject {
    id: root

    readonly property SystemPalette palette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property bool dark: root.palette.window.hslLightness < 0.5

    readonly property color window: root.palette.window
    readonly property color base: root.palette.base
    readonly property color text: root.palette.windowText
    readonly property color mutedText: Qt.rgba(root.text.r, root.text.g, root.text.b, 0.62)
    readonly property color accent: root.palette.highlight
    readonly property color accentText: root.palette.highlightedText
    readonly property color sidebar: root.dark ? Qt.darker(root.window, 1.15) : Qt.darker(root.window, 1.03)
    readonly property color selection: Qt.rgba(root.accent.r, root.accent.g, root.accent.b, root.dark ? 0.32 : 0.16)
    readonly property color divider: Qt.rgba(root.text.r, root.text.g, root.text.b, 0.12)
    readonly property color bubbleMine: root.dark ? "#2f5d9e" : "#d6e6ff"
    readonly property color bubbleTheirs: root.dark ? Qt.lighter(root.base, 1.6) : "#ffffff"
    readonly property color chatBackground: root.dark ? root.base : "#eef0f3"
    readonly property color danger: root.dark ? "#ff7b7b" : "#c62828"
    readonly property color success: root.dark ? "#7bd88f" : "#2e7d32"
    readonly property color warning: root.dark ? "#5c4a16" : "#fff4d6"

    readonly property int spacing: 8
    readonly property int radius: 10
    readonly property real smallFont: 0.85
}
