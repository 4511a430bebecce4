// SPDX-License-Identifier: Apache-2.0
pragma Singleton
import QtQuick

// The web app's design tokens (web/src/styles/theme.css): brand violet, surfaces, bubbles,
// the read-tick blue. Light or dark follows the system palette's window colour, as the web
// app follows prefers-color-scheme.
QtObject {
    id: root

    readonly property SystemPalette palette: SystemPalette {
        colorGroup: SystemPalette.Active
    }
    readonly property bool dark: root.palette.window.hslLightness < 0.5

    readonly property color brand: root.dark ? "#8f85ff" : "#5b4cf0"
    readonly property color brandStrong: root.dark ? "#a59dff" : "#4a3bd6"
    readonly property color brandSoft: root.dark ? "#2b2856" : "#ece9fe"
    // Not "onBrand": QML reads a property named on<Capital> as a signal handler, and it came
    // out as black on the violet.
    readonly property color textOnBrand: root.dark ? "#0f0d24" : "#ffffff"

    readonly property color window: root.dark ? "#0f1118" : "#f4f5fa"
    readonly property color base: root.dark ? "#171a24" : "#ffffff"
    readonly property color surface2: root.dark ? "#1f2330" : "#eef0f6"
    readonly property color surface3: root.dark ? "#2a2f3f" : "#e2e5ef"
    readonly property color text: root.dark ? "#e8eaf2" : "#171a26"
    readonly property color mutedText: root.dark ? "#a6acbf" : "#596074"
    readonly property color accent: root.brand
    readonly property color accentText: root.textOnBrand
    readonly property color sidebar: root.base
    readonly property color selection: root.brandSoft
    readonly property color divider: root.dark ? "#2b3040" : "#dcdfe9"
    readonly property color bubbleMine: "#5b4cf0"
    readonly property color bubbleMineText: "#ffffff"
    readonly property color bubbleMineMuted: Qt.rgba(1, 1, 1, 0.72)
    readonly property color bubbleTheirs: root.dark ? "#222634" : "#ffffff"
    readonly property color bubbleTheirsText: root.text
    readonly property color chatBackground: root.dark ? "#12141c" : "#eceef6"
    readonly property color danger: root.dark ? "#ff6b81" : "#d92d4a"
    readonly property color dangerSoft: root.dark ? "#3a1a22" : "#fde8ec"
    readonly property color success: root.dark ? "#4ad6a0" : "#12875c"
    readonly property color warning: root.dark ? "#3a2a14" : "#fff1de"
    readonly property color warningText: root.dark ? "#ffb259" : "#b25e09"
    readonly property color read: root.dark ? "#6cc3ff" : "#2f9cf0"
    readonly property color readOnMine: "#bfe6ff"

    readonly property int spacing: 8
    readonly property int radius: 12
    readonly property int radiusSmall: 8
    readonly property real smallFont: 0.85
}
