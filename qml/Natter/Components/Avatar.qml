// SPDX-License-Identifier: Apache-2.0
import QtQuick

// A round avatar with initials, its hue derived from `key` (the user id where known) exactly
// as the web app does (hueFor in web/src/lib/text.ts), so a person has one colour everywhere.
// With a picture on the server (`avatarUrl` `/api/v1/avatars/…`) the picture covers the
// initials, cut to a circle by the image provider; an address elsewhere is never loaded (no
// third party learns who looks at whom).
Rectangle {
    id: root

    property string name: ""
    property string key: root.name
    property int size: 36
    // The user's `avatar_url`.
    property string source: ""

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

    Image {
        id: picture

        objectName: "avatarPicture"
        anchors.fill: parent
        visible: picture.status === Image.Ready
        source: root.source.startsWith("/api/v1/") ? "image://natter-round" + root.source : ""
        sourceSize.width: root.size * 2
        sourceSize.height: root.size * 2
        asynchronous: true
    }
    Text {
        anchors.centerIn: parent
        visible: !picture.visible
        text: root.initials
        color: Theme.dark ? Qt.hsla(root.hue / 360, 0.85, 0.88, 1) : Qt.hsla(root.hue / 360, 0.65, 0.24, 1)
        font.pixelSize: root.size * 0.38
        font.bold: true
    }
}
