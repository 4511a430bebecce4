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

        y: 150
        width: 600
    }

    // Stands in for MentionCompletionModel (its filtering is tested in tst_desktop_models).
    ListModel {
        id: members

        property string prefix: ""

        function usernameAt(row) {
            return members.get(row).username;
        }

        ListElement { displayName: "Bob Martin"; username: "bob" }
        ListElement { displayName: "Bobby Tables"; username: "bobby" }
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
        SignalSpy {
            id: editLast

            target: composer
            signalName: "editLastRequested"
        }
        SignalSpy {
            id: cancels

            target: composer
            signalName: "cancelRequested"
        }

        function init() {
            composer.clear();
            submitted.clear();
            typing.clear();
            editLast.clear();
            cancels.clear();
            composer.mentionCompletions = null;
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

        // #12: Up in an empty composer edits my last message; Esc leaves a reply or an edit.
        function test_upInAnEmptyComposerAsksToEditTheLastMessage() {
            keyClick(Qt.Key_Up);
            compare(editLast.count, 1);
            keyClick("x");
            keyClick(Qt.Key_Up);
            compare(editLast.count, 1, "Up moves the cursor once there is text");
            keyClick(Qt.Key_Escape);
            compare(cancels.count, 1);
        }

        function test_atCompletesAMemberWithEnter() {
            composer.mentionCompletions = members;
            for (const key of ["h", "i", " ", "@", "b", "o"])
                keyClick(key);
            compare(members.prefix, "bo");
            const list = findChild(composer, "mentionCompletions");
            tryVerify(() => list.visible);
            keyClick(Qt.Key_Down);
            keyClick(Qt.Key_Return);
            compare(composer.text, "hi @bobby ");
            compare(submitted.count, 0, "Enter took the completion, it did not send");
            verify(!list.visible);
            // An @ inside a word (an address) completes nothing.
            keyClick("x");
            keyClick("@");
            verify(!list.visible);
            keyClick(Qt.Key_Return);
            compare(submitted.count, 1);
        }
    }
}
