// SPDX-License-Identifier: Apache-2.0
import QtQuick

// A round avatar with initials, its hue derived from `key` (the user id where known) exactly
// as the web app does (hueFor in web/src/lib/text.ts), so a person has one colour everywhere.
Rectangle {
    id: root

    property string name: ""
    property string key: root.name
    property int size: 36

    readonly property int hue: {
        let hash = 0;
        for (let i = 0; i < root.key.length; ++i)
            hash = (hash * 31 + root.key.charCodeAt(i)) >>> 0;
        return hash % 360;
    }
    readonly property string initials: {
        const words = root.name.replace(/^@/, "").trim().split(/\s+/).filter(w => w.length > 0);
        const letters = words.length > 1 ? words[0][0] + words[1][0]
                                         : (words[0] || "?").slice(0, 2);
        return letters.toUpperCase();
    }

    implicitWidth: root.size
    implicitHeight: root.size
    radius: root.size / 2
    color: Theme.dark ? Qt.hsla(root.hue / 360, 0.40, 0.30, 1) : Qt.hsla(root.hue / 360, 0.70, 0.88, 1)

    Text {
        anchors.centerIn: parent
        text: root.initials
        color: Theme.dark ? Qt.hsla(root.hue / 360, 0.85, 0.88, 1) : Qt.hsla(root.hue / 360, 0.65, 0.24, 1)
        font.pixelSize: root.size * 0.38
        font.bold: true
    }
}
