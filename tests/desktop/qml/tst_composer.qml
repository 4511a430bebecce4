// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import Natter.Chat

// TestCase itself is invisible; the items under test live beside it in a visible root.
Item {
    id: root

    width: 600
    height: 200

    Composer {
        id: composer

        width: 600
    }

    TestCase {
        id: testCase

        name: "Composer"
        when: windowShown
        width: 600
        height: 200

        SignalSpy {
            id: submitted

            target: composer
            signalName: "submitted"
        }
        SignalSpy {
            id: typing

            target: composer
            signalName: "typing"
        }

        function init() {
            composer.clear();
            submitted.clear();
            typing.clear();
            composer.focusInput();
        }

        function test_enterSubmits() {
            keyClick("h");
            keyClick("i");
            verify(typing.count > 0, "typing is announced");
            keyClick(Qt.Key_Return);
            compare(submitted.count, 1);
            compare(submitted.signalArguments[0][0], "hi");
            // The holder decides whether the text goes away (only when the send was accepted).
            compare(composer.text, "hi");
        }

        function test_shiftEnterStartsANewLine() {
            keyClick("a");
            keyClick(Qt.Key_Return, Qt.ShiftModifier);
            keyClick("b");
            compare(submitted.count, 0);
            compare(composer.text, "a\nb");
            keyClick(Qt.Key_Enter);
            compare(submitted.count, 1);
            compare(submitted.signalArguments[0][0], "a\nb");
        }

        function test_blankIsNotSent() {
            keyClick(Qt.Key_Space);
            keyClick(Qt.Key_Return);
            compare(submitted.count, 0);
            verify(!composer.canSubmit);
        }

        function test_tooLongIsNotSent() {
            composer.text = "x".repeat(4001);
            verify(!composer.canSubmit);
            composer.submit();
            compare(submitted.count, 0);
            composer.text = "x".repeat(4000);
            composer.submit();
            compare(submitted.count, 1);
        }

        // #20 item 5: Tab moves focus, as everywhere else; it never types a tab character.
        function test_tabMovesFocus() {
            const input = findChild(composer, "composerInput");
            keyClick("x");
            verify(input.activeFocus);
            keyClick(Qt.Key_Tab);
            compare(composer.text, "x");
            verify(!input.activeFocus, "focus left the message box");
            composer.focusInput();
            keyClick(Qt.Key_Backtab, Qt.ShiftModifier);
            compare(composer.text, "x");
            verify(!input.activeFocus);
        }

        function test_sendButton() {
            const button = findChild(composer, "sendButton");
            verify(button);
            verify(!button.enabled);
            keyClick("y");
            verify(button.enabled);
            mouseClick(button);
            compare(submitted.count, 1);
            compare(submitted.signalArguments[0][0], "y");
        }
    }
}
