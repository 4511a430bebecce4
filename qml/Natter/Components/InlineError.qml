// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtQuick.Controls as QQC2

QQC2.Label {
    id: root

    visible: root.text.length > 0
    color: Theme.danger
    wrapMode: Text.Wrap
}
