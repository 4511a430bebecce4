// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import Natter.Components

// A primary button writes its label in the Theme's on-brand colour on the brand colour, and
// the two are readable together (WCAG contrast), not the black-on-violet of the Basic style.
Item {
    id: root

    width: 300
    height: 100

    PrimaryButton {
        id: button

        text: "Continue"
    }

    TestCase {
        name: "PrimaryButton"
        when: windowShown

        function luminance(c) {
            function channel(v) {
                return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
            }
            return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
        }

        function contrast(a, b) {
            const la = luminance(a);
            const lb = luminance(b);
            return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
        }

        function test_labelIsOnBrandOnTheBrandColour() {
            verify(Qt.colorEqual(button.contentItem.color, Theme.textOnBrand),
                   "label " + button.contentItem.color + ", on-brand " + Theme.textOnBrand);
            verify(Qt.colorEqual(button.icon.color, Theme.textOnBrand));
            verify(Qt.colorEqual(button.background.color, Theme.brand));
        }

        function test_labelIsReadable() {
            const ratio = contrast(button.contentItem.color, button.background.color);
            verify(ratio >= 4.5, "contrast " + ratio.toFixed(2) + ": " + button.contentItem.color
                   + " on " + button.background.color);
        }

        function test_lightSchemeWritesWhite() {
            if (Theme.dark)
                return;
            verify(Qt.colorEqual(Theme.textOnBrand, "#ffffff"), "on-brand is " + Theme.textOnBrand);
        }
    }
}
