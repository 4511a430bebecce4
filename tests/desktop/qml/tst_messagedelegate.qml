// SPDX-License-Identifier: Apache-2.0
import QtQuick
import QtTest
import Natter.Chat

// TestCase itself is invisible; the items under test live beside it in a visible root.
Item {
    id: root

    width: 600
    height: 300

    TestCase {
        id: testCase

        name: "MessageDelegate"
        when: windowShown
        width: 600
        height: 300

        Component {
            id: delegateComponent

            MessageDelegate {
                availableWidth: 600
                bodyText: "Hello there"
                formattedText: "Hello there"
                formattedTextHasCode: false
                senderName: "Bob"
                isMine: false
                status: MessageDelegate.Status.Sent
                timeText: "09:15"
                showDaySeparator: false
                dayLabel: "Today"
                showSender: true
                localId: 0
                errorText: ""
                attachments: []
            }
        }

        SignalSpy {
            id: retries

            signalName: "retryRequested"
        }
        SignalSpy {
            id: discards

            signalName: "discardRequested"
        }

        function make(properties) {
            const item = createTemporaryObject(delegateComponent, root, properties);
            verify(item);
            return item;
        }

        function test_theirsShowsSenderNotTicks() {
            const item = make({});
            verify(findChild(item, "senderLabel").visible);
            compare(findChild(item, "bodyLabel").text, "Hello there");
            verify(!findChild(item, "ticks").visible);
            verify(!findChild(item, "failedRow").visible);
        }

        function test_mineShowsTicksByStatus() {
            const item = make({
                    "isMine": true
                });
            verify(!findChild(item, "senderLabel").visible);
            const ticks = findChild(item, "ticks");
            verify(ticks.visible);
            compare(ticks.icon, "check");
            item.status = MessageDelegate.Status.Delivered;
            compare(ticks.icon, "checks");
            item.status = MessageDelegate.Status.Read;
            compare(ticks.icon, "checks");
            item.status = MessageDelegate.Status.Sending;
            compare(ticks.icon, "clock");
            tryCompare(ticks, "status", Image.Ready); // the SVG icon really loads
        }

        function test_failedOffersRetryAndDiscard() {
            const item = make({
                    "isMine": true,
                    "status": MessageDelegate.Status.Failed,
                    "localId": 42,
                    "errorText": "You are not a member"
                });
            verify(findChild(item, "failedRow").visible);
            verify(!findChild(item, "ticks").visible);
            retries.target = item;
            discards.target = item;
            retries.clear();
            discards.clear();
            waitForRendering(item);
            mouseClick(findChild(item, "retryButton"));
            compare(retries.count, 1);
            compare(retries.signalArguments[0][0], 42);
            mouseClick(findChild(item, "discardButton"));
            compare(discards.count, 1);
        }

        function test_daySeparatorOnlyWhenAsked() {
            const item = make({
                    "showDaySeparator": true,
                    "dayLabel": "Yesterday"
                });
            verify(findChild(item, "daySeparator").visible);
            const plain = make({
                    "showDaySeparator": false
                });
            verify(!findChild(plain, "daySeparator").visible);
        }

        function test_bodyShowsTheFormattedText() {
            // The model escapes the message and adds only its own tags (tst_desktop_messageformat).
            const item = make({
                    "bodyText": "*bold* <i>",
                    "formattedText": "<b>bold</b> &lt;i&gt;"
                });
            const label = findChild(item, "bodyLabel");
            compare(label.textFormat, Text.StyledText);
            compare(label.text, "<b>bold</b> &lt;i&gt;");
            const code = make({
                    "formattedText": "<code>make</code>",
                    "formattedTextHasCode": true
                });
            compare(findChild(code, "bodyLabel").textFormat, Text.RichText);
        }
    }
}
